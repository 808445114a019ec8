// Arrest sums are kept per register generation: asked again they cost no query, and added arrests count at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addArrests, sumArrests } from '../../src/store/arrests.js';
import type { Db } from '../../src/store/db.js';
import { DB_KINDS, openTestDb, type TestDb } from '../support/db.js';

describe.each(DB_KINDS)('arrest sums on %s', (kind) => {
  let db: TestDb;
  const queries: string[] = [];
  let counted: Db;
  beforeAll(async () => {
    db = await openTestDb(kind);
    counted = { ...db, query: (sql, params) => (queries.push(sql), db.query(sql, params)) };
  });
  afterAll(() => db.dispose());

  it('asks once per generation and range, and counts added arrests at once', async () => {
    expect(await sumArrests(counted, '2025-01-01', '2025-01-31')).toBe(0);
    queries.length = 0;
    expect(await sumArrests(counted, '2025-01-01', '2025-01-31')).toBe(0);
    expect(queries).toEqual([]);
    await addArrests(counted, [{ date: '2025-01-10', count: 3 }, { date: '2025-01-12', count: 2, municipalityCode: 'GM0363' }], 'test');
    expect(await sumArrests(counted, '2025-01-01', '2025-01-31')).toBe(5);
    expect(await sumArrests(counted, '2025-01-01', '2025-01-31', 'GM0363')).toBe(2);
    expect(await sumArrests(counted, '2025-01-11', '2025-01-31')).toBe(2);
  });
});
