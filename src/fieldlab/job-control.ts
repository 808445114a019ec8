// What the reminder reconcile needs beyond enqueue: to see which reminder jobs are pending and to remove
// one. The queue driver interface does not offer this (yet), so the composition root passes a JobControl
// to the jobs as `services.jobControl`. Without one (the single-process queue) nothing is removed: a
// stale reminder still fires, finds its milestone moved, snoozed or answered, and posts nothing.
import { Queue } from 'bullmq';

export interface JobControl {
  /** Ids of the jobs with these names that have not started: delayed, waiting or prioritized. */
  pendingJobIds(jobNames: readonly string[]): Promise<string[]>;
  /** Removes a job that has not started; does nothing when it is unknown, running or finished. */
  removeJob(jobId: string): Promise<void>;
  close(): Promise<void>;
}

declare module '../queue/job.js' {
  interface JobServices {
    /** Lists and removes pending reminder jobs (BullMQ); absent with the single-process queue. */
    jobControl?: JobControl;
  }
}

export interface BullmqJobControlOptions {
  url: string;
  /** The same prefix and queue name as the BullMQ driver (defaults `ote`, `ote`). */
  prefix?: string;
  queueName?: string;
}

export function createBullmqJobControl(options: BullmqJobControlOptions): JobControl {
  const queue = new Queue(options.queueName ?? 'ote', { connection: { url: options.url }, prefix: options.prefix ?? 'ote' });
  return {
    async pendingJobIds(jobNames) {
      const wanted = new Set(jobNames);
      const jobs = await queue.getJobs(['delayed', 'waiting', 'prioritized']);
      return jobs.filter((job) => job && wanted.has(job.name) && job.id).map((job) => job.id!);
    },
    async removeJob(jobId) {
      const job = await queue.getJob(jobId);
      if (!job) return;
      const state = await job.getState();
      if (state === 'delayed' || state === 'waiting' || state === 'prioritized') await queue.remove(jobId);
    },
    close: () => queue.close(),
  };
}
