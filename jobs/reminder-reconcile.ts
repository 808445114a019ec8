// Makes the queue match the database (src/fieldlab/reconcile.ts): at start, every hour, when the shared
// queue is back after an outage or came back empty (so no reminder waits for the next hour), and right after
// a change to one intervention (then only that one). Safe to run any number of times.
import { z } from 'zod';
import { reconcileReminders, SINGLE_PROCESS_HORIZON_MS } from '../src/fieldlab/reconcile.js';
import { defineJob, type ScheduleTrigger } from '../src/queue/job.js';

/** One per hour; the start-up one per minute, the one when the queue is back per second. */
export function reconcileJobId(now: Date, trigger: ScheduleTrigger): string {
  const stamp = now.toISOString().replace(/[-:]/g, '');
  if (trigger === 'schedule') return `afstemming-${stamp.slice(0, 11)}`;
  return trigger === 'start' ? `afstemming-start-${stamp.slice(0, 13)}` : `afstemming-terug-${stamp.slice(0, 15)}`;
}

export const reminderReconcileData = z.object({
  /** Only this intervention; absent: all. */
  interventionId: z.number().int().positive().optional(),
});

export const reminderReconcile = defineJob({
  name: 'reminder-reconcile',
  schema: reminderReconcileData,
  attempts: 3,
  backoffMs: 5_000,
  keepFinishedSeconds: 3_600,
  schedule: { cron: '7 * * * *', atStart: true, whenQueueBack: true, job: (at, trigger) => ({ data: {}, jobId: reconcileJobId(at, trigger) }) },
  async process(data, ctx) {
    const { db, enqueue, queue, now } = ctx.services;
    // The single-process queue's delays are Node timers: plan only what falls within their reach, the
    // hourly run adds the rest as it comes near.
    const horizonMs = queue?.mode === 'bullmq' ? undefined : SINGLE_PROCESS_HORIZON_MS;
    await reconcileReminders({ db, enqueue, queue, now, logger: ctx.logger, horizonMs }, data.interventionId);
  },
});
