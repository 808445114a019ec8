// Counting the register: breakdowns, period comparison and local-time buckets (Europe/Amsterdam).
import {
  MEANS,
  OUTCOMES,
  TARGETS,
  type CountedIncident,
  type IncidentMeans,
  type IncidentOutcome,
  type IncidentTarget,
} from './types.js';
import { localDayKey, localMonthKey, localParts } from './local-time.js';

// ---------------------------------------------------------------------------------------------
// Breakdowns

export interface Breakdown {
  total: number;
  byTarget: Record<IncidentTarget, number>;
  byOutcome: Record<IncidentOutcome, number>;
  byMeans: Record<IncidentMeans, number>;
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const key of keys) out[key] = 0;
  return out;
}

export function breakdown(incidents: readonly CountedIncident[]): Breakdown {
  const result: Breakdown = {
    total: incidents.length,
    byTarget: zeros(TARGETS),
    byOutcome: zeros(OUTCOMES),
    byMeans: zeros(MEANS),
  };
  for (const incident of incidents) {
    result.byTarget[incident.target] += 1;
    result.byOutcome[incident.outcome] += 1;
    result.byMeans[incident.means] += 1;
  }
  return result;
}

export interface PeriodComparison {
  current: Breakdown;
  previous: Breakdown;
  /** (current - previous) / previous as a fraction; null when previous is 0. */
  change: number | null;
}

export function relativeChange(current: number, previous: number): number | null {
  return previous === 0 ? null : (current - previous) / previous;
}

export function comparePeriods(
  current: readonly CountedIncident[],
  previous: readonly CountedIncident[],
): PeriodComparison {
  const cur = breakdown(current);
  const prev = breakdown(previous);
  return { current: cur, previous: prev, change: relativeChange(cur.total, prev.total) };
}

// ---------------------------------------------------------------------------------------------
// Time buckets

/** Twelve counts (January first) of the incidents in the given local year. */
export function countByLocalMonth(incidents: readonly CountedIncident[], year: number): number[] {
  const counts = new Array<number>(12).fill(0);
  for (const incident of incidents) {
    const p = localParts(incident.occurredAt);
    if (p.year === year) counts[p.month - 1]! += 1;
  }
  return counts;
}

/** 'YYYY-MM' → count, in chronological key order. */
export function countByLocalMonthKey(incidents: readonly CountedIncident[]): Map<string, number> {
  return countByKey(incidents, localMonthKey);
}

/** 'YYYY-MM-DD' → count, in chronological key order. */
export function countByLocalDay(incidents: readonly CountedIncident[]): Map<string, number> {
  return countByKey(incidents, localDayKey);
}

function countByKey(incidents: readonly CountedIncident[], keyOf: (instant: Date) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const incident of incidents) {
    const key = keyOf(incident.occurredAt);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return new Map([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** 24 counts by local clock hour (0 = 00:00–00:59). */
export function countByLocalHour(incidents: readonly CountedIncident[]): number[] {
  const counts = new Array<number>(24).fill(0);
  for (const incident of incidents) counts[localParts(incident.occurredAt).hour]! += 1;
  return counts;
}

export const HOUR_BANDS = ['nacht', 'ochtend', 'middag', 'avond'] as const;
export type HourBand = (typeof HOUR_BANDS)[number];

/** nacht 00–06, ochtend 06–12, middag 12–18, avond 18–24 (local). */
export function hourBand(hour: number): HourBand {
  return HOUR_BANDS[Math.min(3, Math.floor(hour / 6))]!;
}

export function countByHourBand(incidents: readonly CountedIncident[]): Record<HourBand, number> {
  const counts = zeros(HOUR_BANDS);
  for (const incident of incidents) counts[hourBand(localParts(incident.occurredAt).hour)] += 1;
  return counts;
}

/** Share of incidents with local time in [fromHour, toHour); null without incidents. */
export function shareBetweenHours(
  incidents: readonly CountedIncident[],
  fromHour: number,
  toHour: number,
): number | null {
  if (incidents.length === 0) return null;
  let inside = 0;
  for (const incident of incidents) {
    const hour = localParts(incident.occurredAt).hour;
    if (hour >= fromHour && hour < toHour) inside += 1;
  }
  return inside / incidents.length;
}

/** Share between 02:00 and 05:00 local, the hours the police name; null without incidents. */
export function nightShare(incidents: readonly CountedIncident[]): number | null {
  return shareBetweenHours(incidents, 2, 5);
}
