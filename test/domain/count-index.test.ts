// The in-memory counts on their own: local days and hours around the changes of summer time, taking an
// incident out exactly once, the moments of a stretch in order, and full days counted from their sums.
import { describe, expect, it } from 'vitest';
import { INDEXED_CATEGORIES } from '../../src/domain/count-groups.js';
import { CountIndex, type IndexedIncident } from '../../src/domain/count-index.js';
import { localInstant } from '../../src/domain/local-time.js';

const at = (t: Date, municipality = 599): IndexedIncident => ({
  at: t.getTime(), municipality,
  target: INDEXED_CATEGORIES.target.indexOf('woning'), outcome: INDEXED_CATEGORIES.outcome.indexOf('poging'), means: INDEXED_CATEGORIES.means.indexOf('onbekend'),
});

describe('CountIndex', () => {
  it('buckets by Amsterdam day and hour: the hour repeated in October counts twice in hour 2', () => {
    const index = new CountIndex();
    // 02:30 summer time, then 02:30 winter time an hour later.
    index.add(at(new Date('2024-10-27T00:30:00Z')));
    index.add(at(new Date('2024-10-27T01:30:00Z')));
    index.add(at(localInstant(2024, 10, 27, 23, 59)));
    const day = { from: localInstant(2024, 10, 27), to: localInstant(2024, 10, 28) };
    expect(index.count({ ...day, by: ['hour'] })).toEqual([{ hour: 2, n: 2 }, { hour: 23, n: 1 }]);
    expect(index.count({ ...day, by: ['day', 'target', 'outcome', 'means'] })).toEqual([
      { day: '2024-10-27', target: 'woning', outcome: 'poging', means: 'onbekend', n: 3 },
    ]);
    expect(index.count({ from: localInstant(2024, 10, 28), to: localInstant(2024, 11, 1), by: [] })).toEqual([{ n: 0 }]);
  });

  it('takes out one incident like the one named, and says so when it holds none', () => {
    const index = new CountIndex();
    const moment = localInstant(2025, 3, 30, 3);
    index.add(at(moment));
    index.add(at(moment));
    expect(index.remove(at(moment, 14))).toBe(false);
    expect(index.remove(at(moment))).toBe(true);
    expect(index.size).toBe(1);
    expect(index.count({ from: localInstant(2025, 3, 1), to: localInstant(2025, 4, 1), by: ['municipality'] })).toEqual([{ municipality: 'GM0599', n: 1 }]);
    expect(index.remove(at(moment))).toBe(true);
    expect(index.remove(at(moment))).toBe(false);
    expect(index.count({ from: localInstant(2025, 1, 1), to: localInstant(2026, 1, 1), by: ['month'] })).toEqual([]);
  });

  it('gives the moments of a stretch that cuts days, in order', () => {
    const index = new CountIndex();
    const moments = [localInstant(2025, 1, 2, 23), localInstant(2025, 1, 1, 12), localInstant(2025, 1, 2, 1), localInstant(2025, 1, 3, 9)];
    for (const moment of moments) index.add(at(moment));
    expect(index.times(localInstant(2025, 1, 1, 12).getTime(), localInstant(2025, 1, 3, 9).getTime())).toEqual(
      [moments[1]!, moments[2]!, moments[0]!].map((d) => d.getTime()),
    );
    expect(index.times(0, Date.now(), 'GM0014')).toEqual([]);
  });
});

describe('CountIndex months', () => {
  it('puts every day of 1999-2040 in its calendar month', () => {
    const index = new CountIndex();
    const first = Date.UTC(1999, 0, 1);
    for (let t = first; t < Date.UTC(2041, 0, 1); t += 86_400_000) index.add(at(new Date(t + 12 * 3_600_000)));
    const months = index.count({ from: new Date(first), to: new Date(Date.UTC(2041, 0, 1)), by: ['month'] });
    const expected = [];
    for (let year = 1999; year <= 2040; year++) {
      for (let month = 1; month <= 12; month++) expected.push({ month: `${year}-${String(month).padStart(2, '0')}`, n: new Date(Date.UTC(year, month, 0)).getUTCDate() });
    }
    expect(months).toEqual(expected);
  });
});

