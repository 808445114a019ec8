// Fan-out of 400 digests through BullMQ and the Slack poster, in two worker processes, to a fake Slack that
// allows 1 message per second per channel and WORKSPACE_RATE per second in the workspace. The floor is the
// time those limits allow for 400 messages: 400 / WORKSPACE_RATE s (each channel gets one message, so its
// own limit never binds). Goal: within 1.2x of it, nothing lost, nothing twice. The rate is 50/s (floor
// 8 s) to keep the run short; the digest content is a fixed reply, since building it is not measured here.
// Then the same with faults: 20% of the posts' answers dropped after Slack stored them, and 500/503 (some
// after storing) and hangs mixed into posts and history lookups, which Slack limits to 50 a minute (Tier
// 3). Goal there: nothing lost, nothing twice; the time is reported against the same floor.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { DateTime } from 'luxon';
import { silentLogger } from '../src/logger.js';
import { createBullmqDriver } from '../src/queue/bullmq.js';
import { createClock } from '../src/queue/clock.js';
import { digestFanout } from '../jobs/digest-fanout.js';
import { openPostgres } from '../src/store/db.js';
import { digestPostsOn } from '../src/store/digest-posts.js';
import { migrate } from '../src/store/migrate.js';
import { subscribe } from '../src/store/subscriptions.js';
import { startFakeSlack, type Fault } from '../test/support/fake-slack.js';
import type { BenchmarkResult } from './index.js';

const SUBSCRIPTIONS = 400;
const WORKSPACE_RATE = 50;
const WORKERS = 2;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const DATABASE_URL = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const NAME = `digest fan-out: ${SUBSCRIPTIONS} subscriptions to a rate-limited Slack, clean and with lost answers`;
const DROPPED = 0.2;
/** The workers' Web API call timeout: how long a hang costs. */
const CALL_TIMEOUT_MS = 2_000;
type Mode = 'clean' | 'faults';

async function redisReachable(): Promise<boolean> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const script = fileURLToPath(new URL('./support/fanout-worker.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk) => String(chunk).includes('ready') && resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
  });
}

export async function run(): Promise<BenchmarkResult> {
  const clean = await fanout('clean');
  if (!clean) return { name: NAME, lines: ['skipped: needs Redis (REDIS_URL) and PostgreSQL (DATABASE_URL)'], goalMet: false };
  const faults = (await fanout('faults'))!;
  return {
    name: NAME,
    lines: ['clean:', ...clean.lines.map((l) => `  ${l}`), 'with faults:', ...faults.lines.map((l) => `  ${l}`)],
    goalMet: clean.goalMet && faults.goalMet,
  };
}

/** One call in ten of posts and lookups fails, besides the dropped answers (a fixed sequence). */
function faultPlan(calls: number, offset: number): Fault[] {
  const kinds: Fault[] = [{ status: 503 }, { status: 500, stored: true }, { hang: true }, { status: 500 }, { status: 503, stored: true }];
  return Array.from({ length: calls }, (_, i) => ((i * 7 + offset) % 10 === 0 ? kinds[Math.floor(i / 10) % kinds.length]! : { delayMs: 0 }));
}

