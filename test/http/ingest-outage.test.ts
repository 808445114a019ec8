// The ingest API while its database is away, behind a TCP proxy the test starts: 503 with Retry-After in
// the API's own format (never a hang, never `{"error":"interne fout"}`), nothing half-written, and
// accepted again once the database answers.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INCIDENTS_PATH, mountIngest } from '../../src/http/ingest.js';
import { createHttpServer, type HttpServer } from '../../src/http/server.js';
import { silentLogger } from '../../src/logger.js';
import { openPostgres, type Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { createToken } from '../../src/store/tokens.js';
import { TEST_DATABASE_URL } from '../support/db.js';
import { testMunicipalities } from '../support/runtime.js';
import { startTcpProxy, throughProxy, type TcpProxy } from '../support/tcp-proxy.js';

const schema = `test_ingest_outage_${randomBytes(5).toString('hex')}`;
const NOW = new Date('2025-06-30T10:00:00Z');
let proxy: TcpProxy;
let admin: Db;
let db: Db;
let http: HttpServer;
let base: string;
let token: string;

beforeAll(async () => {
  admin = await openPostgres(TEST_DATABASE_URL, schema);
  await migrate(admin);
  token = (await createToken(admin, 'Politie Eenheid Rotterdam', { actor: 'cli:test', role: null, platform: 'cli' })).secret;
  proxy = await startTcpProxy({ port: Number(new URL(TEST_DATABASE_URL).port || 5432) });
  db = await openPostgres(throughProxy(TEST_DATABASE_URL, proxy), schema, { connectMs: 1_000, statementMs: 1_500 });
  http = createHttpServer(0, silentLogger);
  mountIngest(http, { db, municipalities: testMunicipalities(), logger: silentLogger, now: () => NOW });
  base = `http://127.0.0.1:${await http.listen()}`;
});
afterAll(async () => {
  proxy.mode = 'forward';
  await http.close();
  await db.close();
  await proxy.close();
  await admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.close();
});

async function ingest(id: string): Promise<{ status: number; retryAfter: string | null; body: Record<string, unknown>; ms: number }> {
  const started = Date.now();
  const response = await fetch(`${base}${INCIDENTS_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ id, occurred_at: '2025-03-01T02:30', municipality: 'Rotterdam', target: 'woning', outcome: 'explosie' }),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as Record<string, unknown>, ms: Date.now() - started };
}

const stored = async () => (await admin.query<{ reference: string }>('SELECT reference FROM incidents ORDER BY reference')).map((r) => r.reference);

describe('ingest while the database is away', () => {
  it.each([
    ['refusing', 'refuse', false],
    ['black-holed', 'blackhole', false],
    ['paused mid-connection', 'forward', true],
  ] as const)('%s: 503 with Retry-After in the API format, then accepted again', async (_name, mode, stall) => {
    expect((await ingest(`OUT-OK-${mode}`)).status).toBe(201);
    proxy.mode = mode;
    if (stall) proxy.stall();
    else proxy.cut();
    const refused = await ingest(`OUT-${mode}`);
    expect(refused.status).toBe(503);
    expect(refused.retryAfter).toBe('30');
    expect(refused.body).toEqual({ melding: expect.stringContaining('De database is even niet bereikbaar') });
    expect(refused.ms).toBeLessThan(6_000);
    proxy.mode = 'forward';
    proxy.cut();
    expect((await ingest(`OUT-AGAIN-${mode}`)).status).toBe(201);
    expect(await stored()).not.toContain(`OUT-${mode}`);
  });
});
