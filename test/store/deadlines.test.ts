// Every statement has a deadline: with the database paused behind a proxy (connections open, nothing
// answered) or black-holed (new connections never answered), a query fails within its bound instead of
// hanging, and the handle works again once the database answers.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Db } from '../../src/store/db.js';
import { TEST_DATABASE_URL } from '../support/db.js';
import { startTcpProxy, throughProxy, type TcpProxy } from '../support/tcp-proxy.js';

const schema = `test_deadline_${randomBytes(5).toString('hex')}`;
let proxy: TcpProxy;
let db: Db;

beforeAll(async () => {
  proxy = await startTcpProxy({ port: Number(new URL(TEST_DATABASE_URL).port || 5432) });
  db = await openPostgres(throughProxy(TEST_DATABASE_URL, proxy), schema, { connectMs: 1_000, statementMs: 1_000 });
});
afterAll(async () => {
  proxy.mode = 'forward';
  await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
  await db.close();
  await proxy.close();
});

async function timed(run: () => Promise<unknown>): Promise<{ ok: boolean; ms: number }> {
  const started = Date.now();
  const ok = await run().then(() => true, () => false);
  return { ok, ms: Date.now() - started };
}

describe('deadlines on the pool', () => {
  it('a paused database: the query fails within the statement deadline, then works again', async () => {
    expect((await timed(() => db.query('SELECT 1'))).ok).toBe(true);
    proxy.stall();
    const paused = await timed(() => db.query('SELECT 1'));
    expect(paused.ok).toBe(false);
    expect(paused.ms).toBeLessThan(4_000);
    proxy.cut();
    expect((await timed(() => db.query('SELECT 1'))).ok).toBe(true);
  });

  it('a slow statement is cancelled by the server after the statement deadline', async () => {
    const slow = await timed(() => db.query('SELECT pg_sleep(5)'));
    expect(slow.ok).toBe(false);
    expect(slow.ms).toBeLessThan(3_000);
    expect((await timed(() => db.query('SELECT 1'))).ok).toBe(true);
  });

  it('a connection cut inside a transaction fails that transaction, not the process', async () => {
    const inFlight = db.transaction(async (tx) => {
      await tx.query('SELECT 1');
      setTimeout(() => proxy.cut(), 100);
      await tx.query('SELECT pg_sleep(0.5)');
    });
    await expect(inFlight).rejects.toThrow();
    expect((await timed(() => db.query('SELECT 1'))).ok).toBe(true);
  });

  it('a black-holed database: a new connection fails within the connect deadline', async () => {
    proxy.mode = 'blackhole';
    proxy.cut();
    const holed = await timed(() => db.query('SELECT 1'));
    expect(holed.ok).toBe(false);
    expect(holed.ms).toBeLessThan(4_000);
    proxy.mode = 'forward';
    expect((await timed(() => db.query('SELECT 1'))).ok).toBe(true);
  });
});
