// The bot under faults and across replicas, as a hostile client and a bad network would try it, with the
// figures of the table the fault report asked for: refused, crashed, lost, doubled, stale seconds.
//   - two web processes on one PostgreSQL and one Redis (key prefix of this run): forged, stale, unsigned,
//     oversized and replayed-to-the-other-process Slack requests; one API token's rate across both;
//   - ingests through a TCP proxy in front of PostgreSQL that cuts and pauses the connections, a client
//     that retries on 503 (after 200 ms here, not the 30 s Retry-After): accepted, 503, crashed (500 or no
//     answer within 10 s), lost (accepted but not stored), doubled (stored twice);
//   - stale seconds: a reader's figures after a notification that never came, and with a half-open listener.
// Goal: every forged/stale/unsigned/oversized/replayed request refused, 0 crashed, 0 lost, 0 doubled,
// stale at most REGISTER_TRUST_MS + 1 s after a lost notification; with a half-open network the reader's
// pooled connections are dead too, so add the bench's query deadline (statement 1 s + 1 s) there.
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/config.js';
import { INCIDENTS_PATH } from '../src/http/ingest.js';
import { silentLogger } from '../src/logger.js';
import { createApp, type App } from '../src/main.js';
import { signedHeaders } from '../src/platforms/slack/signing.js';
import { openPostgres, REGISTER_TRUST_MS, type Db } from '../src/store/db.js';
import { countedIncidents, upsertIncidents } from '../src/store/incidents.js';
import { migrate } from '../src/store/migrate.js';
import { createToken } from '../src/store/tokens.js';
import { deletePrefix } from '../test/queue/support.js';
import { startFakeSlack } from '../test/support/fake-slack.js';
import { startTcpProxy, throughProxy } from '../test/support/tcp-proxy.js';
import type { BenchmarkResult } from './index.js';

const NAME = 'faults: hostile requests, database cuts and pauses, two replicas';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const DATABASE_URL = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const EACH = 50;
const INGESTS = 150;
const SECRET = `bench-signing-${randomBytes(8).toString('hex')}`;
const YEAR: [Date, Date] = [new Date('2024-12-31T23:00:00Z'), new Date('2025-12-31T23:00:00Z')];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const withSchema = (url: string, schema: string) => {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
};

