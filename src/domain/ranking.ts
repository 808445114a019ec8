// Municipalities ranked by the number of attacks, and the profile of one municipality.
import type { CountedIncident } from './types.js';
import { breakdown, countByLocalHour, countByLocalMonthKey, type Breakdown } from './statistics.js';

export interface RankedMunicipality {
  municipalityCode: string;
  count: number;
  /** Fraction of all incidents given. */
  share: number;
  /** Competition ranking: ties share a rank and the next rank skips (1, 2, 2, 4). */
  rank: number;
}

export function countByMunicipality(incidents: readonly CountedIncident[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const incident of incidents) {
    counts.set(incident.municipalityCode, (counts.get(incident.municipalityCode) ?? 0) + 1);
  }
  return counts;
}

const byDutchName = new Intl.Collator('nl', { sensitivity: 'base' });

/**
 * Ordered by count descending, ties by name (`nameOf`; the CBS code when not given); `limit` cuts the list
 * after ranking.
 */
export function rankMunicipalities(
  incidents: readonly CountedIncident[],
  limit: number = Number.POSITIVE_INFINITY,
  nameOf: (code: string) => string = (code) => code,
): RankedMunicipality[] {
  return rankingWithCut(incidents, limit, nameOf).ranked;
}

export interface RankingCut {
  ranked: RankedMunicipality[];
  /** Municipalities left out by `limit` that have as many incidents as the last one shown; null when none. */
  tiedBeyond: { others: number; count: number } | null;
}

/** The ranking cut at `limit`, saying how many left out share the count at the cut. */
export function rankingWithCut(
  incidents: readonly CountedIncident[],
  limit: number,
  nameOf: (code: string) => string = (code) => code,
): RankingCut {
  return rankingOfCounts(countByMunicipality(incidents), limit, nameOf);
}

/** The same ranking from counts per municipality (code → count), as the kept counts give them. */
export function rankingOfCounts(
  counts: ReadonlyMap<string, number>,
  limit: number,
  nameOf: (code: string) => string = (code) => code,
): RankingCut {
  let total = 0;
  const byCount: { code: string; count: number }[] = [];
  for (const [code, count] of counts) {
    total += count;
    byCount.push({ code, count });
  }
  byCount.sort((a, b) => b.count - a.count);
  // Names order only what is shown: the places before the cut and the whole group tied at it. A rank and
  // the count tied beyond the cut depend on the counts alone.
  let end = Math.min(limit, byCount.length);
  while (end > 0 && end < byCount.length && byCount[end]!.count === byCount[end - 1]!.count) end++;
  // Each name once, not once per comparison.
  const shown = byCount
    .slice(0, end)
    .map(({ code, count }) => ({ code, count, name: nameOf(code) }))
    .sort((a, b) => b.count - a.count || byDutchName.compare(a.name, b.name) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const ranked: RankedMunicipality[] = [];
  for (let i = 0; i < shown.length && i < limit; i++) {
    const { code: municipalityCode, count } = shown[i]!;
    const previous = ranked[i - 1];
    const rank = previous && previous.count === count ? previous.rank : i + 1;
    ranked.push({ municipalityCode, count, share: count / total, rank });
  }
  const last = ranked[ranked.length - 1];
  const others = last ? end - ranked.length : 0;
  return { ranked, tiedBeyond: last && others > 0 ? { others, count: last.count } : null };
}

export interface MunicipalityProfile {
  /** Null when the municipality's list is empty (the code is taken from its incidents). */
  municipalityCode: string | null;
  breakdown: Breakdown;
  /** Competition rank among all municipalities; null with no incidents. */
  rank: number | null;
  /** Municipalities with at least one incident in the period. */
  of: number;
  /** Fraction of the national total; null when the national total is 0. */
  shareOfNational: number | null;
  /** Fraction between 02:00 and 05:00 local; null with no incidents. */
  nightShare: number | null;
  /** How many between 02:00 and 05:00 local. */
  nightCount: number;
  /** Per local month of the period (or, without one, from the first to the last month with any incident nationally), zeros included. */
  byMonth: { month: string; count: number }[];
}

export function municipalityProfile(
  own: readonly CountedIncident[],
  allIncidentsSamePeriod: readonly CountedIncident[],
  period?: { firstDay: string; lastDay: string },
): MunicipalityProfile {
  const byMonth = countByLocalMonthKey(own);
  const months = period
    ? [period.firstDay.slice(0, 7), period.lastDay.slice(0, 7)]
    : [...countByLocalMonthKey(allIncidentsSamePeriod).keys(), ...byMonth.keys()].sort();
  return profileOfCounts({
    municipalityCode: own[0]?.municipalityCode ?? null,
    breakdown: breakdown(own),
    byHour: countByLocalHour(own),
    byMonth,
    byMunicipality: countByMunicipality(allIncidentsSamePeriod),
    months: months.length > 0 ? { first: months[0]!, last: months[months.length - 1]! } : null,
  });
}

export interface ProfileCounts {
  /** Null when the municipality has no incidents in the period. */
  municipalityCode: string | null;
  /** The municipality's own incidents. */
  breakdown: Breakdown;
  /** Its 24 counts by local clock hour. */
  byHour: readonly number[];
  /** Its counts per local month ('YYYY-MM'). */
  byMonth: ReadonlyMap<string, number>;
  /** Every municipality's count in the same period, nationally. */
  byMunicipality: ReadonlyMap<string, number>;
  /** The months the series runs over ('YYYY-MM'), or null for none. */
  months: { first: string; last: string } | null;
}

/** The profile from counts, as the kept counts give them. */
export function profileOfCounts(input: ProfileCounts): MunicipalityProfile {
  const code = input.municipalityCode;
  const count = input.breakdown.total;
  // The municipality counts with at least its own incidents, whether or not the national counts hold it.
  const counted = code !== null && count > 0;
  let of = counted && !input.byMunicipality.has(code) ? 1 : 0;
  let above = 0;
  let nationalTotal = 0;
  for (const [other, n] of input.byMunicipality) {
    nationalTotal += n;
    if (other === code) {
      if (counted || n > 0) of += 1;
    } else {
      if (n > count) above += 1;
      if (n > 0) of += 1;
    }
  }
  const nightCount = input.byHour.slice(2, 5).reduce((a, b) => a + b, 0);
  return {
    municipalityCode: code,
    breakdown: input.breakdown,
    rank: code === null ? null : 1 + above,
    of,
    shareOfNational: nationalTotal === 0 ? null : count / nationalTotal,
    // Between 02:00 and 05:00 local, the hours the police name.
    nightShare: count === 0 ? null : nightCount / count,
    nightCount,
    byMonth: input.months ? monthSeries(input.months.first, input.months.last, input.byMonth) : [],
  };
}

/** Every month key from `first` through `last` ('YYYY-MM'), with its count or zero. */
export function monthSeries(first: string, last: string, counts: ReadonlyMap<string, number>): { month: string; count: number }[] {
  const series: { month: string; count: number }[] = [];
  for (let key = first; key <= last; key = nextMonthKey(key)) series.push({ month: key, count: counts.get(key) ?? 0 });
  return series;
}

function nextMonthKey(key: string): string {
  const year = Number(key.slice(0, 4));
  const month = Number(key.slice(5, 7));
  return month === 12 ? `${year + 1}-01` : `${key.slice(0, 4)}-${String(month + 1).padStart(2, '0')}`;
}
