// The worker against a Redis that is away, wiped or restarted: a Redis of the test's own behind a TCP proxy
// the test starts (never the shared one). Start-up does not wait for it, the outage is a line or two and
// not a flood, a command that enqueues answers at once, and the reminders are planned again as soon as
// Redis is back, without waiting for the hourly reconcile.
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs } from '../../jobs/index.js';
import { runCommandText } from '../../src/commands/dispatch.js';
import { loadConfig } from '../../src/config.js';
import { ESCALATION_JOB, REMINDER_JOB } from '../../src/fieldlab/reconcile.js';
import { createLogger } from '../../src/logger.js';
import { createApp, type App } from '../../src/main.js';
import { createBullmqDriver } from '../../src/queue/bullmq.js';
import type { QueueDriver } from '../../src/queue/driver.js';
import { openPostgres, type Db } from '../../src/store/db.js';
import { TEST_DATABASE_URL } from '../support/db.js';
import { startOwnRedis, type OwnRedis } from '../support/redis-server.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { waitFor } from './support.js';

const schema = `test_outage_${randomBytes(5).toString('hex')}`;
const prefix = `outage${randomBytes(4).toString('hex')}`;
const lines: { level: number; msg: string; at: number }[] = [];
let admin: Db;
let redis: OwnRedis;
let proxy: TcpProxy;
let app: App;
// Looks at the app's queue from outside, as a second process would; it runs no worker, so it leaves the
// marker that tells a wiped Redis to the app.
let inspector: QueueDriver;

beforeAll(async () => {
  admin = await openPostgres(TEST_DATABASE_URL, schema);
  redis = await startOwnRedis();
  proxy = await startTcpProxy({ port: redis.port });
  inspector = createBullmqDriver(jobs, { url: redis.url(), prefix });
});
afterAll(async () => {
  await app?.stop();
  await inspector.close();
  await proxy.close();
  await redis.stop();
  await admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.close();
});

const logged = (text: string) => lines.some((line) => line.msg.includes(text));
const problemsSince = (at: number) => lines.filter((line) => line.level >= 40 && line.at >= at).length;

async function pendingReminders(): Promise<number> {
  return (await inspector.pending({ names: [REMINDER_JOB, ESCALATION_JOB] })).length;
}

function tomorrow(): string {
  return new Date(Date.now() + 24 * 3600_000).toISOString().slice(0, 10);
}

describe('the worker while Redis is away', () => {
  it('starts without it, answers at once, logs the outage once and catches up when it is back, wiped or restarted', async () => {
    proxy.mode = 'refuse';
    const url = new URL(TEST_DATABASE_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const sink = new Writable({
      write(chunk, _encoding, next) {
        for (const line of String(chunk).split('\n').filter(Boolean)) {
          const parsed = JSON.parse(line) as { level: number; msg: string };
          lines.push({ level: parsed.level, msg: parsed.msg, at: Date.now() });
        }
        next();
      },
    });
    const config = loadConfig({ DATABASE_URL: url.toString(), REDIS_URL: `redis://127.0.0.1:${proxy.port}`, PORT: '0', LOG_LEVEL: 'info' });
    app = await createApp(config, { roles: ['web', 'worker'], logger: createLogger('info', sink), queuePrefix: prefix, queueMarkerEveryMs: 1_000 });

    const startedAt = Date.now();
    await app.start();
    expect(Date.now() - startedAt).toBeLessThan(15_000);

    const asked = Date.now();
    const reply = await runCommandText(
      `/ote interventie nieuw naam=Storing kanaal=slack:C0TEAM0001 start=${tomorrow()}`,
      { actor: { platform: 'console', userId: 'programma', role: 'programma' }, channel: 'console:test' },
      app.runtime,
    );
    expect(Date.now() - asked).toBeLessThan(3_000);
    expect(JSON.stringify(reply)).toContain('De wachtrij antwoordt nu niet');
    expect(reply.isError).toBeFalsy();

    // Eight seconds of outage: a line when it went, and the enqueues that failed; not several a second.
    const quietFrom = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    const duringOutage = problemsSince(quietFrom);
    expect(duringOutage).toBeLessThanOrEqual(3);
    expect(logged('queue connection lost')).toBe(true);
    expect(lines.filter((line) => line.msg.includes('queue connection lost'))).toHaveLength(1);

    proxy.mode = 'forward';
    const back = Date.now();
    await waitFor(() => logged('queue connection back'), 'the queue to be back', 30_000);
    await waitFor(async () => (await pendingReminders()) > 0, 'the reminders to be planned after the outage', 30_000);
    const catchUpSeconds = (Date.now() - back) / 1000;

    // Wiped while connected: the marker is gone, the reconcile plans the reminders again.
    const direct = new Redis(redis.url()).on('error', () => undefined);
    await direct.flushall();
    direct.disconnect();
    expect(await pendingReminders()).toBe(0);
    const wiped = Date.now();
    await waitFor(async () => (await pendingReminders()) > 0, 'the reminders to be planned again after a wipe', 30_000);
    const wipeSeconds = (Date.now() - wiped) / 1000;
    expect(logged('queue came back empty'), lines.map((line) => line.msg).join('\n')).toBe(true);

    // Restarted without persistence: the connections drop and Redis comes back empty.
    await redis.stop();
    proxy.cut();
    redis = await startOwnRedis({ port: redis.port });
    const restarted = Date.now();
    await waitFor(async () => (await pendingReminders().catch(() => 0)) > 0, 'the reminders to be planned again after a restart', 40_000);
    const restartSeconds = (Date.now() - restarted) / 1000;
    console.log(`redis outage: ${duringOutage} warn/error lines in 8 s down; reminders back ${catchUpSeconds.toFixed(1)} s after Redis, ${wipeSeconds.toFixed(1)} s after a wipe, ${restartSeconds.toFixed(1)} s after a restart`);
  }, 150_000);
});
