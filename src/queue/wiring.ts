// Builds the queue, the clock, /healthz, /readyz and /metrics for the composition root (src/main.ts).
// The worker role runs jobs and the clock; every role that has the queue closes it when it stops.
import type { CommandRuntime } from '../commands/dispatch.js';
import type { Config } from '../config.js';
import type { MunicipalityIndex } from '../domain/municipalities.js';
import { mountHealth } from '../http/health.js';
import { createMetrics, mountMetrics } from '../http/metrics.js';
import { createHttpServer, type HttpServer } from '../http/server.js';
import type { Logger } from '../logger.js';
import type { Part, ProcessRole } from '../main.js';
import type { PlatformName, Poster } from '../platforms/poster.js';
import type { Db } from '../store/db.js';
import { fieldLabJobServices } from '../fieldlab/job-control.js';
import { createBullmqDriver } from './bullmq.js';
import { createClock } from './clock.js';
import type { QueueDriver } from './driver.js';
import type { BuildDigest, JobDefinition, JobServices } from './job.js';
import { createSingleProcessDriver } from './single-process.js';

export interface QueueWiringInput {
  config: Pick<Config, 'REDIS_URL' | 'PROGRAMME_CHANNEL' | 'METRICS_PORT' | 'METRICS_TOKEN'> & Partial<Pick<Config, 'STALE_AFTER_DAYS' | 'REPEAT_WINDOW_DAYS'>>;
  roles: readonly ProcessRole[];
  logger: Logger;
  db: Db;
  municipalities: MunicipalityIndex;
  runtime: CommandRuntime;
  http?: HttpServer;
  /** Filled by the platform adapters; read when a job posts, so adapters may add theirs later. */
  posters: Partial<Record<PlatformName, Poster>>;
  buildDigest: BuildDigest;
  jobs: readonly JobDefinition[];
  queuePrefix?: string;
  markerEveryMs?: number;
  /** Called with one line for `ote start` about where /metrics is. */
  announce?: (line: string) => void;
}

export interface QueueWiring {
  queue: QueueDriver;
  /** Listeners hear when the shared queue is back after an outage or came back empty. */
  onBack?: (listener: () => void | Promise<void>) => void;
  parts: Part[];
  description: string;
}

export function wireQueue(input: QueueWiringInput): QueueWiring {
  const { config, roles, logger, http } = input;
  const queue = config.REDIS_URL
    ? createBullmqDriver(input.jobs, {
        url: config.REDIS_URL, logger,
        ...(input.queuePrefix ? { prefix: input.queuePrefix } : {}),
        ...(input.markerEveryMs ? { markerEveryMs: input.markerEveryMs } : {}),
      })
    : createSingleProcessDriver(input.jobs);
  const metrics = createMetrics();
  metrics.watchQueue(queue);
  input.runtime.onCommand = metrics.onCommand;
  input.runtime.services.enqueue = queue.enqueue;
  const parts: Part[] = [];
  const announce = input.announce ?? (() => undefined);
  if (http) {
    mountHealth(http, { db: input.db, queue });
    const token = config.METRICS_TOKEN ? { token: config.METRICS_TOKEN } : {};
    if (config.METRICS_PORT !== undefined) {
      const own = createHttpServer(config.METRICS_PORT, logger);
      mountMetrics(own, metrics, token);
      parts.push({ name: 'metrics-http', start: async () => announce(`Metrics: /metrics op poort ${await own.listen()}${config.METRICS_TOKEN ? ' (met METRICS_TOKEN)' : ''}`), stop: () => own.close() });
    } else if (config.METRICS_TOKEN) {
      mountMetrics(http, metrics, token);
      announce('Metrics: /metrics op de HTTP-poort, met METRICS_TOKEN');
    } else {
      announce('Metrics: uit (zet METRICS_TOKEN of METRICS_PORT)');
    }
  }

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
      now: () => new Date(),
      metrics,
      ...fieldLabJobServices(config.REDIS_URL, input.queuePrefix), // Field Lab (issue 6): removes orphaned reminder jobs
    };
    const clock = createClock(queue.enqueue, logger);
    // A digest that came due while Redis was away is enqueued as soon as it is back, not a minute later.
    queue.onBack?.(() => void clock.tick(new Date()));
    // Stopped in reverse: the clock stops enqueueing first, then the queue finishes what is in flight.
    parts.push({ name: 'queue', start: () => queue.startWorker(services), stop: () => queue.close() });
    parts.push({ name: 'clock', start: () => clock.start(), stop: () => clock.stop() });
  } else {
    parts.push({ name: 'queue', start: async () => undefined, stop: () => queue.close() });
  }
  const who = roles.includes('worker') ? 'taken en klok draaien hier' : 'alleen inplannen';
  const onBack = queue.onBack?.bind(queue);
  return { queue, parts, description: `${queue.description} (${who})`, ...(onBack ? { onBack: (listener: () => void | Promise<void>) => onBack(() => void listener()) } : {}) };
}
