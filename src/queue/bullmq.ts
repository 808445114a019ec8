// The BullMQ driver: jobs in Redis, shared by any number of worker processes. Each job has a queue of its
// own (`ote-digest-post`, …), so a job's rate limit holds across all workers without pacing the others.
// Job ids are deterministic (a known id is not added again), attempts back off exponentially, finished
// jobs are cleaned up.
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Logger } from '../logger.js';
import { runJob, type QueueCounts, type QueueDriver } from './driver.js';
import { findJob, InvalidJobDataError, parseJobData, type JobDefinition, type JobServices } from './job.js';

export interface BullmqOptions {
  /** REDIS_URL; may hold a password, so it is never logged. */
  url: string;
  /** Namespaces every Redis key (tests use one per file). */
  prefix?: string;
  /** Each job's queue is named `<queueName>-<job name>`. */
  queueName?: string;
  /** Jobs of one kind one worker process runs at the same time. */
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
  const base = options.queueName ?? 'ote';
  const prefix = options.prefix ?? 'ote';
  const queues = new Map<string, Queue>();
  for (const job of jobs) {
    const queue = new Queue(`${base}-${job.name}`, { connection: { url: options.url }, prefix });
    // Redis going away is reported by /readyz; the log says so once per reconnect attempt.
    queue.on('error', (error) => options.logger?.warn({ err: error, queue: queue.name }, 'queue connection error'));
    queues.set(job.name, queue);
  }
  const workers: Worker[] = [];

  const process = async (job: Job, definition: JobDefinition, services: JobServices) => {
    try {
      await runJob(definition, job.data, { jobId: job.id ?? '?', attempt: job.attemptsMade + 1 }, services);
    } catch (error) {
      // Bad data cannot be fixed by trying again.
      if (error instanceof InvalidJobDataError) throw new UnrecoverableError(error.message);
      throw error;
    }
  };

  const allCounts = async (): Promise<QueueCounts> => {
    const total: QueueCounts = { waiting: 0, active: 0, delayed: 0, failed: 0 };
    for (const queue of queues.values()) {
      const c = await queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed');
      total.waiting += (c.waiting ?? 0) + (c.prioritized ?? 0);
      total.active += c.active ?? 0;
      total.delayed += c.delayed ?? 0;
      total.failed += c.failed ?? 0;
    }
    return total;
  };

  const jobOptions = (definition: JobDefinition) => ({
    attempts: definition.attempts,
    backoff: { type: 'exponential', delay: definition.backoffMs },
    removeOnComplete: { age: definition.keepFinishedSeconds },
    removeOnFail: { age: Math.max(definition.keepFinishedSeconds, FAILED_KEPT_SECONDS) },
  });

  return {
    mode: 'bullmq',
    description: `Wachtrij: BullMQ op Redis ${redisAddress(options.url)}: alle worker-processen delen het werk`,
    async enqueue(name, data, opts = {}) {
      const definition = findJob(jobs, name);
      const parsed = parseJobData(definition, data);
      await queues.get(name)!.add(name, parsed, {
        ...(opts.jobId ? { jobId: opts.jobId } : {}),
        ...(opts.delayMs && opts.delayMs > 0 ? { delay: opts.delayMs } : {}),
        ...jobOptions(definition),
      });
    },
    async enqueueMany(name, items) {
      const definition = findJob(jobs, name);
      const bulk = items.map((item) => ({
        name,
        data: parseJobData(definition, item.data),
        opts: { ...(item.jobId ? { jobId: item.jobId } : {}), ...jobOptions(definition) },
      }));
      if (bulk.length > 0) await queues.get(name)!.addBulk(bulk);
    },
    async startWorker(services) {
      for (const definition of jobs) {
        const worker = new Worker(queues.get(definition.name)!.name, (job) => process(job, findJob(jobs, job.name), services), {
          connection: { url: options.url, maxRetriesPerRequest: null },
          prefix,
          concurrency: options.concurrency ?? 20,
          ...(definition.rateLimit ? { limiter: { max: definition.rateLimit.max, duration: definition.rateLimit.perMs } } : {}),
        });
        worker.on('error', (error) => services.logger.error({ err: error, queue: worker.name }, 'queue worker error'));
        workers.push(worker);
      }
      await Promise.all(workers.map((w) => w.waitUntilReady()));
    },
    async ping() {
      // A real round trip to Redis; /readyz bounds it with a timeout.
      await queues.values().next().value?.getJobCounts('active');
    },
    counts: allCounts,
    async close() {
      // Waits for the jobs in flight; one that outlives the app's stop timeout loses its lock and
      // BullMQ hands it to another worker.
      await Promise.all(workers.splice(0).map((w) => w.close()));
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}
