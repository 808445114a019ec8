// Targets and published totals are kept per register generation: asked again, they cost no query, and a
// saved target or total is seen at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { listTargets, publishedTotals, savePublishedTotal, saveTarget } from '../../src/store/targets.js';
import { DB_KINDS, openTestDb, type TestDb } from '../support/db.js';

describe.each(DB_KINDS)('targets and published totals on %s', (kind) => {
  let db: TestDb;
  let queries: string[];
  let counted: Db;
  beforeAll(async () => {
    db = await openTestDb(kind);
    queries = [];
    counted = { ...db, query: (sql, params) => (queries.push(sql), db.query(sql, params)) };
  });
  afterAll(() => db.dispose());

  it('asks once per generation, and sees a saved target at once', async () => {
    const before = await listTargets(counted);
    queries.length = 0;
    expect(await listTargets(counted)).toEqual(before);
    expect(queries).toEqual([]);
    await saveTarget(counted, { year: 2031, baselineYear: 2030, reductionPercent: 12.5 });
    expect((await listTargets(counted)).find((t) => t.year === 2031)).toEqual({ year: 2031, baselineYear: 2030, reductionPercent: 12.5 });
  });

  it('asks once per generation and year, and sees a saved total at once', async () => {
    expect(await publishedTotals(counted, 2019)).toEqual([]);
    queries.length = 0;
    expect(await publishedTotals(counted, 2019)).toEqual([]);
    expect(queries).toEqual([]);
    await savePublishedTotal(counted, { year: 2019, month: null, count: 400 }, 'test');
    expect(await publishedTotals(counted, 2019)).toEqual([{ year: 2019, month: null, count: 400 }]);
    expect(await publishedTotals(counted, 2018)).toEqual([]);
  });
});
