// /metrics is never public: on the HTTP port it asks for METRICS_TOKEN, on METRICS_PORT it lives apart
// from /slack/events, and with neither it is not served.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { createApp, type App } from '../../src/main.js';
import { openPostgres, type Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { TEST_DATABASE_URL } from '../support/db.js';

const schema = `test_metrics_${randomBytes(5).toString('hex')}`;
const TOKEN = `metrics-${randomBytes(12).toString('hex')}`;
let admin: Db;
const apps: App[] = [];

beforeAll(async () => {
  admin = await openPostgres(TEST_DATABASE_URL, schema);
  await migrate(admin);
});
afterAll(async () => {
  for (const app of apps) await app.stop();
  await admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.close();
});

async function start(extra: Record<string, string>): Promise<{ app: App; base: string }> {
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const app = await createApp(loadConfig({ DATABASE_URL: url.toString(), PORT: '0', ...extra }), { roles: ['web'], logger: silentLogger });
  apps.push(app);
  await app.start();
  const address = app.http!.server.address();
  return { app, base: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

describe('/metrics', () => {
  it('is off without METRICS_TOKEN or METRICS_PORT', async () => {
    const { app, base } = await start({});
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
    expect(app.describe().join('\n')).toContain('Metrics: uit');
  });

  it('asks for METRICS_TOKEN on the HTTP port', async () => {
    const { base } = await start({ METRICS_TOKEN: TOKEN });
    const bare = await fetch(`${base}/metrics`);
    expect(bare.status).toBe(401);
    expect(await bare.text()).not.toContain('ote_');
    expect((await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: TOKEN } })).status).toBe(401);
    const granted = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(granted.status).toBe(200);
    expect(await granted.text()).toContain('# TYPE ote_commands_total counter');
  });

  it('lives on METRICS_PORT apart from the public port, with the token when one is set', async () => {
    const { app, base } = await start({ METRICS_PORT: '0', METRICS_TOKEN: TOKEN });
    expect((await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
    const port = Number(/Metrics: \/metrics op poort (\d+)/.exec(app.describe().join('\n'))?.[1]);
    expect(port).toBeGreaterThan(0);
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST' })).status).toBe(404);
  });
});
