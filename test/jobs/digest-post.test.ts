// The digest jobs end to end on the single-process queue and PGlite, under a controlled clock: the
// clock's tick, the fan-out, the post through a Poster, the post log, pauses, retries and failures.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { digestFanout } from '../../jobs/digest-fanout.js';
import { digestPost } from '../../jobs/digest-post.js';
import { buildDigest } from '../../src/digest/build.js';
import { ChartNotPostedError, PermanentPostError, type PostIdentity } from '../../src/platforms/poster.js';
import { createClock } from '../../src/queue/clock.js';
import type { QueueDriver } from '../../src/queue/driver.js';
import type { DigestInput, JobServices } from '../../src/queue/job.js';
import { createSingleProcessDriver } from '../../src/queue/single-process.js';
import { silentLogger } from '../../src/logger.js';
import { digestPostsOn } from '../../src/store/digest-posts.js';
import { findSubscription, subscribe } from '../../src/store/subscriptions.js';
import { openTestDb, type TestDb } from '../support/db.js';
import { testMunicipalities } from '../support/runtime.js';
import { recordingMetrics, recordingPoster, waitFor, type RecordingPoster } from '../queue/support.js';

const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Amsterdam' }).toJSDate();
// Fast retries for the test; the real job waits 10 s, 20 s, …
const testJobs = [digestFanout, { ...digestPost, backoffMs: 20 }];

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb('pglite');
});
afterAll(() => db.dispose());

interface Harness {
  queue: QueueDriver;
  slack: RecordingPoster;
  programme: RecordingPoster;
  inputs: DigestInput[];
  metrics: ReturnType<typeof recordingMetrics>;
  setNow(now: Date): void;
  tick(now: Date): Promise<void>;
  /** Waits until the queue has nothing left to do. */
  settle(): Promise<void>;
}

async function harness(slack: RecordingPoster, build?: JobServices['buildDigest']): Promise<Harness> {
  let now = new Date();
  const inputs: DigestInput[] = [];
  const programme = recordingPoster('discord');
  const metrics = recordingMetrics();
  const queue = createSingleProcessDriver(testJobs);
  await queue.startWorker({
    db,
    municipalities: testMunicipalities(),
    logger: silentLogger,
    posters: { slack: slack as never, discord: programme as never },
    programmeChannel: 'discord:programma',
    buildDigest: build ?? (async (_db, _m, input) => {
      inputs.push(input);
      return { title: `Overzicht ${input.municipalityCode ?? 'NL'}`, blocks: [], visibility: 'channel' };
    }),
    enqueue: (...args) => queue.enqueue(...args),
    now: () => now,
    metrics,
  });
  const clock = createClock({ jobs: testJobs, enqueue: queue.enqueue, logger: silentLogger });
  const settle = () =>
    waitFor(async () => {
      const c = await queue.counts();
      return c.waiting + c.active + c.delayed === 0;
    }, 'the queue to settle');
  return {
    queue, slack, programme, inputs, metrics, settle,
    setNow: (value) => void (now = value),
    async tick(value) {
      now = value;
      await clock.tick(value);
      await settle();
    },
  };
}

let h: Harness | undefined;
beforeEach(async () => {
  await h?.queue.close();
  h = undefined;
  await db.exec('DELETE FROM digest_posts; DELETE FROM subscriptions;');
});
afterAll(() => h?.queue.close());

const sub = (channel: string, time: number, municipalityCode: string | null = null) =>
  subscribe(db, { channel, postMinute: time, municipalityCode, weekdays: [1, 2, 3, 4, 5, 6, 7], lang: 'nl', createdBy: 'test' });

