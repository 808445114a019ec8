// The fault test: digests with their charts fan out through BullMQ (two workers on the real Redis) and the
// real Slack poster to the fake Slack, which drops 20% of its answers after storing the post (the connection
// is cut), and besides fails about one call in five with 429, 500/503 (some after storing), a hang or a slow
// answer, the history lookups included. Every digest and every chart arrives exactly once: 0 duplicates,
// 0 lost. A channel that is gone pauses its subscription and tells the programme office.
import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { digestFanout } from '../../jobs/digest-fanout.js';
import { digestPost } from '../../jobs/digest-post.js';
import { silentLogger } from '../../src/logger.js';
import { boltLogger } from '../../src/platforms/slack/bolt-logger.js';
import { createSlackPoster, createSlackPostingClient } from '../../src/platforms/slack/poster.js';
import { createBullmqDriver } from '../../src/queue/bullmq.js';
import { createClock } from '../../src/queue/clock.js';
import type { QueueDriver } from '../../src/queue/driver.js';
import type { JobServices } from '../../src/queue/job.js';
import { digestPostsOn } from '../../src/store/digest-posts.js';
import { subscribe, liveSubscriptions } from '../../src/store/subscriptions.js';
import { openTestDb, type TestDb } from '../support/db.js';
import { startFakeSlack, type Fault, type FakeSlack } from '../support/fake-slack.js';
import { testMunicipalities } from '../support/runtime.js';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix, waitFor } from '../queue/support.js';

const CHANNELS = 50;
const DROPPED = 0.2;
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 9, 9, 9]);
const prefix = uniquePrefix('faults');
const queueName = `faults${randomBytes(3).toString('hex')}`;
const jobs = [digestFanout, { ...digestPost, backoffMs: 50 }];

let db: TestDb;
let slack: FakeSlack;
const drivers: QueueDriver[] = [];
beforeAll(async () => {
  [db, slack] = await Promise.all([openTestDb('pglite'), startFakeSlack()]);
});
afterAll(async () => {
  for (const driver of drivers) await driver.close();
  await Promise.all([db.dispose(), slack.close(), deletePrefix(prefix)]);
});

/** A fixed pseudo-random sequence (the same every run): one call in five fails, in these ways. */
function faultPlan(calls: number, seed: number): Fault[] {
  const kinds: Fault[] = [
    { status: 429, retryAfter: 1 },
    { status: 503 },
    { status: 500, stored: true },
    { hang: true },
    { status: 500 },
    { status: 503, stored: true },
    { delayMs: 1_500 },
  ];
  // mulberry32: small, and exact in JavaScript's numbers.
  let state = 20_250_610 + seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  return Array.from({ length: calls }, (_, i) => (random() < 0.2 ? kinds[i % kinds.length]! : { delayMs: 0 }));
}

/** Per channel: how many copies arrived beyond the first, and whether none did. */
function tally(channels: readonly string[], arrived: readonly { channel?: string }[]): { duplicates: number; lost: number } {
  const count = new Map<string, number>();
  for (const item of arrived) if (item.channel) count.set(item.channel, (count.get(item.channel) ?? 0) + 1);
  return {
    duplicates: channels.reduce((sum, c) => sum + Math.max(0, (count.get(c) ?? 0) - 1), 0),
    lost: channels.filter((c) => !count.has(c)).length,
  };
}

