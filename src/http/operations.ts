// What operators ask of every web process: /healthz and /readyz on the public port, and /metrics on a
// port of its own (METRICS_PORT) or on the public one behind METRICS_TOKEN, or not at all.
import type { Config } from '../config.js';
import type { Part } from '../lifecycle.js';
import type { Logger } from '../logger.js';
import type { QueueDriver } from '../queue/driver.js';
import type { Db } from '../store/db.js';
import { mountHealth } from './health.js';
import { mountMetrics, type Metrics } from './metrics.js';
import { createHttpServer, type HttpServer } from './server.js';

export interface OperationsInput {
  config: Pick<Config, 'METRICS_PORT' | 'METRICS_TOKEN'>;
  db: Db;
  queue: QueueDriver;
  metrics: Metrics;
  logger: Logger;
  /** Called with one line for `ote start` about where /metrics is. */
  announce(line: string): void;
}

/** Mounts the routes on `http`; returns the metrics server's part when it has a port of its own. */
export function mountOperations(http: HttpServer, input: OperationsInput): Part[] {
  const { config, metrics, announce } = input;
  mountHealth(http, { db: input.db, queue: input.queue });
  const token = config.METRICS_TOKEN ? { token: config.METRICS_TOKEN } : {};
  if (config.METRICS_PORT !== undefined) {
    const own = createHttpServer(config.METRICS_PORT, input.logger);
    mountMetrics(own, metrics, token);
    return [{ name: 'metrics-http', start: async () => announce(`Metrics: /metrics op poort ${await own.listen()}${config.METRICS_TOKEN ? ' (met METRICS_TOKEN)' : ''}`), stop: () => own.close() }];
  }
  if (config.METRICS_TOKEN) {
    mountMetrics(http, metrics, token);
    announce('Metrics: /metrics op de HTTP-poort, met METRICS_TOKEN');
  } else {
    announce('Metrics: uit (zet METRICS_TOKEN of METRICS_PORT)');
  }
  return [];
}
