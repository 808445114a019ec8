// The embedded database on a thread of its own: statements, their errors and transactions behave as PGlite
// on the main thread does, through the same Db handle, and the data is the same data on disk.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wrapPglite, type Db } from '../../src/store/db.js';
import { openPglite } from '../../src/store/pglite.js';
import { openPgliteThread } from '../../src/store/pglite-thread.js';

describe('PGlite on its own thread', () => {
  let dir: string;
  let template: string;
  let db: Db;

  // One initdb, on the main thread; every directory the thread opens starts as a copy of it.
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ote-pglite-thread-'));
    template = join(dir, 'template');
    await (await openPglite(template, join(dir, 'none'))).close();
    db = wrapPglite(await openPgliteThread(join(dir, 'data'), template));
    await db.exec(`CREATE TABLE t (id int PRIMARY KEY, big bigint, at timestamptz, doc jsonb, raw bytea, label text);
      CREATE TABLE deferred (id int UNIQUE DEFERRABLE INITIALLY DEFERRED);
      CREATE TABLE counter (n int); INSERT INTO counter VALUES (0);`);
  }, 60_000);
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a statement with parameters in the types PGlite gives on the main thread', async () => {
    const at = new Date('2025-03-30T01:30:00Z');
    await db.query('INSERT INTO t VALUES ($1, $2, $3, $4, $5, $6)', [1, 9_007_199_254, at, { a: [1, 'b'] }, new Uint8Array([0, 255]), 'één']);
    const [row] = await db.query<Record<string, unknown>>('SELECT * FROM t WHERE id = $1', [1]);
    expect(row).toEqual({ id: 1, big: 9_007_199_254, at, doc: { a: [1, 'b'] }, raw: new Uint8Array([0, 255]), label: 'één' });
    expect(row!.at).toBeInstanceOf(Date);
  });

  it('fails a refused statement with the database message and its code, and goes on serving', async () => {
    await db.query('INSERT INTO t (id) VALUES (2)');
    const refused = await db.query('INSERT INTO t (id) VALUES (2)').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Error);
    expect(refused).toMatchObject({ code: '23505', message: expect.stringContaining('duplicate key') });
    expect(await db.query('SELECT count(*)::int AS n FROM t WHERE id = 2')).toEqual([{ n: 1 }]);
  });

  it('commits a transaction whole, and writes nothing of one that throws', async () => {
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO t (id) VALUES (10)');
      await tx.query('INSERT INTO t (id) VALUES (11)');
    });
    const thrown = await db
      .transaction(async (tx) => {
        await tx.query('INSERT INTO t (id) VALUES (12)');
        expect(await tx.query('SELECT id FROM t WHERE id = 12')).toEqual([{ id: 12 }]);
        throw new Error('stop');
      })
      .catch((error: Error) => error.message);
    expect(thrown).toBe('stop');
    expect(await db.query('SELECT id FROM t WHERE id >= 10 ORDER BY id')).toEqual([{ id: 10 }, { id: 11 }]);
  });

  it('fails a transaction whose commit the database refuses, and writes nothing of it', async () => {
    const refused = await db
      .transaction(async (tx) => {
        await tx.query('INSERT INTO deferred VALUES (1), (1)');
        return 'committed';
      })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: '23505' });
    expect(await db.query('SELECT count(*)::int AS n FROM deferred')).toEqual([{ n: 0 }]);
    await db.transaction((tx) => tx.query('INSERT INTO deferred VALUES (1)'));
    expect(await db.query('SELECT count(*)::int AS n FROM deferred')).toEqual([{ n: 1 }]);
  });

  it('runs transactions one at a time, so a read-then-write in each loses no update', async () => {
    const increment = () =>
      db.transaction(async (tx) => {
        const [row] = await tx.query<{ n: number }>('SELECT n FROM counter');
        await new Promise((resolve) => setTimeout(resolve, 20));
        await tx.query('UPDATE counter SET n = $1', [row!.n + 1]);
      });
    await Promise.all([increment(), increment(), increment()]);
    expect(await db.query('SELECT n FROM counter')).toEqual([{ n: 3 }]);
  });

  it('forgets the generation it knew after a write through it, as on the main thread', async () => {
    expect(db.changes).toBeDefined();
    db.changes!.remember('7', db.changes!.epoch);
    expect(db.changes!.known()).toBe('7');
    await db.query('UPDATE counter SET n = n');
    expect(db.changes!.known()).toBeUndefined();
  });

  it('keeps the event loop serving while a long statement runs, which PGlite on the main thread stops', async () => {
    const longestPause = async (database: Db) => {
      let last = performance.now();
      let longest = 0;
      const ticker = setInterval(() => {
        const now = performance.now();
        longest = Math.max(longest, now - last);
        last = now;
      }, 5);
      await database.query('SELECT pg_sleep(0.4)');
      clearInterval(ticker);
      return Math.max(longest, performance.now() - last);
    };
    expect(await longestPause(db)).toBeLessThan(200);
    const direct = wrapPglite(await openPglite(join(dir, 'direct'), template));
    expect(await longestPause(direct)).toBeGreaterThanOrEqual(380);
    await direct.close();
  }, 60_000);

  it('keeps what it wrote on disk: the directory opened on the main thread afterwards has it', async () => {
    const other = join(dir, 'other');
    const threaded = wrapPglite(await openPgliteThread(other, template));
    await threaded.exec("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('ja')");
    await threaded.close();
    const direct = wrapPglite(await openPglite(other, template));
    expect(await direct.query('SELECT v FROM kept')).toEqual([{ v: 'ja' }]);
    await direct.close();
  }, 60_000);

  it('refuses statements once closed, with a clear error instead of waiting for ever', async () => {
    const closing = wrapPglite(await openPgliteThread(join(dir, 'closing'), template));
    await closing.close();
    await expect(closing.query('SELECT 1')).rejects.toThrow('the embedded database is closed');
  }, 60_000);

  it('fails to open a directory PGlite cannot use', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a directory');
    await expect(openPgliteThread(file, template)).rejects.toThrow();
  }, 60_000);
});
