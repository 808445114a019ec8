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
