// Every minute (Europe/Amsterdam), at start and when the shared queue is back: which subscriptions are due,
// each enqueued as one digest-post job per subscription and local date. Safe to run twice for the same
// minute (two replicas, a retry): the job ids match.
import { z } from 'zod';
import { tellProgrammeOfficeIfStale } from '../src/digest/staleness.js';
import { defineJob } from '../src/queue/job.js';
import { digestJobId, dueDigests, fanoutJobId, localMoment, minuteOf } from '../src/queue/schedule.js';
import { digestPostsOn } from '../src/store/digest-posts.js';
import { activeSubscriptions } from '../src/store/subscriptions.js';

export const digestFanoutData = z.object({
  /** The minute of the tick, as an ISO instant. */
  tick: z.iso.datetime({ offset: true }),
});
export type DigestFanoutData = z.infer<typeof digestFanoutData>;

export const digestFanout = defineJob({
  name: 'digest-fanout',
  schema: digestFanoutData,
  attempts: 3,
  backoffMs: 5_000,
  keepFinishedSeconds: 3_600,
  // One fan-out per minute: the start-up tick catches up a digest missed earlier today and rebuilds what a
  // restarted single-process queue lost; the one when the queue is back sends a digest due meanwhile.
  schedule: {
    cron: '* * * * *',
    atStart: true,
    whenQueueBack: true,
    job: (at) => ({ data: { tick: minuteOf(at).toISOString() }, jobId: fanoutJobId(minuteOf(at)) }),
  },
  async process({ tick }, ctx) {
    const at = new Date(tick);
    const { db, enqueue, enqueueMany } = ctx.services;
    const today = localMoment(at).date;
    const [subscriptions, postsToday] = await Promise.all([activeSubscriptions(db), digestPostsOn(db, today)]);
    const due = dueDigests(subscriptions, postsToday, at);
    if (enqueueMany) await enqueueMany('digest-post', due.map((key) => ({ data: key, jobId: digestJobId(key) })));
    else for (const key of due) await enqueue('digest-post', key, { jobId: digestJobId(key) });
    if (due.length > 0) {
      ctx.logger.info({ localDate: today, due: due.length }, 'digests enqueued');
      // The digests going out say the register is behind; the programme office hears it once.
      await tellProgrammeOfficeIfStale(ctx.services, at);
    }
  },
});
