// Makes the queue match the database (src/fieldlab/reconcile.ts): at start, every hour, and right after a
// change to one intervention (then only that one). Safe to run any number of times.
import { z } from 'zod';
import { reconcileReminders, SINGLE_PROCESS_HORIZON_MS } from '../src/fieldlab/reconcile.js';
import { defineJob } from '../src/queue/job.js';

/** Every hour at :07, Europe/Amsterdam (see src/fieldlab/reconcile-clock.ts). */
export const REMINDER_RECONCILE_CRON = '7 * * * *';

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
  async process(data, ctx) {
    const { db, enqueue, openJobControl, now } = ctx.services;
    const jobControl = openJobControl?.();
    try {
      // Without job control this is the single-process queue, whose delays are Node timers: plan only
      // what falls within their reach, the hourly run adds the rest as it comes near.
      const horizonMs = jobControl ? undefined : SINGLE_PROCESS_HORIZON_MS;
      await reconcileReminders({ db, enqueue, jobControl, now, logger: ctx.logger, horizonMs }, data.interventionId);
    } finally {
      await jobControl?.close();
    }
  },
});