/**
 * `count` random incidents over `days` days from `start` (municipality `municipalityOf(i, random)`), the
 * first `removed` of them taken out again: the index and the incidents it should hold.
 */
function filled(seed: number, start: Date, days: number, count: number, removed: number, municipalityOf: (i: number, random: () => number) => number) {
  const index = new CountIndex();
  const kept: IndexedIncident[] = [];
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) >>> 0) / 2 ** 32;
  for (let i = 0; i < count; i++) {
    const at = start.getTime() + Math.floor(random() * days * 86_400_000);
    const incident = { at, municipality: municipalityOf(i, random), target: Math.floor(random() * 4), outcome: Math.floor(random() * 2), means: Math.floor(random() * 4) };
    index.add(incident);
    kept.push(incident);
  }
  for (const incident of kept.splice(0, removed)) expect(index.remove(incident)).toBe(true);
  return { index, kept };
}
const codeOf = (i: IndexedIncident) => `GM${String(i.municipality).padStart(4, '0')}`;

describe('CountIndex full days', () => {
  it('counts full days by kind from their sums as from the incidents left after taking some out', () => {
    // About 150 a day: each day keeps its counts per kind from partway through.
    const { index, kept } = filled(7, localInstant(2025, 3, 10), 20, 3000, 1000, (_, random) => 14 + Math.floor(random() * 3));
    // 12-26 March as whole days; 12-31 March as the month less its first eleven days.
    for (const [from, to] of [[localInstant(2025, 3, 12), localInstant(2025, 3, 27)], [localInstant(2025, 3, 12), localInstant(2025, 4, 1)]] as const) {
      const expected = new Map<string, number>();
      for (const i of kept.filter((i) => i.at >= from.getTime() && i.at < to.getTime())) {
        const key = [INDEXED_CATEGORIES.target[i.target], INDEXED_CATEGORIES.outcome[i.outcome], INDEXED_CATEGORIES.means[i.means]].join();
        expected.set(key, (expected.get(key) ?? 0) + 1);
      }
      const rows = index.count({ from, to, by: ['target', 'outcome', 'means'] });
      expect(new Map(rows.map((r) => [[r.target, r.outcome, r.means].join(), r.n]))).toEqual(expected);
    }
  });

  it('counts full days per municipality from their sums as from the incidents, through removals and more municipalities', () => {
    // Three days of 650 or so incidents each: the sums per municipality begin partway through a day, and
    // codes past the first 512 widen them.
    const { index, kept } = filled(11, localInstant(2025, 6, 3), 3, 2000, 700, (i, random) => (i < 1200 ? 1 + Math.floor(random() * 40) : 100 + i - 1200));
    const from = localInstant(2025, 6, 3);
    const to = localInstant(2025, 6, 6);
    const within = kept.filter((i) => i.at >= from.getTime() && i.at < to.getTime());
    const expected = new Map<string, number>();
    for (const i of within) expected.set(codeOf(i), (expected.get(codeOf(i)) ?? 0) + 1);
    const rows = index.count({ from, to, by: ['municipality'] });
    expect(rows.map((r) => r.municipality)).toEqual([...expected.keys()].sort());
    expect(new Map(rows.map((r) => [r.municipality, r.n]))).toEqual(expected);
    for (const code of ['GM0007', 'GM0650']) {
      const n = within.filter((i) => codeOf(i) === code).length;
      expect(index.count({ from, to, by: [], municipalityCode: code })).toEqual([{ n }]);
      expect(index.count({ from, to, by: ['month'], municipalityCode: code })).toEqual(n ? [{ month: '2025-06', n }] : []);
    }
  });
});