async function fanout(mode: Mode): Promise<{ lines: string[]; goalMet: boolean } | undefined> {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const db = await openPostgres(DATABASE_URL, schema).catch(() => undefined);
  if (!db || !(await redisReachable()) || !(await db.query('SELECT 1').then(() => true, () => false))) {
    await db?.close();
    return undefined;
  }
  await migrate(db);
  for (let i = 1; i <= SUBSCRIPTIONS; i++) {
    await subscribe(db, { channel: `slack:C${String(i).padStart(4, '0')}`, postMinute: 8 * 60, municipalityCode: null, weekdays: [1, 2, 3, 4, 5, 6, 7], lang: 'nl', createdBy: 'bench' });
  }
  const slack = await startFakeSlack();
  slack.setRateLimits({ perChannelPerSecond: 1, workspacePerSecond: WORKSPACE_RATE, retryAfterSeconds: 1, ...(mode === 'faults' ? { historyPerMinute: 50 } : {}) });
  if (mode === 'faults') {
    slack.dropResponses('chat.postMessage', DROPPED);
    for (const fault of faultPlan(SUBSCRIPTIONS, 3)) slack.failNext('chat.postMessage', fault);
    for (const fault of faultPlan(SUBSCRIPTIONS, 5)) slack.failNext('conversations.history', fault);
  }
  const prefix = `ote-bench-${randomBytes(4).toString('hex')}`;
  const now = DateTime.fromISO('2025-06-10T08:00', { zone: 'Europe/Amsterdam' }).toJSDate();
  const separator = DATABASE_URL.includes('?') ? '&' : '?';
  const workers = await Promise.all(
    Array.from({ length: WORKERS }, () =>
      startWorker({
        BENCH_RATE: String(WORKSPACE_RATE),
        BENCH_NOW: now.toISOString(),
        BENCH_DATABASE_URL: `${DATABASE_URL}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
        BENCH_REDIS_URL: REDIS_URL,
        BENCH_PREFIX: prefix,
        BENCH_SLACK_TOKEN: slack.token,
        BENCH_SLACK_API_URL: slack.apiUrl,
        BENCH_TIMEOUT_MS: String(CALL_TIMEOUT_MS),
      }),
    ),
  );
  const producer = createBullmqDriver([digestFanout], { url: REDIS_URL, prefix });

  const t0 = Date.now();
  const started = performance.now();
  await createClock({ jobs: [digestFanout], enqueue: producer.enqueue, logger: silentLogger }).tick(now);
  let posted = 0;
  let settled = 0;
  while (performance.now() < started + 300_000) {
    const rows = await digestPostsOn(db, '2025-06-10');
    posted = rows.filter((r) => r.status === 'geplaatst').length;
    settled = rows.filter((r) => r.status !== 'bezig').length;
    if (settled === SUBSCRIPTIONS) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const seconds = (performance.now() - started) / 1000;
  // Let anything still in flight land, so a duplicate would be counted.
  await new Promise((resolve) => setTimeout(resolve, 1_500));

  const floor = SUBSCRIPTIONS / WORKSPACE_RATE;
  const postsPerChannel = new Map<string, number>();
  for (const m of slack.messages) postsPerChannel.set(m.channel, (postsPerChannel.get(m.channel) ?? 0) + 1);
  const twice = [...postsPerChannel.values()].filter((n) => n > 1).length;
  const duplicates = [...postsPerChannel.values()].reduce((sum, n) => sum + n - 1, 0);
  const lost = SUBSCRIPTIONS - postsPerChannel.size;
  const lookups = slack.callsOf('conversations.history').length;
  const lostAnswers = slack.callsOf('chat.postMessage', 0).length;
  const storedThen5xx = slack.messages.length - slack.callsOf('chat.postMessage', 200).length - lostAnswers;
  const ambiguous = slack.callsOf('chat.postMessage').filter((c) => c.status === 0 || c.status >= 500).length;
  const lookupFloor = Math.max(SUBSCRIPTIONS / WORKSPACE_RATE, (ambiguous / 50) * 60);
  await Promise.all(workers.map((w) => new Promise((resolve) => {
    w.once('exit', resolve);
    w.kill('SIGTERM');
  })));
  await producer.close();
  await slack.close();
  await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await db.close();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();

  const ratio = seconds / floor;
  const perSecond: number[] = [];
  for (const { at: t } of slack.callsOf('chat.postMessage', 200)) {
    const second = Math.floor((t - t0) / 1000);
    perSecond[second] = (perSecond[second] ?? 0) + 1;
  }
  const common = [
    `${WORKERS} worker processes on BullMQ (Redis) and PostgreSQL; posting paced evenly at 97% of the workspace rate`,
    `limits: 1 message/s per channel, ${WORKSPACE_RATE} messages/s per workspace${mode === 'faults' ? ', 50 history lookups/min' : ''}`,
    `floor: ${floor.toFixed(1)} s (${SUBSCRIPTIONS} / ${WORKSPACE_RATE} per s)`,
  ];
  const outcome = `answered 429: ${slack.rateLimited}; posted: ${posted}; duplicates: ${duplicates} (channels twice or more: ${twice}); lost: ${lost}`;
  const load = `machine load (1 min) at the end: ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores: figures from a busy machine are slower`;
  if (mode === 'faults') {
    const met = lost === 0 && duplicates === 0;
    return {
      lines: [
        ...common,
        `faults: ${lostAnswers} answers cut after storing (${Math.round(DROPPED * 100)}% of the posts Slack stored) and ${storedThen5xx} 5xx after storing, plus 500/503/hangs (${CALL_TIMEOUT_MS / 1000} s timeout) on posts and lookups`,
        `took: ${seconds.toFixed(1)} s = ${ratio.toFixed(2)}x the floor (no goal on time under faults)`,
        `history lookups: ${lookups}; ${ambiguous} posts failed ambiguously and need one each, at 50 a minute: a floor of ${lookupFloor.toFixed(1)} s, ${(seconds / lookupFloor).toFixed(2)}x that`,
        outcome,
        `goal 0 duplicates and 0 lost: ${met ? 'met' : 'NOT met'}`,
        load,
      ],
      goalMet: met,
    };
  }
  return {
    lines: [
      ...common,
      `took: ${seconds.toFixed(1)} s = ${ratio.toFixed(2)}x the floor (goal ≤ 1.2x)`,
      `messages accepted per second: ${Array.from(perSecond, (n) => n ?? 0).join(' ')}`,
      outcome,
      load,
    ],
    goalMet: ratio <= 1.2 && lost === 0 && duplicates === 0,
  };
}
