// No secret in any log line: a full run of the web role (Slack over HTTP against a fake Slack, the ingest
// API, chat commands that report, look at and withdraw incidents) at log level trace, with the logs in a
// buffer that is then searched for every token, signing secret, password and bearer token used.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { INCIDENTS_PATH, OPENAPI_PATH } from '../src/http/ingest.js';
import { createLogger } from '../src/logger.js';
import { createApp, type App } from '../src/main.js';
import { signedHeaders } from '../src/platforms/slack/signing.js';
import { openPostgres, type Db } from '../src/store/db.js';
import { createToken, revokeTokens } from '../src/store/tokens.js';
import { TEST_DATABASE_URL } from './support/db.js';
import { startFakeSlack, type FakeSlack } from './support/fake-slack.js';

const secret = (prefix: string) => `${prefix}${randomBytes(12).toString('hex')}`;
const SIGNING_SECRET = secret('signing-');
const DB_PASSWORD = secret('dbpw');
const CLI = { actor: 'cli:test', role: null, platform: 'cli' };
const incident = (id: string) => ({ id, occurred_at: '2025-03-01T02:30', municipality: 'Rotterdam', target: 'woning', outcome: 'explosie' });

const lines: string[] = [];
const schema = `test_logs_${randomBytes(5).toString('hex')}`;
let admin: Db;
let fake: FakeSlack;
let app: App;
let dataDir: string;
let base: string;
const used: string[] = [SIGNING_SECRET, DB_PASSWORD];

beforeAll(async () => {
  admin = await openPostgres(TEST_DATABASE_URL, schema);
  fake = await startFakeSlack({ token: secret('xoxb-') });
  used.push(fake.token);
  dataDir = mkdtempSync(join(tmpdir(), 'ote-logs-'));
  const url = new URL(TEST_DATABASE_URL);
  url.password = DB_PASSWORD; // the test server trusts local connections; the password only has to stay out of the logs
  url.searchParams.set('options', `-c search_path=${schema}`);
  const config = loadConfig({
    DATABASE_URL: url.toString(),
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'trace',
    SLACK_BOT_TOKEN: fake.token,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    SLACK_ADMIN_USER_IDS: 'U0ADMIN001',
  });
  const sink = new Writable({ write: (chunk, _encoding, next) => (lines.push(String(chunk)), next()) });
  app = await createApp(config, { roles: ['web'], logger: createLogger('trace', sink) });
  await app.start();
  const address = app.http!.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await fake?.close();
  await admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function ingest(token: string, body: string, headers: Record<string, string> = {}): Promise<number> {
  const response = await fetch(`${base}${INCIDENTS_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}

async function slash(text: string, signingSecret = SIGNING_SECRET): Promise<number> {
  const body = new URLSearchParams({
    command: '/ote', text, user_id: 'U0ADMIN001', user_name: 'admin', channel_id: 'C0PROGRAMMA', team_id: 'TFAKE0001',
    response_url: fake.responseUrl(), trigger_id: '1.2.abc', api_app_id: 'A0OTEBOT01',
  }).toString();
  const response = await fetch(`${base}/slack/events`, { method: 'POST', headers: signedHeaders(signingSecret, body), body });
  await response.arrayBuffer();
  return response.status;
}

describe('the logs of a full run', () => {
  it('hold no token, signing secret, password or bearer token', async () => {
    const good = await createToken(app.db, 'Politie Eenheid Rotterdam', CLI);
    const revoked = await createToken(app.db, 'Oud systeem', CLI);
    await revokeTokens(app.db, String(revoked.token.id), CLI);
    const guessed = secret('ote_');
    used.push(good.secret, revoked.secret, guessed);

    expect(await ingest(good.secret, JSON.stringify(incident('LOG-1')))).toBe(201);
    expect(await ingest(good.secret, JSON.stringify({ incidents: [incident('LOG-1'), incident('LOG-2')] }))).toBe(201);
    expect(await ingest(guessed, JSON.stringify(incident('LOG-3')))).toBe(401);
    expect(await ingest(revoked.secret, JSON.stringify(incident('LOG-3')))).toBe(401);
    expect(await ingest(good.secret, '{"id": ')).toBe(400);
    expect(await ingest(good.secret, JSON.stringify(incident('LOG-4')), { 'content-length': String(5 * 1024 * 1024) }).catch(() => 413)).toBe(413);
    expect(await ingest(good.secret, JSON.stringify({ id: 'LOG-5', municipality: 'Nergenshuizen' }))).toBe(422);
    let status = 0;
    for (let i = 0; i < 100 && status !== 429; i++) status = await ingest(good.secret, JSON.stringify(incident('LOG-1')));
    expect(status).toBe(429);
    expect((await fetch(`${base}${OPENAPI_PATH}`)).status).toBe(200);

    expect(await slash('melden ref=LOG-6 wanneer=2025-03-02T03:00 gemeente=Den Haag doel=bedrijf resultaat=poging')).toBe(200);
    expect(await slash('incident LOG-1')).toBe(200);
    expect(await slash('incident intrekken LOG-2 dubbel gemeld')).toBe(200);
    expect(await slash('audit')).toBe(200);
    expect(await slash('incident LOG-1', secret('wrong-'))).toBe(401);

    // Bolt answers slash commands through response_url after the ack; wait for the last of them.
    for (let i = 0; i < 200 && fake.responses.length < 4; i++) await new Promise((resolve) => setTimeout(resolve, 25));

    const rows = await admin.query<{ reference: string; source: string }>(`SELECT reference, source FROM ${schema}.incidents ORDER BY reference`);
    expect(rows).toEqual([
      { reference: 'LOG-1', source: 'api' },
      { reference: 'LOG-2', source: 'api' },
      { reference: 'LOG-6', source: 'chat' },
    ]);

    const log = lines.join('');
    expect(log).toContain('ingest: incidents stored');
    expect(log).toContain('ingest: rate limited');
    expect(log).toContain('ingest: refused without a valid token');
    used.forEach((value, i) => expect(log.includes(value), `secret #${i} appears in the logs`).toBe(false));
    expect(log).not.toMatch(/Bearer\s+[A-Za-z0-9_-]{8,}/);
    expect(log).not.toMatch(/xox[abp]-[A-Za-z0-9-]{6,}/);
  });
});
