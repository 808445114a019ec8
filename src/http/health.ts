// GET /healthz: the process answers (liveness). GET /readyz: the database and the queue answer within a
// few seconds (readiness); a failure names the part, never a connection string.
import type { QueueDriver } from '../queue/driver.js';
import type { Db } from '../store/db.js';
import type { HttpServer } from './server.js';

export interface HealthOptions {
  db: Pick<Db, 'query'>;
  queue: Pick<QueueDriver, 'ping'>;
  timeoutMs?: number;
}

async function within(ms: number, check: () => Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([check().then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function mountHealth(http: HttpServer, options: HealthOptions): void {
  const timeoutMs = options.timeoutMs ?? 3_000;
  http.route('GET', '/healthz', (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'));
  http.route('GET', '/readyz', async (_req, res) => {
    const [database, queue] = await Promise.all([
      within(timeoutMs, () => options.db.query('SELECT 1')),
      within(timeoutMs, () => options.queue.ping()),
    ]);
    const body = JSON.stringify({ database: database ? 'ok' : 'onbereikbaar', queue: queue ? 'ok' : 'onbereikbaar' });
    res.writeHead(database && queue ? 200 : 503, { 'content-type': 'application/json' }).end(body);
  });
}
