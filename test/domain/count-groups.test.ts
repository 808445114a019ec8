// A count's groups as numbers: decoded back to the values the database gives, in its order, empty groups
// left out, and one total without dimensions.
import { describe, expect, it } from 'vitest';
import { GroupSums, INDEXED_CATEGORIES, type Cell } from '../../src/domain/count-groups.js';

const cell = (over: Partial<Cell>): Cell => ({ municipality: 0, kind: 0, month: 0, day: 0, hour: 0, ...over });
const kind = (target: string, outcome: string, means: string) =>
  INDEXED_CATEGORIES.target.indexOf(target as never) * 8 + INDEXED_CATEGORIES.outcome.indexOf(outcome as never) * 4 + INDEXED_CATEGORIES.means.indexOf(means as never);

describe('GroupSums', () => {
  it('gives the groups in the order of their values, without the ones that add up to nothing', () => {
    const groups = new GroupSums(['municipality', 'target'] as const);
    groups.add(cell({ municipality: 599, kind: kind('woning', 'poging', 'vuurwerk') }), 2);
    groups.add(cell({ municipality: 14, kind: kind('woning', 'explosie', 'onbekend') }), 1);
    groups.add(cell({ municipality: 14, kind: kind('bedrijf', 'explosie', 'onbekend') }), 1);
    groups.add(cell({ municipality: 363, kind: kind('overig', 'explosie', 'onbekend') }), 1);
    groups.add(cell({ municipality: 363, kind: kind('overig', 'explosie', 'onbekend') }), -1);
    expect(groups.rows()).toEqual([
      { municipality: 'GM0014', target: 'bedrijf', n: 1 },
      { municipality: 'GM0014', target: 'woning', n: 1 },
      { municipality: 'GM0599', target: 'woning', n: 2 },
    ]);
  });

  it('names months and days as the database does, and adds up one total without dimensions', () => {
    const byDay = new GroupSums(['month', 'day'] as const);
    byDay.add(cell({ month: 2025 * 12 + 1, day: Date.UTC(2025, 1, 28) / 86_400_000 }), 3);
    expect(byDay.rows()).toEqual([{ month: '2025-02', day: '2025-02-28', n: 3 }]);
    const total = new GroupSums([]);
    expect(total.rows()).toEqual([{ n: 0 }]);
    total.add(cell({}), 4);
    total.add(cell({ municipality: 599 }), 1);
    expect(total.rows()).toEqual([{ n: 5 }]);
  });
});

describe('GroupSums in an array', () => {
  it('starts every count from zero though the array is lent from one count to the next, and is read once', () => {
    const first = new GroupSums(['municipality'] as const);
    first.add(cell({ municipality: 599 }), 3);
    first.add(cell({ municipality: 14 }), -1);
    first.add(cell({ municipality: 14 }), 2);
    expect(first.rows()).toEqual([{ municipality: 'GM0014', n: 1 }, { municipality: 'GM0599', n: 3 }]);
    expect(() => first.rows()).toThrow();
    const second = new GroupSums(['municipality'] as const);
    second.add(cell({ municipality: 14 }), 1);
    expect(second.rows()).toEqual([{ municipality: 'GM0014', n: 1 }]);
    const hours = new GroupSums(['hour'] as const);
    expect(hours.rows()).toEqual([]);
  });

  it('gives the groups of one dimension as value → count in the order of the rows', () => {
    const months = new GroupSums(['month'] as const);
    months.add(cell({ month: 2025 * 12 + 3 }), 2);
    months.add(cell({ month: 2024 * 12 + 11 }), 1);
    months.add(cell({ month: 2025 * 12 }), 0);
    expect([...months.byValue()]).toEqual([['2024-12', 1], ['2025-04', 2]]);
    const places = new GroupSums(['municipality'] as const);
    places.add(cell({ municipality: 599 }), 1);
    places.add(cell({ municipality: 14 }), 4);
    expect([...places.byValue()]).toEqual([['GM0014', 4], ['GM0599', 1]]);
  });
});
