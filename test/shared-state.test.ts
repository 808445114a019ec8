// Two web processes against one Redis (the shared test server, under a key prefix of this test's own) and
// one database: a Slack request replayed to the second process is refused, and one API token gets its rate
// once, not once per process.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { INCIDENTS_PATH } from '../src/http/ingest.js';
import { silentLogger } from '../src/logger.js';
import { createApp, type App } from '../src/main.js';
import { signedHeaders } from '../src/platforms/slack/signing.js';
import { openPostgres, type Db } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { createToken } from '../src/store/tokens.js';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from './queue/support.js';
import { TEST_DATABASE_URL } from './support/db.js';
import { startFakeSlack, type FakeSlack } from './support/fake-slack.js';

const schema = `test_shared_${randomBytes(5).toString('hex')}`;
const prefix = uniquePrefix('shared');
const SIGNING_SECRET = `signing-${randomBytes(8).toString('hex')}`;
let admin: Db;
let fake: FakeSlack;
const apps: App[] = [];
const bases: string[] = [];

beforeAll(async () => {
  admin = await openPostgres(TEST_DATABASE_URL, schema);
  await migrate(admin);
  fake = await startFakeSlack();
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  for (let i = 0; i < 2; i++) {
    const config = loadConfig({
      DATABASE_URL: url.toString(), REDIS_URL: TEST_REDIS_URL, PORT: '0', API_RATE_CAPACITY: '5', API_RATE_PER_MINUTE: '10',
      SLACK_BOT_TOKEN: fake.token, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl,
    });
    const app = await createApp(config, { roles: ['web'], logger: silentLogger, queuePrefix: prefix });
    await app.start();
    apps.push(app);
    const address = app.http!.server.address();
    bases.push(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
  }
}, 60_000);
afterAll(async () => {
  for (const app of apps) await app.stop();
  await fake.close();
  await deletePrefix(prefix);
  await admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.close();
});

describe('two web processes sharing one Redis', () => {
  it('refuse a Slack request replayed to the other process (20 of 20)', async () => {
    const refused: number[] = [];
    for (let i = 0; i < 20; i++) {
      const body = new URLSearchParams({ command: '/ote', text: 'help', user_id: `U0REPLAY${i}`, channel_id: 'C0PARTNERS', team_id: 'TFAKE0001', response_url: fake.responseUrl(), trigger_id: `1.2.${i}` }).toString();
      const headers = signedHeaders(SIGNING_SECRET, body);
      const first = await fetch(`${bases[0]}/slack/events`, { method: 'POST', headers, body });
      await first.arrayBuffer();
      expect(first.status).toBe(200);
      const replay = await fetch(`${bases[1]}/slack/events`, { method: 'POST', headers, body });
      await replay.arrayBuffer();
      refused.push(replay.status);
    }
    expect(refused).toEqual(Array(20).fill(401));
  });

  it('give one API token its rate once across both processes', async () => {
    const { secret } = await createToken(admin, 'Politie Eenheid Rotterdam', { actor: 'cli:test', role: null, platform: 'cli' });
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const response = await fetch(`${bases[i % 2]}${INCIDENTS_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
        body: JSON.stringify({ id: `RATE-${i}`, occurred_at: '2025-03-01T02:30', municipality: 'Rotterdam', target: 'woning', outcome: 'explosie' }),
      });
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    expect(statuses.filter((status) => status === 201)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(15);
  });
});
