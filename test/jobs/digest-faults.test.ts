// The fault test: digests fan out through BullMQ (two workers on the real Redis) and the real Slack poster
// to the fake Slack, which fails about one call in five with 429, 5xx or a slow answer. Every digest
// arrives exactly once; a channel that is gone pauses its subscription and tells the programme office.
import { randomBytes } from 'node:crypto';
import { webApi } from '@slack/bolt';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { digestFanout } from '../../jobs/digest-fanout.js';
import { digestPost } from '../../jobs/digest-post.js';
import { silentLogger } from '../../src/logger.js';
import { createSlackPoster } from '../../src/platforms/slack/poster.js';
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

const CHANNELS = 40;
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

/** A fixed pseudo-random sequence (the same every run): one call in five fails, in four ways. */
function faultPlan(calls: number): Fault[] {
  const kinds: Fault[] = [{ status: 429, retryAfter: 1 }, { status: 503 }, { status: 500 }, { delayMs: 1_500 }];
  let seed = 20_250_610;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: calls }, (_, i) => (random() < 0.2 ? kinds[i % kinds.length]! : { delayMs: 0 }));
}

it('posts every digest exactly once through a Slack that fails one call in five', async () => {
  const channels = Array.from({ length: CHANNELS }, (_, i) => `C${String(i + 1).padStart(3, '0')}`);
  for (const channel of [...channels, 'CGONE']) {
    await subscribe(db, { channel: `slack:${channel}`, postMinute: 8 * 60, municipalityCode: null, weekdays: [1, 2, 3, 4, 5, 6, 7], lang: 'nl', createdBy: 'test' });
  }
  slack.channelErrors.set('CGONE', 'channel_not_found');
  const plan = faultPlan(CHANNELS * 3);
  for (const fault of plan) slack.failNext('chat.postMessage', fault);

  const client = new webApi.WebClient(slack.token, {
    slackApiUrl: slack.apiUrl,
    logLevel: webApi.LogLevel.ERROR,
    // Few, quick client retries, so that the queue's own retries are exercised too.
    retryConfig: { retries: 1, minTimeout: 20, maxTimeout: 50 },
  });
  const now = DateTime.fromISO('2025-06-10T08:00', { zone: 'Europe/Amsterdam' }).toJSDate();
  const services = (driver: QueueDriver): JobServices => ({
    db,
    municipalities: testMunicipalities(),
    logger: silentLogger,
    posters: { slack: createSlackPoster(client, { lang: 'nl', logger: silentLogger }) },
    programmeChannel: 'slack:CPROG',
    buildDigest: async () => ({ title: 'Dagelijks overzicht', blocks: [{ kind: 'text', text: 'geen incidenten gemeld' }], visibility: 'channel' }),
    enqueue: driver.enqueue,
    enqueueMany: driver.enqueueMany,
    now: () => now,
  });
  for (let i = 0; i < 2; i++) {
    const driver = createBullmqDriver(jobs, { url: TEST_REDIS_URL, prefix, queueName, concurrency: 8 });
    drivers.push(driver);
    await driver.startWorker(services(driver));
    await createClock(driver.enqueue, silentLogger).tick(now);
  }

  await waitFor(async () => {
    const rows = await digestPostsOn(db, '2025-06-10');
    return rows.length === CHANNELS + 1 && rows.every((r) => r.status !== 'bezig');
  }, 'every digest to be posted or given up', 90_000);
  await waitFor(async () => {
    const counts = await drivers[0]!.counts();
    return counts.waiting + counts.active + counts.delayed === 0;
  }, 'the queue to drain');

  const rows = await digestPostsOn(db, '2025-06-10');
  expect(rows.filter((r) => r.status === 'geplaatst')).toHaveLength(CHANNELS);
  const posted = new Map<string, number>();
  for (const message of slack.messages) posted.set(message.channel, (posted.get(message.channel) ?? 0) + 1);
  for (const channel of channels) expect(posted.get(channel), channel).toBe(1);
  expect(posted.has('CGONE')).toBe(false);
  expect(posted.get('CPROG')).toBe(1);
  expect((await liveSubscriptions(db)).find((s) => s.channel === 'slack:CGONE')?.status).toBe('gepauzeerd');
  // The faults really happened.
  const failed = slack.callsOf('chat.postMessage').filter((c) => c.status === 429 || c.status >= 500);
  expect(failed.length).toBeGreaterThan(3);
}, 150_000);
