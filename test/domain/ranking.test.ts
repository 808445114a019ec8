import { describe, expect, it } from 'vitest';
import { municipalityProfile, profileOfCounts, rankingOfCounts, rankMunicipalities, type RankedMunicipality, type RankingCut } from '../../src/domain/ranking.js';
import { breakdown } from '../../src/domain/statistics.js';
import type { CountedIncident } from '../../src/domain/types.js';

function inc(municipalityCode: string, iso = '2025-02-10T02:30:00Z', extra: Partial<CountedIncident> = {}): CountedIncident {
  return { occurredAt: new Date(iso), municipalityCode, target: 'woning', outcome: 'explosie', means: 'vuurwerk', ...extra };
}

function times(n: number, code: string, iso?: string): CountedIncident[] {
  return Array.from({ length: n }, () => inc(code, iso));
}

const national = [
  ...times(5, 'GM0599'),
  ...times(3, 'GM0518'),
  ...times(3, 'GM0034'),
  ...times(8, 'GM0363'),
  ...times(1, 'GM0796'),
];

describe('rankMunicipalities', () => {
  it('orders by count then code, ties share a rank', () => {
    expect(rankMunicipalities(national, 10)).toEqual([
      { municipalityCode: 'GM0363', count: 8, share: 8 / 20, rank: 1 },
      { municipalityCode: 'GM0599', count: 5, share: 5 / 20, rank: 2 },
      { municipalityCode: 'GM0034', count: 3, share: 3 / 20, rank: 3 },
      { municipalityCode: 'GM0518', count: 3, share: 3 / 20, rank: 3 },
      { municipalityCode: 'GM0796', count: 1, share: 1 / 20, rank: 5 },
    ]);
  });

  it('gives 1, 2, 2, 4', () => {
    const rows = [...times(3, 'A'), ...times(2, 'B'), ...times(2, 'C'), ...times(1, 'D')];
    expect(rankMunicipalities(rows, 10).map((r) => r.rank)).toEqual([1, 2, 2, 4]);
  });

  it('cuts at the limit after ranking', () => {
    const top = rankMunicipalities(national, 3);
    expect(top.map((r) => r.municipalityCode)).toEqual(['GM0363', 'GM0599', 'GM0034']);
    expect(rankMunicipalities(national).length).toBe(5);
  });

  it('is empty without incidents', () => {
    expect(rankMunicipalities([], 5)).toEqual([]);
  });
});

describe('municipalityProfile', () => {
  it('profiles one municipality against the national figures', () => {
    const own = [
      inc('GM0518', '2025-01-05T02:00:00Z', { target: 'bedrijf' }), // 03:00 local
      inc('GM0518', '2025-03-05T12:00:00Z', { outcome: 'poging' }), // 13:00 local
      inc('GM0518', '2025-03-06T03:59:00Z'), // 04:59 local
    ];
    const all = [...national.filter((i) => i.municipalityCode !== 'GM0518'), ...own, inc('GM0344', '2025-04-30T21:00:00Z')];
    const p = municipalityProfile(own, all);
    expect(p.municipalityCode).toBe('GM0518');
    expect(p.breakdown.total).toBe(3);
    expect(p.breakdown.byTarget.bedrijf).toBe(1);
    expect(p.rank).toBe(3); // tied with GM0034
    expect(p.of).toBe(6);
    expect(p.shareOfNational).toBeCloseTo(3 / 21, 12);
    expect(p.nightShare).toBeCloseTo(2 / 3, 12);
    expect(p.byMonth).toEqual([
      { month: '2025-01', count: 1 },
      { month: '2025-02', count: 0 },
      { month: '2025-03', count: 2 },
      { month: '2025-04', count: 0 }, // 23:00 local on 30 April
    ]);
  });

  it('spans months across a year boundary', () => {
    const own = [inc('GM0363', '2024-11-30T23:30:00Z')]; // 1 December local
    const all = [...own, inc('GM0599', '2025-01-31T23:30:00Z')]; // 1 February local
    expect(municipalityProfile(own, all).byMonth.map((m) => m.month)).toEqual(['2024-12', '2025-01', '2025-02']);
  });

  it('has no rank and no shares for an empty list', () => {
    const p = municipalityProfile([], national);
    expect(p.rank).toBeNull();
    expect(p.nightShare).toBeNull();
    expect(p.of).toBe(5);
    expect(municipalityProfile([], []).shareOfNational).toBeNull();
  });
});