it('posts every digest and chart exactly once through a Slack that drops 20% of answers after storing', async () => {
  const channels = Array.from({ length: CHANNELS }, (_, i) => `C${String(i + 1).padStart(3, '0')}`);
  for (const channel of [...channels, 'CGONE']) {
    await subscribe(db, { channel: `slack:${channel}`, postMinute: 8 * 60, municipalityCode: null, weekdays: [1, 2, 3, 4, 5, 6, 7], lang: 'nl', createdBy: 'test' });
  }
  slack.channelErrors.set('CGONE', 'channel_not_found');
  for (const method of ['chat.postMessage', 'files.completeUploadExternal']) slack.dropResponses(method, DROPPED);
  for (const [method, seed] of [['chat.postMessage', 1], ['conversations.history', 2], ['files.completeUploadExternal', 3]] as const) {
    for (const fault of faultPlan(CHANNELS * 3, seed)) slack.failNext(method, fault);
  }

  // Calls time out after 2 s (a hang); the poster's own retries are few and quick, so the queue's own
  // retries (which look before they post) are exercised too.
  const client = createSlackPostingClient(slack.token, { slackApiUrl: slack.apiUrl, logger: boltLogger(silentLogger) }, 2_000);
  const now = DateTime.fromISO('2025-06-10T08:00', { zone: 'Europe/Amsterdam' }).toJSDate();
  const services = (driver: QueueDriver): JobServices => ({
    db,
    municipalities: testMunicipalities(),
    logger: silentLogger,
    posters: { slack: createSlackPoster(client, { lang: 'nl', logger: silentLogger, retryDelaysMs: [50, 100], timeoutMs: 2_000 }) },
    programmeChannel: 'slack:CPROG',
    buildDigest: async () => ({
      title: 'Dagelijks overzicht',
      blocks: [
        { kind: 'text', text: 'geen incidenten gemeld' },
        { kind: 'chart', chart: { title: 'Doel 2025', fileName: 'ote-overzicht-2025-06-10.png', png: PNG } },
      ],
      visibility: 'channel',
    }),
    enqueue: driver.enqueue,
    enqueueMany: driver.enqueueMany,
    now: () => now,
  });
  const started = Date.now();
  for (let i = 0; i < 2; i++) {
    const driver = createBullmqDriver(jobs, { url: TEST_REDIS_URL, prefix, queueName, concurrency: 8 });
    drivers.push(driver);
    await driver.startWorker(services(driver));
    await createClock({ jobs, enqueue: driver.enqueue, logger: silentLogger }).tick(now);
  }

  await waitFor(async () => {
    const rows = await digestPostsOn(db, '2025-06-10');
    return rows.length === CHANNELS + 1 && rows.every((r) => r.status !== 'bezig');
  }, 'every digest to be posted or given up', 90_000);
  await waitFor(async () => {
    const counts = await drivers[0]!.counts();
    return counts.waiting + counts.active + counts.delayed === 0;
  }, 'the queue to drain');

  const seconds = (Date.now() - started) / 1000;
  const rows = await digestPostsOn(db, '2025-06-10');
  const messages = tally(channels, slack.messages);
  const charts = tally(channels, slack.files);
  console.log(
    `digest faults: ${CHANNELS} channels, answers lost on purpose (${Math.round(DROPPED * 100)}% dropped after storing, plus hangs): ` +
      `${slack.callsOf('chat.postMessage', 0).length} of ${slack.callsOf('chat.postMessage').length} posts, ` +
      `${slack.callsOf('files.completeUploadExternal', 0).length} of ${slack.callsOf('files.completeUploadExternal').length} uploads; ` +
      `${slack.callsOf('conversations.history').length} history lookups, in ${seconds.toFixed(1)} s: ` +
      `messages ${messages.duplicates} duplicates / ${messages.lost} lost, charts ${charts.duplicates} duplicates / ${charts.lost} lost`,
  );
  expect({ messages, charts }).toEqual({ messages: { duplicates: 0, lost: 0 }, charts: { duplicates: 0, lost: 0 } });
  expect(rows.filter((r) => r.status === 'geplaatst')).toHaveLength(CHANNELS);
  expect(slack.messages.some((m) => m.channel === 'CGONE')).toBe(false);
  expect(slack.messages.filter((m) => m.channel === 'CPROG')).toHaveLength(1);
  expect((await liveSubscriptions(db)).find((s) => s.channel === 'slack:CGONE')?.status).toBe('gepauzeerd');
  // The faults really happened: answers lost after storing, and errors, on posts and on lookups.
  expect(slack.dropped).toBeGreaterThanOrEqual(CHANNELS * DROPPED * 0.5);
  const failed = (method: string) => slack.callsOf(method).filter((c) => c.status === 429 || c.status >= 500 || c.status === 0);
  expect(failed('chat.postMessage').length).toBeGreaterThan(3);
  expect(failed('conversations.history').length).toBeGreaterThan(3);
}, 150_000);
