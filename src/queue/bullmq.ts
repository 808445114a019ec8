// The BullMQ driver: jobs in Redis, shared by any number of worker processes. Each job has a queue of its
// own (`ote-digest-post`, …), so a job's rate limit holds across all workers without pacing the others.
// Job ids are deterministic (a known id is not added again), attempts back off exponentially, finished
// jobs are cleaned up. While Redis is away, adding a job fails within ENQUEUE_DEADLINE_MS (the caller
// answers at once and a reconcile catches up), the worker still starts, and the outage is logged once
// (src/queue/connection-watch.ts); listeners of `onBack` hear when Redis answers again or came back empty.
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { watchConnection, type BackReason } from './connection-watch.js';
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
  /** For tests: how often the marker that tells a wiped Redis is checked. */
  markerEveryMs?: number;
}

/** How long adding a job may wait for Redis before the caller is told it is unavailable. */
export const ENQUEUE_DEADLINE_MS = 3_000;
/** Reconnect pauses: growing to 5 s, so Redis back is noticed within seconds (BullMQ's own grow to 20 s). */
const reconnectPause = (times: number) => Math.min(250 * 2 ** Math.min(times, 5), 5_000);

/** How long start-up waits for the workers' connections before it goes on without them. */
const WORKER_READY_WAIT_MS = 5_000;

export class QueueUnavailableError extends Error {
  constructor() {
    super('de wachtrij (Redis) antwoordt niet');
  }
}

/** `promise`, or a rejection with `error()` after `ms`; the work itself may still finish later. */
function withDeadline<T>(promise: Promise<T>, ms: number, error: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(error()), ms);
    }),
  ]);
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
  const unavailable = () => new QueueUnavailableError();
  const markerKey = `${prefix}:${base}:alive`;
  // One small connection of its own for the marker; it fails at once while Redis is away instead of queueing.
  const markerClient = new Redis(options.url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
  markerClient.on('error', () => undefined);
  const watch = watchConnection({
    probe: async () => {
      await withDeadline(Promise.all([...queues.values()].map((queue) => queue.getJobCounts('active'))), ENQUEUE_DEADLINE_MS, unavailable);
    },
    markerPresent: async () => {
      if (markerClient.status === 'wait') await markerClient.connect();
      return (await withDeadline(markerClient.set(markerKey, String(Date.now()), 'NX'), ENQUEUE_DEADLINE_MS, unavailable)) === null;
    },
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.markerEveryMs ? { markerEveryMs: options.markerEveryMs } : {}),
  });
  for (const job of jobs) {
    const queue = new Queue(`${base}-${job.name}`, { connection: { url: options.url, retryStrategy: reconnectPause }, prefix });
    // Redis going away is reported by /readyz and logged once by the watch, not once per reconnect attempt.
    queue.on('error', (error) => watch.failed(error));
    queues.set(job.name, queue);
  }
  if (jobs.length > 0) watch.start();
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
      const adding = queues.get(name)!.add(name, parsed, {
        ...(opts.jobId ? { jobId: opts.jobId } : {}),
        ...(opts.delayMs && opts.delayMs > 0 ? { delay: opts.delayMs } : {}),
        ...jobOptions(definition),
      });
      adding.catch(() => undefined);
      await withDeadline(adding, ENQUEUE_DEADLINE_MS, unavailable);
    },
    async enqueueMany(name, items) {
      const definition = findJob(jobs, name);
      const bulk = items.map((item) => ({
        name,
        data: parseJobData(definition, item.data),
        opts: { ...(item.jobId ? { jobId: item.jobId } : {}), ...jobOptions(definition) },
      }));
      if (bulk.length === 0) return;
      const adding = queues.get(name)!.addBulk(bulk);
      adding.catch(() => undefined);
      await withDeadline(adding, ENQUEUE_DEADLINE_MS, unavailable);
    },
    async startWorker(services) {
      for (const definition of jobs) {
        const worker = new Worker(queues.get(definition.name)!.name, (job) => process(job, findJob(jobs, job.name), services), {
          connection: { url: options.url, maxRetriesPerRequest: null, retryStrategy: reconnectPause },
          prefix,
          concurrency: options.concurrency ?? 20,
          ...(definition.rateLimit ? { limiter: { max: definition.rateLimit.max, duration: definition.rateLimit.perMs } } : {}),
        });
        worker.on('error', (error) => watch.failed(error));
        workers.push(worker);
      }
      // Without Redis the worker still starts (and with it the clocks); BullMQ connects when Redis is back.
      const ready = Promise.all(workers.map((w) => w.waitUntilReady()));
      await withDeadline(ready, WORKER_READY_WAIT_MS, unavailable).catch((error: unknown) => watch.failed(error));
    },
    async ping() {
      // A real round trip to Redis; /readyz bounds it with a timeout.
      await withDeadline(Promise.resolve(queues.values().next().value?.getJobCounts('active')), ENQUEUE_DEADLINE_MS, unavailable);
    },
    counts: () => withDeadline(allCounts(), ENQUEUE_DEADLINE_MS, unavailable),
    onBack: (listener: (reason: BackReason) => void) => watch.onBack(listener),
    async close() {
      watch.stop();
      markerClient.disconnect();
      // Waits for the jobs in flight; one that outlives the app's stop timeout loses its lock and
      // BullMQ hands it to another worker.
      await Promise.all(workers.splice(0).map((w) => w.close()));
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}
