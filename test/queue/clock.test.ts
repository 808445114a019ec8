// Two replicas against one Redis and one PostgreSQL, under a controlled clock: their clocks tick the same
// minutes, both run workers, one restarts in the digest minute; every digest is posted exactly once.
import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestFanout } from '../../jobs/digest-fanout.js';
import { digestPost } from '../../jobs/digest-post.js';
import { jobs as registry } from '../../jobs/index.js';
import { silentLogger } from '../../src/logger.js';
import { createBullmqDriver } from '../../src/queue/bullmq.js';
import { createClock } from '../../src/queue/clock.js';
import type { QueueDriver } from '../../src/queue/driver.js';
import type { JobServices } from '../../src/queue/job.js';
import { digestPostsOn } from '../../src/store/digest-posts.js';
import { subscribe } from '../../src/store/subscriptions.js';
import { openTestDb, type TestDb } from '../support/db.js';
import { testMunicipalities } from '../support/runtime.js';
import { deletePrefix, recordingPoster, TEST_REDIS_URL, uniquePrefix, waitFor } from './support.js';

const prefix = uniquePrefix('clock');
const queueName = `clock${randomBytes(3).toString('hex')}`;
const jobs = [digestFanout, { ...digestPost, backoffMs: 20 }];
const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Amsterdam' }).toJSDate();
const SUBSCRIPTIONS = 20;

let db: TestDb;
const drivers: QueueDriver[] = [];
beforeAll(async () => {
  db = await openTestDb('postgres');
});
afterAll(async () => {
  for (const driver of drivers) await driver.close();
  await db.dispose();
  await deletePrefix(prefix);
});

function replica() {
  const driver = createBullmqDriver(jobs, { url: TEST_REDIS_URL, prefix, queueName, concurrency: 5 });
  drivers.push(driver);
  return { driver, clock: createClock({ jobs, enqueue: driver.enqueue, logger: silentLogger }) };
}

describe('the clock with two replicas on one Redis', () => {
  it('enqueues one fan-out per minute and posts every digest exactly once', async () => {
    for (let i = 1; i <= SUBSCRIPTIONS; i++) {
      await subscribe(db, { channel: `slack:C${i}`, postMinute: 8 * 60, municipalityCode: null, weekdays: [1, 2, 3, 4, 5, 6, 7], lang: 'nl', createdBy: 'test' });
    }
    const a = replica();
    const b = replica();
    // Both clocks tick the digest minute before any worker runs: one job.
    await Promise.all([a.clock.tick(at('2025-06-10T08:00:00')), b.clock.tick(at('2025-06-10T08:00:30'))]);
    expect(await a.driver.counts()).toMatchObject({ waiting: 1, delayed: 0 });

    let now = at('2025-06-10T08:00');
    const slack = recordingPoster('slack');
    const services: JobServices = {
      db,
      municipalities: testMunicipalities(),
      logger: silentLogger,
      posters: { slack: slack as never },
      buildDigest: async () => ({ title: 'Overzicht', blocks: [], visibility: 'channel' }),
      enqueue: a.driver.enqueue,
      enqueueMany: a.driver.enqueueMany,
      now: () => now,
    };
    await a.driver.startWorker(services);
    await b.driver.startWorker({ ...services, enqueue: b.driver.enqueue, enqueueMany: b.driver.enqueueMany });
    // Both replicas go on ticking; one of them restarts in the digest minute.
    now = at('2025-06-10T08:01');
    await Promise.all([a.clock.tick(now), b.clock.tick(now)]);
    await b.driver.close();
    const c = replica();
    await c.driver.startWorker({ ...services, enqueue: c.driver.enqueue, enqueueMany: c.driver.enqueueMany });
    await c.clock.tick(now);

    await waitFor(async () => (await digestPostsOn(db, '2025-06-10')).filter((p) => p.status === 'geplaatst').length === SUBSCRIPTIONS, 'every digest posted');
    now = at('2025-06-10T08:02');
    await Promise.all([a.clock.tick(now), c.clock.tick(now)]);
    await waitFor(async () => {
      const counts = await a.driver.counts();
      return counts.waiting + counts.active + counts.delayed === 0;
    }, 'the queue to drain');

    const perChannel = new Map<string, number>();
    for (const p of slack.posts) perChannel.set(p.channelId, (perChannel.get(p.channelId) ?? 0) + 1);
    expect(perChannel.size).toBe(SUBSCRIPTIONS);
    expect([...perChannel.values()].every((n) => n === 1)).toBe(true);
  });

  it('ticks every schedule of the registry once when it starts, with the ids the jobs declare', async () => {
    const enqueued: { name: string; jobId: string }[] = [];
    const clock = createClock({ jobs: registry, enqueue: async (name, _data, options) => void enqueued.push({ name, jobId: options?.jobId ?? '' }), logger: silentLogger });
    await clock.start();
    await clock.stop();
    // One tick each at start, in the registry's order (a boundary in between may add a scheduled tick).
    expect(enqueued.slice(0, 3).map((e) => e.name)).toEqual(['digest-fanout', 'reminder-reconcile', 'alert-fanout']);
    expect(enqueued[0]!.jobId).toMatch(/^fanout-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}$/);
    expect(enqueued[1]!.jobId).toMatch(/^afstemming-start-\d{8}T\d{4}$/);
    expect(enqueued[2]!.jobId).toMatch(/^alert-fanout-\d+0000$|^alert-fanout-\d+5000$/);
    expect(enqueued.slice(3).every((e) => e.name === 'digest-fanout' || e.name === 'alert-fanout')).toBe(true);
  });

  it('gives each tick a deterministic id: a fan-out per minute, a reconcile per hour, per minute at start, per second when the queue is back, an alert sweep per 5 s', async () => {
    const ids: string[] = [];
    const clock = createClock({ jobs: registry, enqueue: async (_name, _data, options) => void ids.push(options?.jobId ?? ''), logger: silentLogger });
    const moment = new Date('2025-04-18T12:07:42.500Z');
    await clock.tick(moment);
    await clock.tick(moment, { job: 'reminder-reconcile', trigger: 'start' });
    await clock.tick(moment, { job: 'reminder-reconcile', trigger: 'back' });
    expect(ids).toEqual(['fanout-2025-04-18-12-07', 'afstemming-20250418T12', 'alert-fanout-1744978060000', 'afstemming-start-20250418T1207', 'afstemming-terug-20250418T120742']);
  });

  it('enqueues what waits for the shared queue as soon as it is back, trying again while it still fails', async () => {
    const enqueued: string[] = [];
    let refusals = 0;
    let back: (() => void) | undefined;
    const clock = createClock({
      jobs: registry,
      enqueue: async (name) => {
        if (name === 'reminder-reconcile' && refusals-- > 0) throw new Error('still settling');
        enqueued.push(name);
      },
      logger: silentLogger,
      onQueueBack: (listener) => void (back = listener),
    });
    await clock.start();
    enqueued.length = 0;
    refusals = 1;
    const backAt = Date.now();
    back!();
    await waitFor(() => enqueued.includes('reminder-reconcile'), 'the reconcile enqueued after one refusal', 10_000);
    await clock.stop();
    expect(Date.now() - backAt).toBeGreaterThanOrEqual(1_900);
    expect(enqueued.filter((name) => name === 'reminder-reconcile')).toHaveLength(1);
    expect(enqueued).toContain('digest-fanout');
  });
});
