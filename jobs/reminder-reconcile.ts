// Makes the queue match the database (src/fieldlab/reconcile.ts): at start, every hour, and right after a
// change to one intervention (then only that one). Safe to run any number of times.
import { z } from 'zod';
import { reconcileReminders } from '../src/fieldlab/reconcile.js';
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
    const { db, enqueue, jobControl, now } = ctx.services;
    await reconcileReminders({ db, enqueue, jobControl, now, logger: ctx.logger }, data.interventionId);
  },
});
