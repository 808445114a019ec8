// The one clock: it runs the schedule every job declares next to its definition (a cron pattern in
// Europe/Amsterdam, or an interval), and it only enqueues, each tick with the deterministic id the schedule
// gives it, so N replicas ticking together add one job. The job decides what is due from the database.
// A schedule may also tick when the worker starts (catching up what downtime or a lost single-process queue
// missed) and when the shared queue is back after an outage or came back empty (then tried a few times while
// Redis settles).
import { createTask, validate, type ScheduledTask } from 'node-cron';
import { TIME_ZONE } from '../domain/types.js';
import type { Logger } from '../logger.js';
import type { Enqueue, JobDefinition, JobSchedule, ScheduleTrigger } from './job.js';

export interface Clock {
  start(): Promise<void>;
  stop(): Promise<void>;
  /**
   * Enqueues, for the moment `now`, the job of every schedule (or of the one job named) as `trigger` would;
   * false when one could not be enqueued (it is logged). Tests call it with a controlled moment.
   */
  tick(now: Date, options?: { job?: string; trigger?: ScheduleTrigger }): Promise<boolean>;
}

export interface ClockOptions {
  /** The job registry; the jobs with a `schedule` are run. */
  jobs: readonly JobDefinition[];
  enqueue: Enqueue;
  logger: Logger;
  /** How the shared queue tells that it is back (QueueDriver.onBack); absent for the single-process queue. */
  onQueueBack?: (listener: () => void) => void;
}

const BACK_ATTEMPTS = 5;
const BACK_PAUSE_MS = 2_000;

interface Scheduled {
  name: string;
  schedule: JobSchedule<unknown>;
}

/** The start of the interval slot `now` falls in: the same moment on every replica. */
export function intervalSlot(now: Date, everyMs: number): Date {
  return new Date(Math.floor(now.getTime() / everyMs) * everyMs);
}

/** Every scheduled job of a registry, each schedule checked: a cron pattern node-cron reads, or an interval. */
export function scheduledJobs(jobs: readonly JobDefinition[]): Scheduled[] {
  const scheduled: Scheduled[] = [];
  for (const job of jobs) {
    const schedule = job.schedule as JobSchedule<unknown> | undefined;
    if (!schedule) continue;
    if (schedule.cron !== undefined && !validate(schedule.cron)) throw new Error(`taak ${job.name}: ongeldig cron-patroon '${schedule.cron}'`);
    if (schedule.everyMs !== undefined && !(Number.isInteger(schedule.everyMs) && schedule.everyMs > 0)) {
      throw new Error(`taak ${job.name}: everyMs moet een positief geheel aantal milliseconden zijn`);
    }
    scheduled.push({ name: job.name, schedule });
  }
  return scheduled;
}

export function createClock(options: ClockOptions): Clock {
  const { enqueue, logger } = options;
  const scheduled = scheduledJobs(options.jobs);
  const tasks: ScheduledTask[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let running = false;

  const tickOne = async ({ name, schedule }: Scheduled, now: Date, trigger: ScheduleTrigger): Promise<boolean> => {
    const { data, jobId } = schedule.job(now, trigger);
    try {
      await enqueue(name, data, { jobId });
      return true;
    } catch (error) {
      // The next tick (or the queue's return) tries again; the job looks at the database, so nothing is lost.
      logger.error({ err: error, job: name, trigger, jobId }, 'scheduled job could not be enqueued');
      return false;
    }
  };

  const tick: Clock['tick'] = async (now, which = {}) => {
    let ok = true;
    for (const entry of scheduled.filter((s) => !which.job || s.name === which.job)) {
      if (!(await tickOne(entry, now, which.trigger ?? 'schedule'))) ok = false;
    }
    return ok;
  };

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  options.onQueueBack?.(() => {
    for (const entry of scheduled.filter((s) => s.schedule.whenQueueBack)) {
      void (async () => {
        for (let attempt = 1; running && attempt <= BACK_ATTEMPTS; attempt++) {
          if (await tickOne(entry, new Date(), 'back')) return;
          await pause(BACK_PAUSE_MS);
        }
      })();
    }
  });

  /** The next interval slot, then the one after: timers aligned to the epoch, not to when this process started. */
  const every = (entry: Scheduled, everyMs: number) => {
    const next = intervalSlot(new Date(), everyMs).getTime() + everyMs;
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!running) return;
      every(entry, everyMs);
      void tickOne(entry, new Date(next), 'schedule');
    }, next - Date.now());
    timers.add(timer);
  };

  return {
    tick,
    async start() {
      running = true;
      for (const entry of scheduled) if (entry.schedule.atStart) await tickOne(entry, new Date(), 'start');
      for (const entry of scheduled) {
        const { cron, everyMs } = entry.schedule;
        if (everyMs !== undefined) {
          every(entry, everyMs);
        } else if (cron !== undefined) {
          const task = createTask(cron, (context) => tickOne(entry, context.date, 'schedule'), { timezone: TIME_ZONE, name: `ote-${entry.name}`, noOverlap: true });
          tasks.push(task);
          await task.start();
        }
      }
    },
    async stop() {
      running = false;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.all(tasks.splice(0).map((task) => task.destroy()));
    },
  };
}
