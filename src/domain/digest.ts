// The daily digest as figures: what happened since the previous digest, the week against the week
// before, the year against the target, the top municipalities and arrests. Aggregates only: a digest is
// posted into shared channels, so it carries no incident references, postcodes or times.
import { countByMunicipality, rankingOfCounts, type RankedMunicipality, type RankingCut } from './ranking.js';
import { localInstant, localParts } from './local-time.js';
import { relativeChange, type Breakdown } from './statistics.js';
import type { TargetProgress } from './target-progress.js';
import { MEANS, OUTCOMES, TARGETS, type CountedIncident, type IncidentMeans, type IncidentOutcome, type IncidentTarget } from './types.js';

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
  /** What the digest counts, as the kept counts give it; or, for a register in hand, `incidents`. */
  counts?: DigestCounts;
  /** Counted incidents, nationally, from [windows.loadFrom and windows.yearStart, whichever comes first) to windows.at. */
  incidents?: readonly CountedIncident[];
  /** Progress against the target, or null when there is none to report. */
  progress: TargetProgress | null;
  arrests: DigestArrests;
  milestones?: readonly DigestMilestone[];
  overdueCheckIns?: readonly DigestCheckIn[];
  /** Orders ties in the ranking by name; the CBS code when absent. */
  nameOf?: (code: string) => string;
}

/** A count of incidents that share municipality, target, outcome and means. */
export interface DigestCell {
  municipalityCode: string;
  target: IncidentTarget;
  outcome: IncidentOutcome;
  means: IncidentMeans;
  n: number;
}

/** Everything of the register a digest shows, as counts. */
export interface DigestCounts {
  /** [since, at) in the digest's scope, per municipality × target × outcome × means. */
  sinceLast: readonly DigestCell[];
  /** [since, at) nationally. */
  sinceLastNational: number;
  /** [weekStart, at) and [previousWeekStart, weekStart), in the digest's scope and nationally. */
  week: { current: number; previous: number };
  nationalWeek: { current: number; previous: number };
  /** [yearStart, at) nationally, per municipality with any. */
  yearByMunicipality: ReadonlyMap<string, number>;
}

/** The digest's counts from the incidents themselves: what the kept counts must equal. */
export function digestCountsOf(incidents: readonly CountedIncident[], windows: DigestWindows, municipalityCode: string | null): DigestCounts {
  const within = (from: Date, to: Date) => incidents.filter((i) => i.occurredAt.getTime() >= from.getTime() && i.occurredAt.getTime() < to.getTime());
  const inScope = (list: readonly CountedIncident[]) => (municipalityCode === null ? list : list.filter((i) => i.municipalityCode === municipalityCode));
  const sinceLast = within(windows.since, windows.at);
  const current = within(windows.weekStart, windows.at);
  const previous = within(windows.previousWeekStart, windows.weekStart);
  return {
    sinceLast: inScope(sinceLast).map((i) => ({ municipalityCode: i.municipalityCode, target: i.target, outcome: i.outcome, means: i.means, n: 1 })),
    sinceLastNational: sinceLast.length,
    week: { current: inScope(current).length, previous: inScope(previous).length },
    nationalWeek: { current: current.length, previous: previous.length },
    yearByMunicipality: countByMunicipality(within(windows.yearStart, windows.at)),
  };
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
  const counts = sources.counts ?? digestCountsOf(sources.incidents ?? [], w, municipalityCode);
  const weekOf = ({ current, previous }: { current: number; previous: number }): WeekComparison => ({ current, previous, change: relativeChange(current, previous) });
  const top = rankingOfCounts(counts.yearByMunicipality, TOP_MUNICIPALITIES, sources.nameOf);

  let municipalityYear: DigestModel['municipalityYear'] = null;
  if (municipalityCode !== null) {
    const own = counts.yearByMunicipality.get(municipalityCode);
    municipalityYear = own === undefined ? { count: 0, rank: null } : { count: own, rank: rankOf(counts.yearByMunicipality, own) };
  }

  return {
    windows: w,
    municipalityCode,
    sinceLast: summariseCells(counts.sinceLast),
    week: weekOf(counts.week),
    national: municipalityCode === null ? null : { sinceLast: counts.sinceLastNational, week: weekOf(counts.nationalWeek) },
    municipalityYear,
    progress: sources.progress,
    top: top.ranked,
    topTiedBeyond: top.tiedBeyond,
    arrests: sources.arrests,
    milestones: sources.milestones ?? [],
    overdueCheckIns: sources.overdueCheckIns ?? [],
  };
}

/** Competition rank of a count: one more than the municipalities with more. */
function rankOf(counts: ReadonlyMap<string, number>, count: number): number {
  let above = 0;
  for (const n of counts.values()) if (n > count) above++;
  return above + 1;
}

export function summariseCells(cells: readonly DigestCell[]): IncidentSummary {
  const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  const result: IncidentSummary = { total: 0, byTarget: zeros(TARGETS), byOutcome: zeros(OUTCOMES), byMeans: zeros(MEANS), byMunicipality: [] };
  const perCode = new Map<string, MunicipalityCount>();
  for (const cell of cells) {
    let entry = perCode.get(cell.municipalityCode);
    if (!entry) {
      entry = { municipalityCode: cell.municipalityCode, total: 0, byTarget: zeros(TARGETS) };
      perCode.set(cell.municipalityCode, entry);
    }
    entry.total += cell.n;
    entry.byTarget[cell.target] += cell.n;
    result.total += cell.n;
    result.byTarget[cell.target] += cell.n;
    result.byOutcome[cell.outcome] += cell.n;
    result.byMeans[cell.means] += cell.n;
  }
  result.byMunicipality = [...perCode.values()].sort(
    (a, b) => b.total - a.total || (a.municipalityCode < b.municipalityCode ? -1 : a.municipalityCode > b.municipalityCode ? 1 : 0),
  );
  return result;
}
