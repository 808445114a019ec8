// /healthz, /readyz and /metrics on a real HTTP server, with a real database and a real (or unreachable) Redis.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountHealth } from '../../src/http/health.js';
import { createMetrics, mountMetrics } from '../../src/http/metrics.js';
import { createHttpServer, type HttpServer } from '../../src/http/server.js';
import { silentLogger } from '../../src/logger.js';
import { digestFanout } from '../../jobs/digest-fanout.js';
import { createBullmqDriver } from '../../src/queue/bullmq.js';
import type { QueueDriver } from '../../src/queue/driver.js';
import { openTestDb, type TestDb } from '../support/db.js';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../queue/support.js';

const prefix = uniquePrefix('health');
let db: TestDb;
let up: QueueDriver;
let down: QueueDriver;
const servers: HttpServer[] = [];
beforeAll(async () => {
  db = await openTestDb('pglite');
  up = createBullmqDriver([digestFanout], { url: TEST_REDIS_URL, prefix });
  // Nothing listens on port 1: the queue is unreachable.
  down = createBullmqDriver([digestFanout], { url: 'redis://127.0.0.1:1', prefix });
});
afterAll(async () => {
  for (const server of servers) await server.close();
  await Promise.all([up.close(), db.dispose()]);
  void down.close().catch(() => undefined);
  await deletePrefix(prefix);
});

const METRICS_TOKEN = 'metrics-token-0123456789';

async function serve(queue: QueueDriver): Promise<string> {
  const http = createHttpServer(0, silentLogger);
  servers.push(http);
  const metrics = createMetrics();
  metrics.watchQueue(queue);
  metrics.onCommand('stats', 'ok', 0.12);
  metrics.job('digest-post', 'completed');
  metrics.post('slack', 'posted');
  mountHealth(http, { db, queue, timeoutMs: 1_000 });
  mountMetrics(http, metrics, { token: METRICS_TOKEN });
  return `http://127.0.0.1:${await http.listen()}`;
}

describe('health and metrics', () => {
  it('is live and ready when the database and the queue answer, and exports the metrics', async () => {
    const base = await serve(up);
    expect(await (await fetch(`${base}/healthz`)).text()).toBe('ok');
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    const text = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    expect(text).toContain('ote_commands_total{command="stats",outcome="ok"} 1');
    expect(text).toContain('ote_command_duration_seconds_bucket{le="0.25",command="stats"} 1');
    expect(text).toContain('ote_jobs_total{job="digest-post",outcome="completed"} 1');
    expect(text).toContain('ote_posts_total{platform="slack",outcome="posted"} 1');
    expect(text).toContain('ote_queue_jobs{state="waiting"} 0');
  });

  it('is not ready when the queue cannot be reached, and says which part, not where', async () => {
    const base = await serve(down);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ database: 'ok', queue: 'onbereikbaar' });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
