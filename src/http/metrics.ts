// GET /metrics in the Prometheus text format (prom-client): commands by name and outcome with their
// latency, jobs by name and outcome, posts by platform and outcome, and the queue depth by state.
// Counters are per process; the queue depth is the shared queue's. /metrics is never public: it asks for
// METRICS_TOKEN as a bearer token, or lives on a port of its own (METRICS_PORT), or both.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CommandRuntime } from '../commands/dispatch.js';
import type { QueueDriver } from '../queue/driver.js';
import type { JobMetrics } from '../queue/job.js';
import type { HttpServer } from './server.js';

export interface Metrics extends JobMetrics {
  readonly registry: Registry;
  onCommand: NonNullable<CommandRuntime['onCommand']>;
  /** Reports the depth of this queue on every scrape. */
  watchQueue(queue: Pick<QueueDriver, 'counts'>): void;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  const commands = new Counter({
    name: 'ote_commands_total',
    help: 'Commands answered, by command and outcome (ok, refused, invalid, failed).',
    labelNames: ['command', 'outcome'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'ote_command_duration_seconds',
    help: 'Time to answer a command.',
    labelNames: ['command'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const jobs = new Counter({
    name: 'ote_jobs_total',
    help: 'Job attempts, by job and outcome (completed, retried, failed).',
    labelNames: ['job', 'outcome'] as const,
    registers: [registry],
  });
  const posts = new Counter({
    name: 'ote_posts_total',
    help: 'Messages posted into channels, by platform and outcome (posted, failed).',
    labelNames: ['platform', 'outcome'] as const,
    registers: [registry],
  });
  let queue: Pick<QueueDriver, 'counts'> | undefined;
  new Gauge({
    name: 'ote_queue_jobs',
    help: 'Jobs in the queue, by state.',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      if (!queue) return;
      const counts = await queue.counts();
      for (const [state, count] of Object.entries(counts)) this.set({ state }, count);
    },
  });

  return {
    registry,
    onCommand(name, outcome, seconds) {
      commands.inc({ command: name, outcome });
      latency.observe({ command: name }, seconds);
    },
    job: (name, outcome) => jobs.inc({ job: name, outcome }),
    post: (platform, outcome) => posts.inc({ platform, outcome }),
    watchQueue(watched) {
      queue = watched;
    },
  };
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Mounts `GET /metrics`; with `token`, only a request bearing it gets an answer (401 otherwise). */
export function mountMetrics(http: HttpServer, metrics: Metrics, options: { token?: string } = {}): void {
  const expected = options.token ? digest(`Bearer ${options.token}`) : undefined;
  http.route('GET', '/metrics', async (req, res) => {
    if (expected && !timingSafeEqual(digest(req.headers.authorization ?? ''), expected)) {
      res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer realm="metrics"' }).end('METRICS_TOKEN vereist\n');
      return;
    }
    const body = await metrics.registry.metrics();
    res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body);
  });
}
