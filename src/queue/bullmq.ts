// The BullMQ driver: jobs in Redis, shared by any number of worker processes. Each job has a queue of its
// own (`ote-digest-post`, …), so a job's rate limit holds across all workers without pacing the others.
// Job ids are deterministic (a known id is not added again), attempts back off exponentially, finished
// jobs are cleaned up; pending jobs are listed and removed through the same queues. While Redis is away,
// adding, listing or removing a job fails within ENQUEUE_DEADLINE_MS (the caller answers at once and a
// reconcile catches up), the worker still starts, and the outage is logged once
// (src/queue/connection-watch.ts); listeners of `onBack` hear when Redis answers again or came back empty.
import { Queue, UnrecoverableError, Worker, type Job, type JobType } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { watchConnection, type BackReason } from './connection-watch.js';
import { runJob, selectPending, type QueueCounts, type QueueDriver } from './driver.js';
import { findJob, InvalidJobDataError, parseJobData, type JobDefinition, type JobServices, type PendingJob } from './job.js';

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

/** How long adding, listing or removing a job may wait for Redis before the caller is told it is unavailable. */
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
const NOT_STARTED: JobType[] = ['delayed', 'waiting', 'prioritized'];
/** BullMQ scores a delayed job by its due moment in ms times 0x1000 (the rest orders jobs due in one ms). */
const DELAYED_SCORE_FACTOR = 0x1000;

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
  // Only a process that runs the worker keeps the marker: one that merely adds or looks at jobs would set it
  // again after a wipe, before the worker's check, and the worker would never plan the lost jobs again.
  let working = false;
  const markerPresent = async () => {
    if (!working) return true;
    if (markerClient.status === 'wait') await markerClient.connect();
    return (await withDeadline(markerClient.set(markerKey, String(Date.now()), 'NX'), ENQUEUE_DEADLINE_MS, unavailable)) === null;
  };
  const watch = watchConnection({
    probe: async () => {
      await withDeadline(Promise.all([...queues.values()].map((queue) => queue.getJobCounts('active'))), ENQUEUE_DEADLINE_MS, unavailable);
    },
    markerPresent,
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

  const queueOf = (name: string) => {
    findJob(jobs, name);
    return queues.get(name)!;
  };

  const pendingOf = async (name: string): Promise<PendingJob[]> => {
    const queue = queueOf(name);
    const client = await queue.getBackend().client;
    const [found, scores] = await Promise.all([queue.getJobs(NOT_STARTED), client.zrange(queue.keys.delayed!, 0, -1, { WITHSCORES: true })]);
    const dueOfDelayed = new Map<string, number>();
    for (let i = 0; i + 1 < scores.length; i += 2) dueOfDelayed.set(scores[i]!, Math.floor(Number(scores[i + 1]) / DELAYED_SCORE_FACTOR));
    return found
      .filter((job) => job?.id !== undefined && job.name === name)
      .map((job) => {
        const delayedDue = dueOfDelayed.get(job.id!);
        // The score holds a retry's due moment too; a job's own delay only its first.
        return delayedDue !== undefined
          ? { name, id: job.id!, state: 'delayed' as const, dueAt: new Date(delayedDue) }
          : { name, id: job.id!, state: 'waiting' as const, dueAt: new Date(job.timestamp + (job.delay ?? 0)) };
      });
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
    async pending(filter) {
      const names = filter?.names ?? jobs.map((job) => job.name);
      const found = await withDeadline(Promise.all(names.map(pendingOf)), ENQUEUE_DEADLINE_MS, unavailable);
      return selectPending(found.flat(), filter);
    },
    async remove(name, id) {
      const queue = queueOf(name);
      const removing = (async () => {
        const job = await queue.getJob(id);
        if (!job || job.name !== name || !(NOT_STARTED as string[]).includes(await job.getState())) return false;
        // 0 when a worker took it meanwhile: it holds the lock, and the job is no longer pending.
        return (await queue.remove(id)) === 1;
      })();
      return withDeadline(removing, ENQUEUE_DEADLINE_MS, unavailable);
    },
    async startWorker(services) {
      working = true;
      void markerPresent().catch(() => undefined);
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
