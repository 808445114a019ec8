// What the reminder reconcile needs beyond enqueue: to see which reminder jobs are pending and to remove
// one. The queue driver interface does not offer this (yet), so the queue wiring gives the jobs a way to
// open a JobControl (`services.openJobControl`, see fieldLabJobServices). Without one (the single-process
// queue) nothing is removed: a stale reminder still fires, finds its milestone moved, snoozed or answered,
// and posts nothing.
import { Queue } from 'bullmq';

export interface JobControl {
  /** Ids of the jobs with these names that have not started: delayed, waiting or prioritized. */
  pendingJobIds(jobNames: readonly string[]): Promise<string[]>;
  /** Removes a job that has not started; does nothing when it is unknown, running or finished. */
  removeJob(jobName: string, jobId: string): Promise<void>;
  close(): Promise<void>;
}

declare module '../queue/job.js' {
  interface JobServices {
    /** Opens a JobControl for one reconcile (closed after it); absent with the single-process queue. */
    openJobControl?: () => JobControl;
  }
}

export interface BullmqJobControlOptions {
  url: string;
  /** The same prefix and queue name as the BullMQ driver (defaults `ote`, `ote`). */
  prefix?: string;
  queueName?: string;
}

const NOT_STARTED = ['delayed', 'waiting', 'prioritized'] as const;

/** Mirrors the layout of createBullmqDriver: one BullMQ queue per job, named `<queueName>-<job name>`. */
export function createBullmqJobControl(options: BullmqJobControlOptions): JobControl {
  const queues = new Map<string, Queue>();
  const queueFor = (jobName: string) => {
    let queue = queues.get(jobName);
    if (!queue) {
      queue = new Queue(`${options.queueName ?? 'ote'}-${jobName}`, { connection: { url: options.url }, prefix: options.prefix ?? 'ote' });
      queue.on('error', () => undefined);
      queues.set(jobName, queue);
    }
    return queue;
  };
  return {
    async pendingJobIds(jobNames) {
      const ids: string[] = [];
      for (const name of jobNames) {
        const jobs = await queueFor(name).getJobs([...NOT_STARTED]);
        ids.push(...jobs.filter((job) => job?.id && job.name === name).map((job) => job.id!));
      }
      return ids;
    },
    async removeJob(jobName, jobId) {
      const queue = queueFor(jobName);
      const job = await queue.getJob(jobId);
      if (!job) return;
      const state = await job.getState();
      if ((NOT_STARTED as readonly string[]).includes(state)) await queue.remove(jobId);
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}

/** The job services the Field Lab adds for the queue wiring: with Redis, a way to open a JobControl. */
export function fieldLabJobServices(redisUrl: string | undefined, prefix?: string): { openJobControl?: () => JobControl } {
  if (!redisUrl) return {};
  return { openJobControl: () => createBullmqJobControl({ url: redisUrl, ...(prefix ? { prefix } : {}) }) };
}
