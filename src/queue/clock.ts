// The clock: node-cron in Europe/Amsterdam, once a minute, and it only enqueues: one digest-fanout job per
// minute with an id built from that minute, so N replicas ticking together add one job. The fan-out job
// decides what is due (src/queue/schedule.ts) from the database. At start it ticks once at once, which
// catches up a digest missed earlier today and rebuilds what a restarted single-process queue lost.
import { DIGEST_FANOUT_CRON } from '../../jobs/digest-fanout.js';
import type { Logger } from '../logger.js';
import { cronTask } from './cron-task.js';
import type { Enqueue } from './job.js';
import { fanoutJobId, minuteOf } from './schedule.js';

export interface Clock {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** What one tick does; tests call it with a controlled moment. */
  tick(now: Date): Promise<void>;
}

export function createClock(enqueue: Enqueue, logger: Logger): Clock {
  const tick = async (now: Date) => {
    const minute = minuteOf(now);
    try {
      await enqueue('digest-fanout', { tick: minute.toISOString() }, { jobId: fanoutJobId(minute) });
    } catch (error) {
      // The next minute tries again; nothing is lost, since the fan-out looks at the whole day.
      logger.error({ err: error, tick: minute.toISOString() }, 'clock tick could not enqueue');
    }
  };

  const task = cronTask({ name: 'ote-digest-clock', pattern: DIGEST_FANOUT_CRON, atStart: () => tick(new Date()), onTick: tick });
  return { tick, start: task.start, stop: task.stop };
}
