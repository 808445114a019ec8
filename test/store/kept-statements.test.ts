// A statement asked with `keep` is parsed and planned once under a name and then only run: it answers
// exactly as the same statement asked plainly, fails as it would, never runs inside another caller's
// transaction but inside its own caller's, and past the limit of kept texts still answers, as a one-off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_KEPT_STATEMENTS } from '../../src/store/db.js';
import { DB_KINDS, openTestDb, type TestDb } from '../support/db.js';

describe.each(DB_KINDS)('kept statements on %s', (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(kind);
    await db.exec('CREATE TABLE kept_probe (id int PRIMARY KEY, note text)');
  });
  afterAll(() => db.dispose());

  const mixed = `SELECT $1::int AS n, $2::text AS word, $3::timestamptz AS at, $4::jsonb AS detail, $5::boolean AS flag,
    $6::text AS missing, count(*) AS counted, array[$1::int, 2] AS list FROM generate_series(1, $1::int)`;

  it('answers as the plain statement does, value for value and type for type', async () => {
    for (const [n, word] of [[3, 'drie'], [5, "o'Neill"], [1, '']] as const) {
      const params = [n, word, '2025-03-30T01:30:00.000Z', JSON.stringify({ getoond: n, via: word }), n > 2, null];
      const plain = await db.query(mixed, params);
      const kept = await db.query(mixed, params, { keep: true });
      expect(kept).toEqual(plain);
      expect(kept[0]).toMatchObject({ n, word, detail: { getoond: n, via: word }, counted: n, missing: null });
      expect(kept[0]!.at).toBeInstanceOf(Date);
    }
  });

  it('is kept by the database under a name, a plain statement is not', async () => {
    // It asks for its own entry, its text as its parameter: the connection that runs it holds it, if any does.
    const own = 'SELECT name FROM pg_prepared_statements WHERE statement = $1::text';
    expect(await db.query(own, [own])).toEqual([]);
    const first = await db.query<{ name: string }>(own, [own], { keep: true });
    const again = await db.query<{ name: string }>(own, [own], { keep: true });
    expect(first).toHaveLength(1);
    expect(first[0]!.name).toMatch(/^ote_kept_\d+$/);
    expect(again).toEqual(first);
  });

  it('fails as the plain statement does, and the next run succeeds', async () => {
    const divide = 'SELECT 10 / $1::int AS quotient';
    await expect(db.query(divide, [0], { keep: true })).rejects.toMatchObject({ code: '22012' });
    expect(await db.query(divide, [5], { keep: true })).toEqual([{ quotient: 2 }]);
    expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('writes what it writes, once', async () => {
    const insert = 'INSERT INTO kept_probe (id, note) VALUES ($1::int, $2::text) RETURNING id';
    expect(await db.query(insert, [1, 'een'], { keep: true })).toEqual([{ id: 1 }]);
    expect(await db.query(insert, [2, 'twee'], { keep: true })).toEqual([{ id: 2 }]);
    await expect(db.query(insert, [2, 'weer'], { keep: true })).rejects.toMatchObject({ code: '23505' });
    expect(await db.query('SELECT id, note FROM kept_probe ORDER BY id')).toEqual([{ id: 1, note: 'een' }, { id: 2, note: 'twee' }]);
  });

  it('never sees what another caller’s transaction wrote and rolled back', async () => {
    const count = 'SELECT count(*)::int AS n FROM kept_probe WHERE id >= $1::int';
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const rolledBack = db
      .transaction(async (tx) => {
        await tx.query("INSERT INTO kept_probe (id, note) VALUES (100, 'teruggedraaid')");
        wrote();
        await held;
        throw new Error('roll back');
      })
      .catch((error: Error) => error.message);
    await written;
    const during = db.query<{ n: number }>(count, [100], { keep: true });
    // PGlite has one connection: the kept read waits for the transaction; PostgreSQL answers on another.
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    expect(await rolledBack).toBe('roll back');
    expect(await during).toEqual([{ n: 0 }]);
    expect(await db.query(count, [100], { keep: true })).toEqual([{ n: 0 }]);
  });

  it('inside a transaction, runs in it: sees its writes and is undone with it', async () => {
    const insert = 'INSERT INTO kept_probe (id, note) VALUES ($1::int, $2::text)';
    const seen = 'SELECT count(*)::int AS n FROM kept_probe WHERE id >= $1::int';
    const outcome = await db
      .transaction(async (tx) => {
        await tx.query(insert, [200, 'binnen'], { keep: true });
        await tx.query(insert, [201, 'binnen'], { keep: true });
        expect(await tx.query(seen, [200], { keep: true })).toEqual([{ n: 2 }]);
        throw new Error('roll back');
      })
      .catch((error: Error) => error.message);
    expect(outcome).toBe('roll back');
    expect(await db.query(seen, [200], { keep: true })).toEqual([{ n: 0 }]);
    await db.transaction(async (tx) => {
      await tx.query(insert, [202, 'bewaard'], { keep: true });
      await expect(tx.query(insert, [202, 'dubbel'], { keep: true })).rejects.toMatchObject({ code: '23505' });
    }).catch(() => undefined);
    expect(await db.query(seen, [200], { keep: true })).toEqual([{ n: 0 }]);
    await db.transaction((tx) => tx.query(insert, [203, 'bewaard'], { keep: true }));
    expect(await db.query(seen, [200], { keep: true })).toEqual([{ n: 1 }]);
  });

  it('past the limit of kept texts, still answers each', async () => {
    const texts = Array.from({ length: MAX_KEPT_STATEMENTS + 6 }, (_, i) => `SELECT $1::int + ${i} AS sum`);
    for (const [i, text] of texts.entries()) expect(await db.query(text, [1], { keep: true })).toEqual([{ sum: 1 + i }]);
    for (const [i, text] of texts.entries()) expect(await db.query(text, [2], { keep: true })).toEqual([{ sum: 2 + i }]);
    // In a transaction too, past the limit: on its own connection, not waiting for itself.
    expect(await db.transaction((tx) => tx.query(texts.at(-1)!, [3], { keep: true }))).toEqual([{ sum: 3 + texts.length - 1 }]);
    if (kind === 'pglite') {
      const [row] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name LIKE 'ote_kept_%'");
      expect(row!.n).toBeLessThanOrEqual(MAX_KEPT_STATEMENTS);
    }
  });
});