/** The reference for a limit: the whole ranking cut at it, with the count of those tied beyond the cut. */
function cutRanking(ranking: readonly RankedMunicipality[], limit: number): RankingCut {
  const ranked = ranking.slice(0, limit);
  const last = ranked[ranked.length - 1];
  const others = last ? ranking.slice(ranked.length).filter(({ count }) => count === last.count).length : 0;
  return { ranked, tiedBeyond: last && others > 0 ? { others, count: last.count } : null };
}

describe('a ranking with a limit, against the whole ranking cut', () => {
  it('gives what ranking the counts with that limit gives, ties at the cut included', () => {
    const counts = new Map([['GM0599', 5], ['GM0518', 3], ['GM0363', 3], ['GM0344', 3], ['GM0772', 1], ['GM0014', 1]]);
    const whole = rankingOfCounts(counts, Number.POSITIVE_INFINITY).ranked;
    for (const limit of [0, 1, 2, 3, 4, 5, 6, 7, Number.POSITIVE_INFINITY]) {
      expect(cutRanking(whole, limit), `limit ${limit}`).toEqual(rankingOfCounts(counts, limit));
    }
    expect(cutRanking(whole, 2).tiedBeyond).toEqual({ others: 2, count: 3 });
  });

  it('orders the names of a tie at the cut in Dutch order, equal names by code', () => {
    const names: Record<string, string> = {
      GM0599: 'Zwolle', GM0518: 'Súdwest-Fryslân', GM0363: 'Aa en Hunze', GM0344: 'sudwest-fryslan', GM0772: 'Ede', GM0014: "'s-Gravenhage", GM0034: 'Almere',
    };
    const counts = new Map([['GM0599', 2], ['GM0518', 2], ['GM0363', 5], ['GM0344', 2], ['GM0772', 2], ['GM0014', 1], ['GM0034', 2]]);
    const nameOf = (code: string) => names[code]!;
    const whole = rankingOfCounts(counts, Number.POSITIVE_INFINITY, nameOf).ranked;
    expect(whole.map((r) => names[r.municipalityCode])).toEqual(['Aa en Hunze', 'Almere', 'Ede', 'sudwest-fryslan', 'Súdwest-Fryslân', 'Zwolle', "'s-Gravenhage"]);
    for (let limit = 0; limit <= 8; limit++) expect(rankingOfCounts(counts, limit, nameOf), `limit ${limit}`).toEqual(cutRanking(whole, limit));
  });
});

describe('profileOfCounts', () => {
  const profile = (own: number, byMunicipality: Map<string, number>, code: string | null = 'GM0599') =>
    profileOfCounts({ municipalityCode: code, breakdown: breakdown(times(own, 'GM0599')), byHour: new Array(24).fill(0), byMunicipality, byMonth: new Map(), months: null });

  it('ranks the municipality by its own count where the national counts hold less of it, or nothing', () => {
    const others = new Map([['GM0518', 4], ['GM0363', 2], ['GM0034', 0]]);
    expect(profile(3, new Map([...others, ['GM0599', 1]]))).toMatchObject({ rank: 2, of: 3, shareOfNational: 3 / 7 });
    expect(profile(3, others)).toMatchObject({ rank: 2, of: 3, shareOfNational: 3 / 6 });
    expect(profile(5, others)).toMatchObject({ rank: 1, of: 3 });
  });

  it('counts the municipalities with incidents, and has no rank without a municipality', () => {
    expect(profile(0, new Map([['GM0518', 4], ['GM0599', 0]]))).toMatchObject({ rank: 2, of: 1, shareOfNational: 0 });
    expect(profile(0, new Map([['GM0518', 4]]), null)).toMatchObject({ rank: null, of: 1, shareOfNational: 0 });
  });
});
