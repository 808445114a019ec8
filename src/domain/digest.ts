// The daily digest as figures: what happened since the previous digest, the week against the week
// before, the year against the target, the top municipalities and arrests. Aggregates only: a digest is
// posted into shared channels, so it carries no incident references, postcodes or times.
import { rankingWithCut, type RankedMunicipality, type RankingCut } from './ranking.js';
import { localInstant, localParts } from './local-time.js';
import { breakdown, relativeChange, type Breakdown } from './statistics.js';
import type { TargetProgress } from './target-progress.js';
import { TARGETS, type CountedIncident, type IncidentTarget } from './types.js';

const DAY_MS = 86_400_000;
export const TOP_MUNICIPALITIES = 5;

export interface DigestWindows {
  /** The previous digest; incidents in [since, at) are "since the last digest". */
  since: Date;
  at: Date;
  /** The same local time seven days before `at`: the week is [weekStart, at). */
  weekStart: Date;
  /** Seven local days before `weekStart`: the week before is [previousWeekStart, weekStart). */
  previousWeekStart: Date;
  /** Local midnight of 1 January of `at`'s year. */
  yearStart: Date;
  /** The earliest instant any part of the digest needs: load counted incidents from here to `at`. */
  loadFrom: Date;
}

/** The windows of a digest at `at`; `since` defaults to 24 hours earlier and must lie before `at`. */
export function digestWindows(at: Date, since?: Date): DigestWindows {
  const from = since ?? new Date(at.getTime() - DAY_MS);
  if (!(from.getTime() < at.getTime())) throw new RangeError('since must lie before at');
  const weekStart = sevenLocalDaysBefore(at);
  const previousWeekStart = sevenLocalDaysBefore(weekStart);
  const yearStart = localInstant(localParts(at).year, 1, 1);
  const loadFrom = new Date(Math.min(from.getTime(), previousWeekStart.getTime()));
  return { since: from, at, weekStart, previousWeekStart, yearStart, loadFrom };
}

/** Seven calendar days back at the same wall-clock time, so a summer-time change shifts nothing. */
function sevenLocalDaysBefore(instant: Date): Date {
  const p = localParts(instant);
  const span = localInstant(p.year, p.month, p.day).getTime() - localInstant(p.year, p.month, p.day - 7).getTime();
  return new Date(instant.getTime() - span);
}

/** Slots the Field Lab work fills; open for more fields, the digest shows title and day. */
export interface DigestMilestone {
  title: string;
  /** Local date `YYYY-MM-DD`. */
  dueDay: string;
  /** E.g. the intervention or team it belongs to. */
  detail?: string;
}

export interface DigestCheckIn {
  title: string;
  dueDay: string;
  detail?: string;
}

export interface DigestSources {
  windows: DigestWindows;
  /** Narrows the incident part to one municipality; the rest stays national. */
  municipalityCode: string | null;
  /** Counted incidents, nationally, in [windows.loadFrom, windows.at). */
  recent: readonly CountedIncident[];
  /** Counted incidents, nationally, in [windows.yearStart, windows.at). */
  yearToDate: readonly CountedIncident[];
  /** Progress against the target, or null when there is none to report. */
  progress: TargetProgress | null;
  arrests: DigestArrests;
  milestones?: readonly DigestMilestone[];
  overdueCheckIns?: readonly DigestCheckIn[];
  /** Orders ties in the ranking by name; the CBS code when absent. */
  nameOf?: (code: string) => string;
}

export interface DigestArrests {
  /** National arrests this year up to `at`'s local date. */
  yearToDate: number;
  /** National arrests in the seven local dates ending with `at`'s. */
  week: number;
}

export interface MunicipalityCount {
  municipalityCode: string;
  total: number;
  byTarget: Record<IncidentTarget, number>;
}

export interface IncidentSummary extends Breakdown {
  /** Most incidents first, then by CBS code. */
  byMunicipality: MunicipalityCount[];
}

export interface WeekComparison {
  current: number;
  previous: number;
  /** Relative change; null when the week before had none. */
  change: number | null;
}

export interface DigestModel {
  windows: DigestWindows;
  municipalityCode: string | null;
  /** Since the previous digest, in the digest's scope (one municipality or the country). */
  sinceLast: IncidentSummary;
  week: WeekComparison;
  /** National context when the digest is narrowed to a municipality, else null. */
  national: { sinceLast: number; week: WeekComparison } | null;
  /** The filtered municipality's place nationally this year; null without a filter. */
  municipalityYear: { count: number; rank: number | null } | null;
  progress: TargetProgress | null;
  top: RankedMunicipality[];
  /** Municipalities left out of `top` with as many incidents as its last one. */
  topTiedBeyond: RankingCut['tiedBeyond'];
  arrests: DigestArrests;
  milestones: readonly DigestMilestone[];
  overdueCheckIns: readonly DigestCheckIn[];
}

export function digestModel(sources: DigestSources): DigestModel {
  const { windows: w, municipalityCode } = sources;
  const within = (list: readonly CountedIncident[], from: Date, to: Date) =>
    list.filter((i) => i.occurredAt.getTime() >= from.getTime() && i.occurredAt.getTime() < to.getTime());
  const inScope = (list: readonly CountedIncident[]) =>
    municipalityCode === null ? list : list.filter((i) => i.municipalityCode === municipalityCode);

  const sinceLastAll = within(sources.recent, w.since, w.at);
  const weekOf = (list: readonly CountedIncident[]): WeekComparison => {
    const current = within(list, w.weekStart, w.at).length;
    const previous = within(list, w.previousWeekStart, w.weekStart).length;
    return { current, previous, change: relativeChange(current, previous) };
  };
  const yearInAt = within(sources.yearToDate, w.yearStart, w.at);
  const { ranked: ranking } = rankingWithCut(yearInAt, Number.POSITIVE_INFINITY, sources.nameOf);
  const top = rankingWithCut(yearInAt, TOP_MUNICIPALITIES, sources.nameOf);

  let municipalityYear: DigestModel['municipalityYear'] = null;
  if (municipalityCode !== null) {
    const own = ranking.find((r) => r.municipalityCode === municipalityCode);
    municipalityYear = own ? { count: own.count, rank: own.rank } : { count: 0, rank: null };
  }

  return {
    windows: w,
    municipalityCode,
    sinceLast: summarise(inScope(sinceLastAll)),
    week: weekOf(inScope(sources.recent)),
    national: municipalityCode === null ? null : { sinceLast: sinceLastAll.length, week: weekOf(sources.recent) },
    municipalityYear,
    progress: sources.progress,
    top: top.ranked,
    topTiedBeyond: top.tiedBeyond,
    arrests: sources.arrests,
    milestones: sources.milestones ?? [],
    overdueCheckIns: sources.overdueCheckIns ?? [],
  };
}

export function summarise(incidents: readonly CountedIncident[]): IncidentSummary {
  const perCode = new Map<string, MunicipalityCount>();
  for (const incident of incidents) {
    let entry = perCode.get(incident.municipalityCode);
    if (!entry) {
      entry = { municipalityCode: incident.municipalityCode, total: 0, byTarget: Object.fromEntries(TARGETS.map((t) => [t, 0])) as Record<IncidentTarget, number> };
      perCode.set(incident.municipalityCode, entry);
    }
    entry.total += 1;
    entry.byTarget[incident.target] += 1;
  }
  const byMunicipality = [...perCode.values()].sort(
    (a, b) => b.total - a.total || (a.municipalityCode < b.municipalityCode ? -1 : a.municipalityCode > b.municipalityCode ? 1 : 0),
  );
  return { ...breakdown(incidents), byMunicipality };
}
