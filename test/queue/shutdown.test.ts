// SIGTERM: the app (web and worker roles, BullMQ on the real Redis) finishes the job in flight and closes
// every connection within 10 seconds. The child never calls process.exit, so it ends only when nothing
// is left open. Health, readiness and metrics are checked on the running app first.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { createBullmqDriver } from '../../src/queue/bullmq.js';
import { openPostgres } from '../../src/store/db.js';
import { TEST_DATABASE_URL } from '../support/db.js';
import { slowJob } from './fixtures/slow-job.js';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix, waitFor } from './support.js';

const prefix = uniquePrefix('shutdown');
// A schema of its own on the real PostgreSQL (quicker to start than PGlite on disk in a child process).
const schema = `test_shutdown_${randomBytes(4).toString('hex')}`;
const databaseUrl = `${TEST_DATABASE_URL}${TEST_DATABASE_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
const producer = createBullmqDriver([slowJob], { url: TEST_REDIS_URL, prefix });
const METRICS_TOKEN = `metrics-${randomBytes(12).toString('hex')}`;
let child: ChildProcess | undefined;
afterAll(async () => {
  child?.kill('SIGKILL');
  await producer.close();
  await deletePrefix(prefix);
  const admin = await openPostgres(TEST_DATABASE_URL);
  await admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.close();
});

it('serves health and metrics, then on SIGTERM finishes the job in flight and exits cleanly within 10 s', async () => {
  const script = fileURLToPath(new URL('./fixtures/app-child.ts', import.meta.url));
  const admin = await openPostgres(TEST_DATABASE_URL);
  await admin.exec(`CREATE SCHEMA ${schema}`);
  await admin.close();
  // No Slack or Discord, whatever this shell has.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(DATABASE_URL|SLACK_|DISCORD_|PROGRAMME_)/.test(key)));
  child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...env, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix, DATABASE_URL: databaseUrl, METRICS_TOKEN: METRICS_TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += String(chunk)));
  child.stderr!.on('data', (chunk) => (output += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));

  await waitFor(() => output.includes('ready\n'), `the child to start:\n${output}`, 90_000);
  expect(output).toContain('Wachtrij: BullMQ op Redis 127.0.0.1:6379');
  const port = Number(/HTTP: poort (\d+)/.exec(output)?.[1]);
  const base = `http://127.0.0.1:${port}`;
  expect((await fetch(`${base}/healthz`)).status).toBe(200);
  const ready = await fetch(`${base}/readyz`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toEqual({ database: 'ok', queue: 'ok' });
  expect((await fetch(`${base}/metrics`)).status).toBe(401);
  const metrics = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  expect(metrics).toContain('# TYPE ote_commands_total counter');
  expect(metrics).toMatch(/ote_queue_jobs\{state="waiting"\} \d+/);

  await producer.enqueue('slow', { ms: 1_500 }, { jobId: 'slow-1' });
  await waitFor(() => output.includes('slow started'), 'the slow job to start');
  const signalled = Date.now();
  child.kill('SIGTERM');
  const code = await Promise.race([exited, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 15_000))]);
  const seconds = (Date.now() - signalled) / 1000;

  expect(code, output).toBe(0);
  expect(seconds).toBeLessThan(10);
  expect(output.indexOf('slow finished')).toBeGreaterThan(output.indexOf('slow started'));
  expect(output.indexOf('stopped')).toBeGreaterThan(output.indexOf('slow finished'));
  expect(await producer.counts()).toMatchObject({ active: 0, waiting: 0, failed: 0 });
}, 120_000);
