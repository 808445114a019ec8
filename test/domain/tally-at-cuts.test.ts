// A tally loaded for its cuts answers at its edges and cuts from the day counts, and like the full table of
// days anywhere else: the same counts, and the same refusal to cut a day whose times it does not hold.
import { describe, expect, it } from 'vitest';
import { localDayKey, localInstant } from '../../src/domain/local-time.js';
import { seededRandom } from '../../src/domain/seeded-random.js';
import { tallyAtCuts, tallyOfDays } from '../../src/domain/tally-at-cuts.js';
import { tallyOfIncidents } from '../../src/domain/tally.js';

const random = seededRandom(5);
const start = localInstant(2024, 1, 1).getTime();
const moments = Array.from({ length: 1200 }, () => start + Math.floor(random() * 2 * 365 * 86_400_000));

function loaded(from: Date, to: Date, cuts: readonly (Date | null)[]) {
  const inside = moments.filter((t) => t >= from.getTime() && t < to.getTime());
  const perDay = new Map<string, number>();
  for (const t of inside) perDay.set(localDayKey(new Date(t)), (perDay.get(localDayKey(new Date(t))) ?? 0) + 1);
  const held = new Set(cuts.flatMap((cut) => (cut ? [localDayKey(cut)] : [])));
  const times = new Map<string, number[]>();
  for (const t of inside) if (held.has(localDayKey(new Date(t)))) times.set(localDayKey(new Date(t)), [...(times.get(localDayKey(new Date(t))) ?? []), t]);
  const days = [...perDay].map(([day, n]) => ({ day, n })).sort((a, b) => (a.day < b.day ? -1 : 1));
  const counts = { from, to, days, times };
  // The counts at the cuts as the store knows them beforehand, here from the full table of days.
  const table = tallyOfDays(counts);
  const inCuts = cuts.filter((cut): cut is Date => cut !== null && cut > from && cut < to);
  const atCuts = new Map(inCuts.map((cut) => [cut.getTime(), table.count(from.getTime(), cut.getTime())]));
  let tables = 0;
  const tally = tallyAtCuts({ from, to, total: table.total, atCuts }, () => (tables++, tallyOfDays(counts)));
  return { tally, tables: () => tables, list: tallyOfIncidents(inside.map((t) => ({ occurredAt: new Date(t), municipalityCode: 'GM0363', target: 'woning', outcome: 'explosie', means: 'vuurwerk' }))) };
}

describe('a tally loaded for its cuts', () => {
  const from = localInstant(2025, 1, 1);
  const to = localInstant(2025, 10, 26, 15, 40); // the day summer time ends
  // One cut at the very moment of an incident: that incident is not yet counted there.
  const onIncident = new Date(moments.find((t) => t > localInstant(2025, 5, 1).getTime() && t < to.getTime())!);
  const cuts = [localInstant(2025, 3, 30, 14, 7), onIncident, localInstant(2025, 6, 1), null, localInstant(2026, 2, 1, 9), to];

  it('counts what the incidents count at its edges, its cuts, midnights and beyond its stretch', () => {
    const { tally, list } = loaded(from, to, cuts);
    expect(tally.total).toBe(list.count(from.getTime(), to.getTime()));
    const at = [localInstant(2024, 6, 1), from, ...cuts.flatMap((c) => (c ? [c] : [])), localInstant(2025, 3, 31), localInstant(2025, 8, 1), to, localInstant(2027, 1, 1)];
    for (const a of at) for (const b of at) expect(tally.count(a.getTime(), b.getTime()), `${a.toISOString()}..${b.toISOString()}`).toBe(list.count(a.getTime(), b.getTime()));
  });

  it('counts at its edges and cuts without setting up its days, and refuses a day it holds no times of', () => {
    const { tally, tables, list } = loaded(from, to, cuts);
    for (const cut of cuts.flatMap((c) => (c ? [c.getTime()] : []))) {
      expect(tally.count(from.getTime(), cut)).toBe(list.count(from.getTime(), cut));
      expect(tally.count(cut, to.getTime())).toBe(list.count(cut, to.getTime()));
    }
    expect(tally.count(localInstant(2024, 1, 1).getTime(), localInstant(2026, 1, 1).getTime())).toBe(tally.total);
    expect(tables()).toBe(0);
    expect(tally.count(from.getTime(), localInstant(2025, 3, 31).getTime())).toBe(list.count(from.getTime(), localInstant(2025, 3, 31).getTime()));
    expect(tables()).toBe(1);
    expect(() => tally.count(from.getTime(), localInstant(2025, 8, 1, 12).getTime())).toThrow(RangeError);
  });
});
