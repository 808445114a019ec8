// Enqueues the reminder reconcile at start and every hour (node-cron, Europe/Amsterdam). It only enqueues,
// with an id per hour, so N replicas add one job; the start-up one has an id per minute. When the shared
// queue is back after an outage, or came back empty, it enqueues one at once (id per second, tried a few
// times while Redis settles), so no reminder waits for the next hour.
import { REMINDER_RECONCILE_CRON } from '../../jobs/reminder-reconcile.js';
import type { Logger } from '../logger.js';
import type { Part } from '../lifecycle.js';
import { cronTask } from '../queue/cron-task.js';
import type { Enqueue } from '../queue/job.js';
import { RECONCILE_JOB } from './reconcile.js';

export type ReconcileKind = 'start' | 'uur' | 'terug';

export interface ReconcileClock {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** One tick; `kind` tells the start-up tick from the hourly one and the one when the queue is back. */
  tick(now: Date, kind: ReconcileKind): Promise<boolean>;
}

export function reconcileJobId(now: Date, kind: ReconcileKind): string {
  const stamp = now.toISOString().replace(/[-:]/g, '');
  if (kind === 'uur') return `afstemming-${stamp.slice(0, 11)}`;
  return kind === 'start' ? `afstemming-start-${stamp.slice(0, 13)}` : `afstemming-terug-${stamp.slice(0, 15)}`;
}

const BACK_ATTEMPTS = 5;
const BACK_PAUSE_MS = 2_000;

export function createReconcileClock(enqueue: Enqueue, logger: Logger, onQueueBack?: QueueBack): ReconcileClock {
  let running = false;
  const tick = async (now: Date, kind: ReconcileKind) => {
    try {
      await enqueue(RECONCILE_JOB, {}, { jobId: reconcileJobId(now, kind) });
      return true;
    } catch (error) {
      // The next hour (or the queue's return) tries again; the reminder jobs already queued are not affected.
      logger.error({ err: error }, 'reminder reconcile could not be enqueued');
      return false;
    }
  };
  onQueueBack?.(async () => {
    for (let attempt = 1; running && attempt <= BACK_ATTEMPTS; attempt++) {
      if (await tick(new Date(), 'terug')) return;
      await new Promise((resolve) => setTimeout(resolve, BACK_PAUSE_MS));
    }
  });
  const task = cronTask({
    name: 'ote-reminder-reconcile',
    pattern: REMINDER_RECONCILE_CRON,
    atStart: async () => void (await tick(new Date(), 'start')),
    onTick: async (date) => void (await tick(date, 'uur')),
  });
  return {
    tick,
    start: async () => {
      running = true;
      await task.start();
    },
    stop: async () => {
      running = false;
      await task.stop();
    },
  };
}

/** How the queue tells that it is back after an outage or came back empty (QueueDriver.onBack). */
export type QueueBack = (listener: () => void | Promise<void>) => void;

/** The clock as a part of the worker role, for the composition root. */
export function reconcileClockPart(enqueue: Enqueue, logger: Logger, onQueueBack?: QueueBack): Part {
  const clock = createReconcileClock(enqueue, logger, onQueueBack);
  return { name: 'reminder-reconcile-clock', start: () => clock.start(), stop: () => clock.stop() };
}