async function post(url: string, body: string, headers: Record<string, string>): Promise<number> {
  try {
    const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

function slashBody(i: number): string {
  return new URLSearchParams({ command: '/ote', text: 'help', user_id: `U0BENCH${i}`, channel_id: 'C0BENCH', team_id: 'TFAKE0001', response_url: 'http://127.0.0.1:9/r', trigger_id: `${i}.b` }).toString();
}

async function slackFigures(bases: string[]): Promise<Record<string, string>> {
  const url = (i: number) => `${bases[i % 2]}/slack/events`;
  const old = Math.floor(Date.now() / 1000) - 600;
  const refused = async (make: (i: number) => [string, Record<string, string>]) => {
    let count = 0;
    for (let i = 0; i < EACH; i++) if ((await post(url(i), ...make(i))) === 401) count++;
    return count;
  };
  const unsigned = await refused((i) => [slashBody(i), { 'content-type': 'application/x-www-form-urlencoded' }]);
  const stale = await refused((i) => [slashBody(i), signedHeaders(SECRET, slashBody(i), old)]);
  const forged = await refused((i) => [slashBody(i), signedHeaders(`wrong-${SECRET}`, slashBody(i))]);
  let oversized = 0;
  for (let i = 0; i < EACH; i++) if ([413, 0].includes(await post(url(i), 'x'.repeat(1024 * 1024 + 10), signedHeaders(SECRET, 'x')))) oversized++;
  let replayed = 0;
  let doubled = 0;
  for (let i = 0; i < EACH; i++) {
    const body = slashBody(1000 + i);
    const headers = signedHeaders(SECRET, body);
    if ((await post(`${bases[0]}/slack/events`, body, headers)) !== 200) continue;
    const again = await post(`${bases[1]}/slack/events`, body, headers);
    if (again === 401) replayed++;
    else if (again === 200) doubled++;
  }
  return {
    unsigned: `${unsigned}/${EACH}`, stale: `${stale}/${EACH}`, forged: `${forged}/${EACH}`,
    oversized: `${oversized}/${EACH}`, 'replayed to the other process': `${replayed}/${EACH} (ran twice: ${doubled})`,
  };
}

async function rateFigure(admin: Db, bases: string[]): Promise<string> {
  const { secret } = await createToken(admin, 'Bench rate', { actor: 'bench', role: null, platform: 'cli' });
  let accepted = 0;
  for (let i = 0; i < 40; i++) {
    const status = await post(`${bases[i % 2]}${INCIDENTS_PATH}`, JSON.stringify({ id: `RATE-${i}`, occurred_at: '2025-03-01T02:30', municipality: 'Rotterdam', target: 'woning', outcome: 'explosie' }), { 'content-type': 'application/json', authorization: `Bearer ${secret}` });
    if (status === 201) accepted++;
  }
  return `${accepted} of 40 accepted with an allowance of 10, over two processes`;
}

async function ingestFigures(admin: Db, schema: string): Promise<{ line: Record<string, string>; ok: boolean }> {
  const proxy = await startTcpProxy({ port: Number(new URL(DATABASE_URL).port || 5432) });
  const config = loadConfig({ DATABASE_URL: withSchema(throughProxy(DATABASE_URL, proxy), schema), PORT: '0', DATABASE_CONNECT_TIMEOUT_MS: '1000', DATABASE_STATEMENT_TIMEOUT_MS: '1500', API_RATE_CAPACITY: '100000', API_RATE_PER_MINUTE: '1000000' });
  const app = await createApp(config, { roles: ['web'], logger: silentLogger });
  await app.start();
  const address = app.http!.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const { secret } = await createToken(admin, 'Bench ingest', { actor: 'bench', role: null, platform: 'cli' });

  let faulting = true;
  const faults = (async () => {
    while (faulting) {
      await sleep(700);
      proxy.mode = 'refuse';
      proxy.cut();
      await sleep(600);
      proxy.mode = 'forward';
      await sleep(700);
      proxy.stall();
      await sleep(1_200);
      proxy.cut();
    }
    proxy.mode = 'forward';
  })();

  const tally = { accepted: 0, unavailable: 0, crashed: 0 };
  const acceptedRefs = new Set<string>();
  let next = 0;
  const client = async () => {
    while (next < INGESTS) {
      const ref = `FLT-${next++}`;
      for (let attempt = 0; attempt < 100; attempt++) {
        const status = await post(`${base}${INCIDENTS_PATH}`, JSON.stringify({ id: ref, occurred_at: '2025-03-01T02:30', municipality: 'Rotterdam', target: 'woning', outcome: 'explosie' }), { 'content-type': 'application/json', authorization: `Bearer ${secret}` });
        if (status === 201 || status === 200) {
          tally.accepted++;
          acceptedRefs.add(ref);
          break;
        }
        if (status === 503) tally.unavailable++;
        else tally.crashed++;
        await sleep(200);
      }
    }
  };
  await Promise.all(Array.from({ length: 5 }, client));
  faulting = false;
  await faults;
  await app.stop();
  await proxy.close();

  const rows = await admin.query<{ reference: string; version: number }>(`SELECT reference, version FROM incidents WHERE reference LIKE 'FLT-%'`);
  const stored = new Set(rows.map((r) => r.reference));
  const lost = [...acceptedRefs].filter((ref) => !stored.has(ref)).length;
  const doubled = rows.filter((r) => r.version > 1).length;
  return {
    line: {
      ingests: `${tally.accepted}/${INGESTS} accepted, ${tally.unavailable} answers 503 on the way`,
      crashed: `${tally.crashed} (500 or no answer within 10 s)`,
      lost: String(lost),
      doubled: String(doubled),
    },
    ok: tally.accepted === INGESTS && tally.crashed === 0 && lost === 0 && doubled === 0,
  };
}

async function staleFigures(writer: Db, schema: string): Promise<{ lost: number; halfOpen: number }> {
  const count = (db: Db) => countedIncidents(db, ...YEAR).then((r) => r.length, () => -1);
  const until = async (db: Db, want: number) => {
    const started = Date.now();
    while ((await count(db)) !== want && Date.now() - started < 30_000) await sleep(50);
    return (Date.now() - started) / 1000;
  };
  const reader = await openPostgres(withSchema(DATABASE_URL, schema), undefined);
  let total = await count(writer);
  await until(reader, total);
  total += 1;
  await writer.transaction(async (tx) => {
    await tx.exec('SET LOCAL session_replication_role = replica');
    await upsertIncidents(tx, [{ reference: 'STALE-1', occurredAt: new Date('2025-05-01T01:00:00Z'), municipalityCode: 'GM0363', target: 'woning', outcome: 'explosie', means: 'vuurwerk', postcode4: null }], 'import', 'bench');
    await tx.exec('UPDATE register_state SET generation = gen_random_uuid() WHERE id = 1');
  });
  const lost = await until(reader, total);
  await reader.close();

  const proxy = await startTcpProxy({ port: Number(new URL(DATABASE_URL).port || 5432) });
  const behind = await openPostgres(withSchema(throughProxy(DATABASE_URL, proxy), schema), undefined, { connectMs: 1_000, statementMs: 1_000 });
  await until(behind, total);
  proxy.stall();
  total += 1;
  await writer.transaction((tx) => upsertIncidents(tx, [{ reference: 'STALE-2', occurredAt: new Date('2025-05-02T01:00:00Z'), municipalityCode: 'GM0363', target: 'woning', outcome: 'explosie', means: 'vuurwerk', postcode4: null }], 'import', 'bench'));
  const halfOpen = await until(behind, total);
  await behind.close();
  await proxy.close();
  return { lost, halfOpen };
}

export async function run(): Promise<BenchmarkResult> {
  const schema = `bench_faults_${randomBytes(4).toString('hex')}`;
  const prefix = `ote-bench-faults-${randomBytes(4).toString('hex')}`;
  const admin = await openPostgres(DATABASE_URL, schema).catch(() => undefined);
  if (!admin) return { name: NAME, lines: ['skipped: needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL)'], goalMet: false };
  await migrate(admin);
  const slack = await startFakeSlack();
  const apps: App[] = [];
  const bases: string[] = [];
  try {
    for (let i = 0; i < 2; i++) {
      const config = loadConfig({
        DATABASE_URL: withSchema(DATABASE_URL, schema), REDIS_URL, PORT: '0', API_RATE_CAPACITY: '10', API_RATE_PER_MINUTE: '20',
        SLACK_BOT_TOKEN: slack.token, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.apiUrl,
      });
      const app = await createApp(config, { roles: ['web'], logger: silentLogger, queuePrefix: prefix });
      await app.start();
      apps.push(app);
      const address = app.http!.server.address();
      bases.push(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
    }
    const refused = await slackFigures(bases);
    const rate = await rateFigure(admin, bases);
    for (const app of apps.splice(0)) await app.stop();
    const ingest = await ingestFigures(admin, schema);
    const stale = await staleFigures(admin, schema);
    const allRefused = Object.values(refused).every((v) => v.startsWith(`${EACH}/`));
    const staleOk = stale.lost <= REGISTER_TRUST_MS / 1000 + 1 && stale.halfOpen <= REGISTER_TRUST_MS / 1000 + 2 + 1;
    const lines = [
      ...Object.entries(refused).map(([what, figure]) => `Slack refused, ${what}: ${figure}`),
      `API rate limit: ${rate}`,
      ...Object.entries(ingest.line).map(([what, figure]) => `${what}: ${figure}`),
      `stale seconds after a lost notification: ${stale.lost.toFixed(1)} (bound ${REGISTER_TRUST_MS / 1000} s)`,
      `stale seconds with a half-open network (listener and pool): ${stale.halfOpen.toFixed(1)} (bound ${REGISTER_TRUST_MS / 1000 + 2} s)`,
    ];
    return { name: NAME, lines, goalMet: allRefused && ingest.ok && staleOk };
  } finally {
    for (const app of apps) await app.stop();
    await slack.close();
    await deletePrefix(prefix).catch(() => undefined);
    await admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.close();
  }
}
