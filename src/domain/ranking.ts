// Municipalities ranked by the number of attacks, and the profile of one municipality.
import type { CountedIncident } from './types.js';
import { breakdown, countByLocalHour, countByLocalMonthKey, nightShare, type Breakdown } from './statistics.js';

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
  for (const count of counts.values()) total += count;
  const sorted = [...counts].sort(
    ([codeA, a], [codeB, b]) => b - a || byDutchName.compare(nameOf(codeA), nameOf(codeB)) || (codeA < codeB ? -1 : codeA > codeB ? 1 : 0),
  );
  const ranked: RankedMunicipality[] = [];
  for (let i = 0; i < sorted.length && i < limit; i++) {
    const [municipalityCode, count] = sorted[i]!;
    const previous = ranked[i - 1];
    const rank = previous && previous.count === count ? previous.rank : i + 1;
    ranked.push({ municipalityCode, count, share: count / total, rank });
  }
  const last = ranked[ranked.length - 1];
  const others = last ? sorted.slice(ranked.length).filter(([, count]) => count === last.count).length : 0;
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
  const code = own[0]?.municipalityCode ?? null;
  const counts = countByMunicipality(allIncidentsSamePeriod);
  const count = own.length;
  if (code !== null && count > 0) counts.set(code, Math.max(counts.get(code) ?? 0, count));

  let rank: number | null = null;
  if (code !== null) {
    rank = 1;
    for (const [other, n] of counts) if (other !== code && n > count) rank += 1;
  }
  const nationalTotal = allIncidentsSamePeriod.length;

  const ownByMonth = countByLocalMonthKey(own);
  const months = period
    ? [period.firstDay.slice(0, 7), period.lastDay.slice(0, 7)]
    : [...countByLocalMonthKey(allIncidentsSamePeriod).keys(), ...ownByMonth.keys()].sort();
  const byMonth = months.length > 0 ? monthSeries(months[0]!, months[months.length - 1]!, ownByMonth) : [];

  return {
    municipalityCode: code,
    breakdown: breakdown(own),
    rank,
    of: [...counts.values()].filter((n) => n > 0).length,
    shareOfNational: nationalTotal === 0 ? null : count / nationalTotal,
    nightShare: nightShare(own),
    nightCount: countByLocalHour(own).slice(2, 5).reduce((a, b) => a + b, 0),
    byMonth,
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