describe('digest jobs', () => {
  it('posts each due digest once, logs it, and posts nothing twice on later ticks', async () => {
    h = await harness(recordingPoster('slack'));
    const a = (await sub('slack:CA', 8 * 60)).subscription;
    await sub('slack:CB', 9 * 60, 'GM0599');
    await h.tick(at('2025-06-10T07:59'));
    expect(h.slack.posts).toEqual([]);
    await h.tick(at('2025-06-10T08:00'));
    await h.tick(at('2025-06-10T08:00'));
    await h.tick(at('2025-06-10T08:01'));
    expect(h.slack.posts).toEqual([{ channelId: 'CA', title: 'Overzicht NL' }]);
    await h.tick(at('2025-06-10T09:30'));
    expect(h.slack.posts.map((p) => p.title)).toEqual(['Overzicht NL', 'Overzicht GM0599']);
    const log = await digestPostsOn(db, '2025-06-10');
    expect(log.map((r) => r.status)).toEqual(['geplaatst', 'geplaatst']);
    expect(h.inputs[0]).toMatchObject({ municipalityCode: null, lang: 'nl' });
    expect(h.inputs[0]!.since).toBeUndefined();

    // The next day covers what happened since the previous digest was posted.
    await h.tick(at('2025-06-11T08:00'));
    expect(h.inputs.at(-1)!.since).toBeInstanceOf(Date);
    expect(h.slack.posts.filter((p) => p.channelId === 'CA')).toHaveLength(2);
    expect(a.id).toBeGreaterThan(0);
  });

  it('pauses a subscription on a permanent error, tells the programme office, and stops posting', async () => {
    h = await harness(recordingPoster('slack', (channel) => {
      if (channel === 'CGONE') throw new PermanentPostError('kanaal bestaat niet', 'channel_not_found');
    }));
    const gone = (await sub('slack:CGONE', 8 * 60)).subscription;
    await h.tick(at('2025-06-10T08:00'));
    await h.tick(at('2025-06-10T08:05'));
    expect(h.slack.posts).toEqual([]);
    expect((await findSubscription(db, gone.id))?.status).toBe('gepauzeerd');
    expect(h.programme.posts).toEqual([{ channelId: 'programma', title: 'Dagelijks overzicht gepauzeerd' }]);
    expect((await digestPostsOn(db, '2025-06-10'))[0]?.status).toBe('mislukt');
    await h.tick(at('2025-06-11T08:00'));
    expect(h.slack.posts).toEqual([]);
    expect(h.metrics.jobs.filter((j) => j.startsWith('digest-post'))).toEqual(['digest-post:completed']);
  });

  it('retries a failing post and posts it once', async () => {
    h = await harness(recordingPoster('slack', (_channel, call) => {
      if (call <= 2) throw new Error('503 van Slack');
    }));
    await sub('slack:CA', 8 * 60);
    await h.tick(at('2025-06-10T08:00'));
    await waitFor(() => h!.slack.posts.length === 1, 'the retried post');
    await h.settle();
    expect(h.slack.posts).toHaveLength(1);
    expect(h.metrics.jobs.filter((j) => j.startsWith('digest-post'))).toEqual(['digest-post:retried', 'digest-post:retried', 'digest-post:completed']);
    const rows = await db.query<{ attempts: number; status: string }>('SELECT attempts, status FROM digest_posts');
    expect(rows).toEqual([{ attempts: 3, status: 'geplaatst' }]);
  });

  it('gives later attempts the digest identity to look first, and records a digest whose chart never followed as posted', async () => {
    const identities: (PostIdentity | undefined)[] = [];
    const slack = {
      platform: 'slack' as const,
      posts: [] as RecordingPoster['posts'],
      async post(channelId: string, reply: { title: string }, identity?: PostIdentity): Promise<never> {
        identities.push(identity);
        slack.posts.push({ channelId, title: reply.title });
        throw new ChartNotPostedError('1749535200.000100', new Error('503 op de upload'));
      },
    };
    h = await harness(slack as unknown as RecordingPoster);
    const { subscription } = await sub('slack:CA', 8 * 60);
    await h.tick(at('2025-06-10T08:00'));
    await waitFor(async () => (await digestPostsOn(db, '2025-06-10'))[0]?.status === 'geplaatst', 'the digest recorded as posted');
    await h.settle();
    expect(identities).toHaveLength(digestPost.attempts);
    expect(identities.map((i) => [i?.id, i?.lookFirst])).toEqual(
      Array.from({ length: digestPost.attempts }, (_, n) => [`digest-${subscription.id}-2025-06-10`, n > 0]),
    );
    expect(new Set(identities.map((i) => i?.firstAttemptAt.getTime())).size).toBe(1);
    const [row] = await db.query<{ message_id: string }>(`SELECT message_id FROM digest_posts WHERE subscription_id = $1`, [subscription.id]);
    expect(row?.message_id).toBe('1749535200.000100');
    expect(h.programme.posts).toEqual([]);
  });

  it('records a digest that failed every attempt, reports it, and does not enqueue it again that day', async () => {
    h = await harness(recordingPoster('slack', () => {
      throw new Error('Slack onbereikbaar');
    }));
    await sub('slack:CA', 8 * 60);
    await h.tick(at('2025-06-10T08:00'));
    await waitFor(async () => (await digestPostsOn(db, '2025-06-10'))[0]?.status === 'mislukt', 'the digest to be given up');
    await h.settle();
    expect(h.programme.posts.map((p) => p.title)).toEqual(['Dagelijks overzicht niet geplaatst']);
    await h.tick(at('2025-06-10T08:30'));
    expect(h.metrics.jobs.filter((j) => j === 'digest-post:failed')).toHaveLength(1);
    expect(h.metrics.posts.filter((p) => p === 'slack:failed')).toHaveLength(digestPost.attempts);
  });

  it('does not post a digest whose day has passed', async () => {
    h = await harness(recordingPoster('slack'));
    const { subscription } = await sub('slack:CA', 8 * 60);
    h.setNow(at('2025-06-11T00:10'));
    await h.queue.enqueue('digest-post', { subscriptionId: subscription.id, localDate: '2025-06-10' });
    await h.settle();
    expect(h.slack.posts).toEqual([]);
    expect(await digestPostsOn(db, '2025-06-10')).toEqual([]);
  });

  it('builds the real digest and posts it with its chart', async () => {
    h = await harness(recordingPoster('slack'), buildDigest);
    await sub('slack:CA', 8 * 60, 'GM0599');
    await h.tick(at('2025-06-10T08:00'));
    expect(h.slack.posts).toHaveLength(1);
    expect((await digestPostsOn(db, '2025-06-10'))[0]?.status).toBe('geplaatst');
  });
});
