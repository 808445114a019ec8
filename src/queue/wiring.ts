// Builds the queue, its metrics and the clock for the composition root (src/main.ts). The worker role runs
// jobs and the clock; every role that has the queue closes it when it stops.
import type { Config } from '../config.js';
import type { MunicipalityIndex } from '../domain/municipalities.js';
import { createMetrics, type Metrics } from '../http/metrics.js';
import type { Logger } from '../logger.js';
import type { Part, ProcessRole } from '../lifecycle.js';
import type { PlatformName, Poster } from '../platforms/poster.js';
import type { Db } from '../store/db.js';
import { createClock } from './clock.js';
import type { QueueDriver } from './driver.js';
import type { BuildDigest, JobDefinition, JobServices } from './job.js';
import { createSingleProcessDriver } from './single-process.js';

export interface QueueWiringInput {
  config: Pick<Config, 'REDIS_URL' | 'PROGRAMME_CHANNEL'> & Partial<Pick<Config, 'STALE_AFTER_DAYS' | 'REPEAT_WINDOW_DAYS'>>;
  roles: readonly ProcessRole[];
  logger: Logger;
  db: Db;
  municipalities: MunicipalityIndex;
  /** Every platform's poster, built before the queue. */
  posters: Partial<Record<PlatformName, Poster>>;
  buildDigest: BuildDigest;
  jobs: readonly JobDefinition[];
  queuePrefix?: string;
  markerEveryMs?: number;
}

export interface QueueWiring {
  queue: QueueDriver;
  /** The queue's and the commands' counters, for /metrics. */
  metrics: Metrics;
  parts: Part[];
  description: string;
}

export async function wireQueue(input: QueueWiringInput): Promise<QueueWiring> {
  const { config, roles, logger } = input;
  // BullMQ and its Redis client load only in a process that has Redis to share the queue through.
  const queue = config.REDIS_URL
    ? (await import('./bullmq.js')).createBullmqDriver(input.jobs, {
        url: config.REDIS_URL, logger,
        ...(input.queuePrefix ? { prefix: input.queuePrefix } : {}),
        ...(input.markerEveryMs ? { markerEveryMs: input.markerEveryMs } : {}),
      })
    : createSingleProcessDriver(input.jobs);
  const metrics = createMetrics();
  metrics.watchQueue(queue);
  const parts: Part[] = [];

  if (roles.includes('worker')) {
    const services: JobServices = {
      db: input.db,
      municipalities: input.municipalities,
      logger,
      posters: input.posters,
      ...(config.PROGRAMME_CHANNEL ? { programmeChannel: config.PROGRAMME_CHANNEL } : {}),
      ...(config.STALE_AFTER_DAYS ? { staleAfterDays: config.STALE_AFTER_DAYS } : {}),
      ...(config.REPEAT_WINDOW_DAYS ? { repeatWindowDays: config.REPEAT_WINDOW_DAYS } : {}),
      buildDigest: input.buildDigest,
      enqueue: queue.enqueue,
      enqueueMany: queue.enqueueMany,
      queue,
      now: () => new Date(),
      metrics,
    };
    // Every schedule the jobs declare; what waited while the shared queue was away is enqueued when it is back.
    const clock = createClock({ jobs: input.jobs, enqueue: queue.enqueue, logger, ...(queue.onBack ? { onQueueBack: (listener) => queue.onBack!(() => listener()) } : {}) });
    // Stopped in reverse: the clock stops enqueueing first, then the queue finishes what is in flight.
    parts.push({ name: 'queue', start: () => queue.startWorker(services), stop: () => queue.close() });
    parts.push({ name: 'clock', start: () => clock.start(), stop: () => clock.stop() });
  } else {
    parts.push({ name: 'queue', start: async () => undefined, stop: () => queue.close() });
  }
  const who = roles.includes('worker') ? 'taken en klok draaien hier' : 'alleen inplannen';
  return { queue, metrics, parts, description: `${queue.description} (${who})` };
}
