// The BullMQ driver: jobs in Redis, shared by any number of worker processes. Job ids are deterministic
// (a known id is not added again), attempts back off exponentially, finished jobs are cleaned up.
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { runJob, type QueueCounts, type QueueDriver } from './driver.js';
import type { Logger } from '../logger.js';
import { findJob, InvalidJobDataError, parseJobData, type JobDefinition, type JobServices } from './job.js';

export interface BullmqOptions {
  /** REDIS_URL; may hold a password, so it is never logged. */
  url: string;
  /** Namespaces every Redis key (tests use one per file). */
  prefix?: string;
  queueName?: string;
  /** Jobs one worker process runs at the same time. */
  concurrency?: number;
  /** Where connection errors go (without it they are dropped, not printed). */
  logger?: Logger;
}

const FAILED_KEPT_SECONDS = 7 * 24 * 3600;

/** `redis://user:secret@host:6379/0` → `host:6379`, for describe lines and logs. */
export function redisAddress(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '6379'}`;
  } catch {
    return 'Redis';
  }
}

export function createBullmqDriver(jobs: readonly JobDefinition[], options: BullmqOptions): QueueDriver {
  const queueName = options.queueName ?? 'ote';
  const prefix = options.prefix ?? 'ote';
  const queue = new Queue(queueName, { connection: { url: options.url }, prefix });
  // Redis going away is reported by /readyz; the log says it once per reconnect attempt.
  queue.on('error', (error) => options.logger?.warn({ err: error }, 'queue connection error'));
  let worker: Worker | undefined;

  const process = async (job: Job, services: JobServices) => {
    const definition = findJob(jobs, job.name);
    try {
      await runJob(definition, job.data, { jobId: job.id ?? '?', attempt: job.attemptsMade + 1 }, services);
    } catch (error) {
      // Bad data cannot be fixed by trying again.
      if (error instanceof InvalidJobDataError) throw new UnrecoverableError(error.message);
      throw error;
    }
  };

  return {
    mode: 'bullmq',
    description: `Wachtrij: BullMQ op Redis ${redisAddress(options.url)}: alle worker-processen delen het werk`,
    async enqueue(name, data, opts = {}) {
      const definition = findJob(jobs, name);
      const parsed = parseJobData(definition, data);
      await queue.add(name, parsed, {
        ...(opts.jobId ? { jobId: opts.jobId } : {}),
        ...(opts.delayMs && opts.delayMs > 0 ? { delay: opts.delayMs } : {}),
        attempts: definition.attempts,
        backoff: { type: 'exponential', delay: definition.backoffMs },
        removeOnComplete: { age: definition.keepFinishedSeconds },
        removeOnFail: { age: Math.max(definition.keepFinishedSeconds, FAILED_KEPT_SECONDS) },
      });
    },
    async startWorker(services) {
      worker = new Worker(queueName, (job) => process(job, services), {
        connection: { url: options.url, maxRetriesPerRequest: null },
        prefix,
        concurrency: options.concurrency ?? 20,
      });
      worker.on('error', (error) => services.logger.error({ err: error }, 'queue worker error'));
      await worker.waitUntilReady();
    },
    async ping() {
      // A real round trip to Redis; /readyz bounds it with a timeout.
      await queue.getJobCounts('active');
    },
    async counts(): Promise<QueueCounts> {
      const counts = await queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed');
      return {
        waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
        active: counts.active ?? 0,
        delayed: counts.delayed ?? 0,
        failed: counts.failed ?? 0,
      };
    },
    async close() {
      // Waits for the jobs in flight; one that outlives the app's stop timeout loses its lock and
      // BullMQ hands it to another worker.
      await worker?.close();
      await queue.close();
    },
  };
}
