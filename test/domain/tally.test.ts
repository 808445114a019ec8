// A tally counts from counts per local day plus the times of the days it may cut, exactly as the list of
// incidents does; asked to cut a day whose times it does not hold, it refuses instead of guessing.
import { describe, expect, it } from 'vitest';
import { localDayKey, localInstant } from '../../src/domain/local-time.js';
import { seededRandom } from '../../src/domain/seeded-random.js';
import { countPerMonth, tallyOfCounts, tallyOfIncidents } from '../../src/domain/tally.js';
import { countByLocalMonth } from '../../src/domain/statistics.js';
import type { CountedIncident } from '../../src/domain/types.js';

const random = seededRandom(3);
const from = localInstant(2025, 3, 1, 13, 20);
const to = localInstant(2025, 11, 2, 9, 45);
const incidents: CountedIncident[] = Array.from({ length: 900 }, () => ({
  occurredAt: new Date(localInstant(2025, 1, 1).getTime() + Math.floor(random() * 365 * 86_400_000)),
  municipalityCode: 'GM0363', target: 'woning', outcome: 'explosie', means: 'vuurwerk',
}));
const inside = incidents.filter((i) => i.occurredAt >= from && i.occurredAt < to);
const cut = localInstant(2025, 3, 30, 14, 7); // the day summer time begins

function tallyCutting(days: readonly Date[]) {
  const perDay = new Map<string, number>();
  for (const i of inside) perDay.set(localDayKey(i.occurredAt), (perDay.get(localDayKey(i.occurredAt)) ?? 0) + 1);
  const held = new Set([from, to, ...days].map(localDayKey));
  const times = new Map<string, number[]>();
  for (const i of inside) if (held.has(localDayKey(i.occurredAt))) times.set(localDayKey(i.occurredAt), [...(times.get(localDayKey(i.occurredAt)) ?? []), i.occurredAt.getTime()]);
  return tallyOfCounts({ from, to, perDay, times });
}

describe('a tally of counts per day', () => {
  it('counts what the incidents count, at midnights, at held cuts and beyond its stretch', () => {
    const tally = tallyCutting([cut]);
    const list = tallyOfIncidents(inside);
    expect(tally.total).toBe(inside.length);
    const moments = [localInstant(2025, 1, 1), from, cut, localInstant(2025, 6, 1), localInstant(2025, 3, 31), to, localInstant(2026, 1, 1)].map((d) => d.getTime());
    for (const a of moments) for (const b of moments) expect(tally.count(a, b), `${a}..${b}`).toBe(list.count(a, b));
    expect(countPerMonth(tally, 2025)).toEqual(countByLocalMonth(inside, 2025));
  });

  it('refuses to cut a day it holds no times of', () => {
    expect(() => tallyCutting([]).count(from.getTime(), cut.getTime())).toThrow(RangeError);
  });
});
