// Repeat attacks: an incident whose postcode area (or, when it has none, its municipality) had another
// counted incident in the window before it (REPEAT_WINDOW_DAYS, 90 by default). Computed from the counted
// incidents every time, never stored: a correction or withdrawal changes the answer at once. Pure.

export const DEFAULT_REPEAT_WINDOW_DAYS = 90;
const DAY_MS = 86_400_000;

export interface AreaIncident {
  reference: string;
  occurredAt: Date;
  municipalityCode: string;
  postcode4: string | null;
}

export type RepeatArea = { kind: 'postcode'; postcode4: string; municipalityCode: string } | { kind: 'gemeente'; municipalityCode: string };

export interface Repeat {
  area: RepeatArea;
  /** 2 for the second attack in the window (this one included). */
  ordinal: number;
  /** The latest earlier attack in the area. */
  previous: Date;
  windowDays: number;
}

export function areaOf(incident: AreaIncident): RepeatArea {
  return incident.postcode4
    ? { kind: 'postcode', postcode4: incident.postcode4, municipalityCode: incident.municipalityCode }
    : { kind: 'gemeente', municipalityCode: incident.municipalityCode };
}

function areaKey(area: RepeatArea): string {
  return area.kind === 'postcode' ? `pc:${area.postcode4}` : `gm:${area.municipalityCode}`;
}

/** Does `other` lie in the area of `incident`? A postcode area is its four digits; without one, the municipality. */
function inAreaOf(incident: AreaIncident, other: AreaIncident): boolean {
  return incident.postcode4 ? other.postcode4 === incident.postcode4 : other.municipalityCode === incident.municipalityCode;
}

/**
 * Whether `incident` is a repeat, from the counted incidents `counted` (it may be among them; withdrawn
 * ones must not be). Earlier means: in [occurredAt − window, occurredAt).
 */
export function repeatOf(incident: AreaIncident, counted: readonly AreaIncident[], windowDays = DEFAULT_REPEAT_WINDOW_DAYS): Repeat | undefined {
  const from = incident.occurredAt.getTime() - windowDays * DAY_MS;
  const earlier = counted.filter(
    (other) => other.reference !== incident.reference && inAreaOf(incident, other) && other.occurredAt.getTime() >= from && other.occurredAt < incident.occurredAt,
  );
  if (earlier.length === 0) return undefined;
  const previous = new Date(Math.max(...earlier.map((o) => o.occurredAt.getTime())));
  return { area: areaOf(incident), ordinal: earlier.length + 1, previous, windowDays };
}

export interface RepeatAreaSummary {
  area: RepeatArea;
  /** Attacks in the area in the period. */
  incidents: number;
  /** Of those, the repeats. */
  repeats: number;
  last: Date;
}

/**
 * The areas with a repeat in [start, end): `counted` must hold the counted incidents from `start − window`
 * on, so the first repeats of the period see what came before it. Most repeats first, then by area.
 */
export function repeatAreas(counted: readonly AreaIncident[], start: Date, end: Date, windowDays = DEFAULT_REPEAT_WINDOW_DAYS): RepeatAreaSummary[] {
  const inPeriod = counted.filter((i) => i.occurredAt >= start && i.occurredAt < end);
  const byArea = new Map<string, RepeatAreaSummary>();
  for (const incident of inPeriod) {
    const area = areaOf(incident);
    const key = areaKey(area);
    const summary = byArea.get(key) ?? { area, incidents: 0, repeats: 0, last: incident.occurredAt };
    summary.incidents += 1;
    if (incident.occurredAt > summary.last) summary.last = incident.occurredAt;
    if (repeatOf(incident, counted, windowDays)) summary.repeats += 1;
    byArea.set(key, summary);
  }
  return [...byArea.values()]
    .filter((s) => s.repeats > 0)
    .sort((a, b) => b.repeats - a.repeats || areaKey(a.area).localeCompare(areaKey(b.area)));
}

/** Areas with repeats per municipality: what a viewer without detail may be told (a count, under the small-number rule). */
export function repeatAreasPerMunicipality(areas: readonly RepeatAreaSummary[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const a of areas) counts.set(a.area.municipalityCode, (counts.get(a.area.municipalityCode) ?? 0) + 1);
  return counts;
}
