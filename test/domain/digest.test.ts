import { describe, expect, it } from 'vitest';
import { digestModel, digestWindows, TOP_MUNICIPALITIES, type DigestSources } from '../../src/domain/digest.js';
import { rankingOfCounts } from '../../src/domain/ranking.js';
import { seededRandom } from '../../src/domain/seeded-random.js';
import { localInstant } from '../../src/domain/local-time.js';
import type { CountedIncident, IncidentOutcome, IncidentTarget } from '../../src/domain/types.js';

const AMSTERDAM = 'GM0363';
const ROTTERDAM = 'GM0599';
const ALMERE = 'GM0034';

function incident(at: Date, municipalityCode: string, target: IncidentTarget = 'woning', outcome: IncidentOutcome = 'explosie'): CountedIncident {
  return { occurredAt: at, municipalityCode, target, outcome, means: 'vuurwerk' };
}

const at = localInstant(2026, 11, 27, 8);

function sources(incidents: CountedIncident[], municipalityCode: string | null = null): DigestSources {
  const windows = digestWindows(at);
  return {
    windows,
    municipalityCode,
    incidents: incidents.filter((i) => i.occurredAt < at),
    progress: null,
    arrests: { yearToDate: 12, week: 2 },
  };
}

const emptyCounts = { sinceLast: [], sinceLastNational: 0, week: { current: 0, previous: 0 }, nationalWeek: { current: 0, previous: 0 }, yearByMunicipality: new Map() };

describe('digest windows', () => {
  it('defaults to the 24 hours before the digest', () => {
    const w = digestWindows(at);
    expect(w.since).toEqual(new Date(at.getTime() - 86_400_000));
    expect(w.yearStart).toEqual(localInstant(2026, 1, 1));
    expect(w.weekStart).toEqual(localInstant(2026, 11, 20, 8));
    expect(w.previousWeekStart).toEqual(localInstant(2026, 11, 13, 8));
    expect(w.loadFrom).toEqual(w.previousWeekStart);
  });

  it('keeps the local time across a summer-time change', () => {
    const monday = localInstant(2026, 3, 30, 8);
    expect(digestWindows(monday).weekStart).toEqual(localInstant(2026, 3, 23, 8));
    expect(monday.getTime() - digestWindows(monday).weekStart.getTime()).toBe(7 * 86_400_000 - 3_600_000);
  });

  it('loads from the previous digest when that lies further back than two weeks', () => {
    const since = localInstant(2026, 10, 1, 8);
    expect(digestWindows(at, since).loadFrom).toEqual(since);
  });

  it('refuses a previous digest that is not before the digest', () => {
    expect(() => digestWindows(at, at)).toThrow(RangeError);
  });
});

