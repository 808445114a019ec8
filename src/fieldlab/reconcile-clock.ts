// Enqueues the reminder reconcile at start and every hour (node-cron, Europe/Amsterdam). It only enqueues,
// with an id per hour, so N replicas add one job; the start-up one has an id per minute.
import { REMINDER_RECONCILE_CRON } from '../../jobs/reminder-reconcile.js';
import type { Logger } from '../logger.js';
import type { Part } from '../main.js';
import { cronTask } from '../queue/cron-task.js';
import type { Enqueue } from '../queue/job.js';
import { RECONCILE_JOB } from './reconcile.js';

export interface ReconcileClock {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** One tick; `kind` tells the start-up tick from the hourly one. */
  tick(now: Date, kind: 'start' | 'uur'): Promise<void>;
}

export function reconcileJobId(now: Date, kind: 'start' | 'uur'): string {
  const stamp = now.toISOString().replace(/[-:]/g, '');
  return kind === 'uur' ? `afstemming-${stamp.slice(0, 11)}` : `afstemming-start-${stamp.slice(0, 13)}`;
}

export function createReconcileClock(enqueue: Enqueue, logger: Logger): ReconcileClock {
  const tick = async (now: Date, kind: 'start' | 'uur') => {
    try {
      await enqueue(RECONCILE_JOB, {}, { jobId: reconcileJobId(now, kind) });
    } catch (error) {
      // The next hour tries again; the reminder jobs already queued are not affected.
      logger.error({ err: error }, 'reminder reconcile could not be enqueued');
    }
  };
  const task = cronTask({
    name: 'ote-reminder-reconcile',
    pattern: REMINDER_RECONCILE_CRON,
    atStart: () => tick(new Date(), 'start'),
    onTick: (date) => tick(date, 'uur'),
  });
  return { tick, start: task.start, stop: task.stop };
}

/** The clock as a part of the worker role, for the composition root. */
export function reconcileClockPart(enqueue: Enqueue, logger: Logger): Part {
  const clock = createReconcileClock(enqueue, logger);
  return { name: 'reminder-reconcile-clock', start: () => clock.start(), stop: () => clock.stop() };
}