describe('digest model', () => {
  it('says nothing happened when there were no incidents since the last digest', () => {
    const model = digestModel(sources([incident(localInstant(2026, 11, 21, 3), AMSTERDAM)]));
    expect(model.sinceLast.total).toBe(0);
    expect(model.sinceLast.byMunicipality).toEqual([]);
    expect(model.week.current).toBe(1);
    expect(model.milestones).toEqual([]);
    expect(model.overdueCheckIns).toEqual([]);
  });

  it('counts the window [since, at) by municipality, target and outcome', () => {
    const model = digestModel(
      sources([
        incident(localInstant(2026, 11, 26, 8), AMSTERDAM, 'woning', 'explosie'), // exactly at since: in
        incident(localInstant(2026, 11, 27, 2, 30), AMSTERDAM, 'voertuig', 'poging'),
        incident(localInstant(2026, 11, 27, 3), ROTTERDAM, 'bedrijf', 'explosie'),
        incident(localInstant(2026, 11, 27, 8), ROTTERDAM), // exactly at the digest: next one
        incident(localInstant(2026, 11, 26, 7, 59), ALMERE), // just before since
      ]),
    );
    expect(model.sinceLast.total).toBe(3);
    expect(model.sinceLast.byOutcome).toEqual({ explosie: 2, poging: 1 });
    expect(model.sinceLast.byTarget).toMatchObject({ woning: 1, voertuig: 1, bedrijf: 1, overig: 0 });
    expect(model.sinceLast.byMunicipality).toEqual([
      { municipalityCode: AMSTERDAM, total: 2, byTarget: { woning: 1, bedrijf: 0, voertuig: 1, overig: 0 } },
      { municipalityCode: ROTTERDAM, total: 1, byTarget: { woning: 0, bedrijf: 1, voertuig: 0, overig: 0 } },
    ]);
    expect(model.national).toBeNull();
    expect(model.municipalityYear).toBeNull();
  });

  it('compares the week with the week before', () => {
    const list = [
      ...Array.from({ length: 6 }, (_, i) => incident(localInstant(2026, 11, 21 + i, 3), AMSTERDAM)),
      ...Array.from({ length: 4 }, (_, i) => incident(localInstant(2026, 11, 14 + i, 3), AMSTERDAM)),
      incident(localInstant(2026, 11, 13, 7), AMSTERDAM), // before the week before
    ];
    expect(digestModel(sources(list)).week).toEqual({ current: 6, previous: 4, change: 0.5 });
    expect(digestModel(sources(list.slice(0, 6))).week).toEqual({ current: 6, previous: 0, change: null });
  });

  it('narrows the incident part to one municipality and keeps national context', () => {
    const list = [
      incident(localInstant(2026, 11, 27, 3), ROTTERDAM),
      incident(localInstant(2026, 11, 27, 4), AMSTERDAM),
      incident(localInstant(2026, 11, 27, 5), AMSTERDAM),
      incident(localInstant(2026, 11, 16, 5), ROTTERDAM),
      incident(localInstant(2026, 3, 1, 5), AMSTERDAM),
      incident(localInstant(2026, 3, 2, 5), ALMERE),
    ];
    const model = digestModel(sources(list, ROTTERDAM));
    expect(model.sinceLast.total).toBe(1);
    expect(model.sinceLast.byMunicipality.map((m) => m.municipalityCode)).toEqual([ROTTERDAM]);
    expect(model.week).toEqual({ current: 1, previous: 1, change: 0 });
    expect(model.national).toEqual({ sinceLast: 3, week: { current: 3, previous: 1, change: 2 } });
    expect(model.municipalityYear).toEqual({ count: 2, rank: 2 });
    // The ranking stays national.
    expect(model.top.map((t) => t.municipalityCode)).toEqual([AMSTERDAM, ROTTERDAM, ALMERE]);
  });

  it('gives a municipality without incidents this year no rank', () => {
    const model = digestModel(sources([incident(localInstant(2026, 11, 27, 3), AMSTERDAM)], ALMERE));
    expect(model.sinceLast.total).toBe(0);
    expect(model.municipalityYear).toEqual({ count: 0, rank: null });
    expect(model.national?.sinceLast).toBe(1);
  });

  it('ranks at most five municipalities this year', () => {
    const codes = ['GM0001', 'GM0002', 'GM0003', 'GM0004', 'GM0005', 'GM0006', 'GM0007'];
    const list = codes.flatMap((code, i) => Array.from({ length: 10 - i }, (_, k) => incident(localInstant(2026, 2, 1 + k, 3), code)));
    const model = digestModel(sources(list));
    expect(model.top.map((t) => [t.municipalityCode, t.count, t.rank])).toEqual([
      ['GM0001', 10, 1],
      ['GM0002', 9, 2],
      ['GM0003', 8, 3],
      ['GM0004', 7, 4],
      ['GM0005', 6, 5],
    ]);
    expect(model.arrests).toEqual({ yearToDate: 12, week: 2 });
  });

  it('ranks the top and the own municipality as the whole ranking does, ties, shares and ties beyond the cut included', () => {
    const random = seededRandom(11);
    for (let round = 0; round < 200; round++) {
      const counts = new Map<string, number>();
      const size = Math.floor(random() * 40);
      for (let i = 0; i < size; i++) counts.set(`GM${String(Math.floor(random() * 9000) + 1).padStart(4, '0')}`, 1 + Math.floor(random() * 4));
      // Names that order differently from the codes, so a tie broken by code would show.
      const nameOf = (code: string) => `x${9999 - Number(code.slice(2))}`;
      const whole = rankingOfCounts(counts, Number.POSITIVE_INFINITY, nameOf).ranked;
      const top = rankingOfCounts(counts, TOP_MUNICIPALITIES, nameOf);
      const national = digestModel({ ...sources([]), nameOf, counts: { ...emptyCounts, yearByMunicipality: counts } });
      expect({ ranked: national.top, tiedBeyond: national.topTiedBeyond }).toEqual(top);
      for (const own of whole) {
        const model = digestModel({ ...sources([]), municipalityCode: own.municipalityCode, counts: { ...emptyCounts, yearByMunicipality: counts } });
        expect(model.municipalityYear).toEqual({ count: own.count, rank: own.rank });
      }
    }
  });

  it('passes milestones and overdue check-ins through', () => {
    const model = digestModel({
      ...sources([]),
      milestones: [{ title: 'Tussenrapportage', dueDay: '2026-12-01', detail: 'Interventie 3' }],
      overdueCheckIns: [{ title: 'Check-in dag 50', dueDay: '2026-11-20' }],
    });
    expect(model.milestones).toHaveLength(1);
    expect(model.overdueCheckIns).toHaveLength(1);
  });
});
