// No secret in the logs when a dependency refuses the app: a Redis that requires another password, a
// database that refuses the password, Slack and Discord refusing the token. Each runs at log level trace
// with the logs in a buffer that is then searched for every secret the configuration held.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { createApp, type App } from '../src/main.js';
import { openPostgres, type Db } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { TEST_DATABASE_URL } from './support/db.js';
import { FakeDiscord } from './support/fake-discord.js';
import { startFakeSlack } from './support/fake-slack.js';
import { startOwnRedis } from './support/redis-server.js';
import { startRefusingPostgres } from './support/refusing-postgres.js';

const secret = (prefix: string) => `${prefix}${randomBytes(12).toString('hex')}`;
const schema = `test_logdeps_${randomBytes(5).toString('hex')}`;
let admin: Db;
let dataDir: string;

beforeAll(async () => {
  admin = await openPostgres(TEST_DATABASE_URL, schema);
  await migrate(admin);
  dataDir = mkdtempSync(join(tmpdir(), 'ote-logdeps-'));
});
afterAll(async () => {
  await admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function databaseUrl(password?: string): string {
  const url = new URL(TEST_DATABASE_URL);
  if (password) url.password = password;
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

function capture() {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _encoding, next) => (lines.push(String(chunk)), next()) });
  return { lines, logger: createLogger('trace', sink), text: () => lines.join('') };
}

function expectNoSecret(text: string, secrets: string[]): void {
  secrets.forEach((value, i) => {
    expect(text.includes(value), `secret #${i} appears`).toBe(false);
    expect(text.includes(encodeURIComponent(value)), `secret #${i} appears URL-encoded`).toBe(false);
  });
}

const settings = (extra: Record<string, string>) =>
  loadConfig({ DATABASE_URL: databaseUrl(), DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'trace', ...extra });

describe('a failing dependency at log level trace', () => {
  it('a Redis that wants another password: the password in REDIS_URL is in no line', async () => {
    const redis = await startOwnRedis({ password: secret('right-') });
    const wrong = secret('wr0ng/pw+');
    const log = capture();
    let app: App | undefined;
    try {
      app = await createApp(settings({ REDIS_URL: redis.url(wrong) }), { roles: ['web'], logger: log.logger, queuePrefix: `t${randomBytes(4).toString('hex')}` });
      await app.start();
      const enqueue = app.runtime.services.enqueue!;
      await Promise.race([enqueue('reminder-reconcile', {}).catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 3_000))]);
      await vi.waitFor(() => expect(log.text()).toContain('WRONGPASS'), { timeout: 10_000, interval: 100 });
    } finally {
      await app?.stop();
      await redis.stop();
    }
    expect(log.text()).toContain('"AUTH"');
    expectNoSecret(log.text(), [wrong]);
  });

  it('a database that refuses the password: neither the log nor the error names it', async () => {
    const server = await startRefusingPostgres();
    const password = secret('db/pw:');
    const log = capture();
    try {
      const url = new URL(TEST_DATABASE_URL);
      url.port = String(server.port);
      url.password = password;
      const failure = await createApp(settings({ DATABASE_URL: url.toString() }), { roles: ['web'], logger: log.logger }).then(
        () => new Error('started'),
        (error: unknown) => error as Error,
      );
      log.logger.error({ err: failure }, 'start failed');
      expect(server.received).toContain(password);
      expect(log.text()).toContain('password authentication failed');
      expectNoSecret(`${log.text()}${failure.message}`, [password]);
    } finally {
      await server.close();
    }
  });

  it('Slack refusing the bot token and the signing secret: neither is in a line', async () => {
    const fake = await startFakeSlack({ token: secret('xoxb-') });
    const token = secret('xoxb-');
    const signingSecret = secret('signing-');
    const log = capture();
    try {
      const app = await createApp(settings({ SLACK_BOT_TOKEN: token, SLACK_SIGNING_SECRET: signingSecret, SLACK_API_URL: fake.apiUrl }), { roles: ['web'], logger: log.logger });
      const failure = await app.start().then(() => new Error('started'), (error: unknown) => error as Error);
      log.logger.error({ err: failure }, 'start failed');
      await app.stop();
      expect(failure.message).toContain('invalid_auth');
    } finally {
      await fake.close();
    }
    expect(log.text()).toContain('auth.test');
    expectNoSecret(log.text(), [token, signingSecret]);
  });

  it('Discord refusing the token: it is in no line', async () => {
    const fake = await FakeDiscord.start({ token: secret('right.') });
    const token = `${randomBytes(18).toString('base64url')}.${randomBytes(4).toString('base64url')}.${randomBytes(20).toString('base64url')}`;
    const log = capture();
    try {
      const app = await createApp(settings({ DISCORD_TOKEN: token, DISCORD_API_URL: fake.apiUrl }), { roles: ['web'], logger: log.logger });
      const failure = await app.start().then(() => new Error('started'), (error: unknown) => error as Error);
      log.logger.error({ err: failure }, 'start failed');
      await app.stop();
      expectNoSecret(failure.message, [token]);
    } finally {
      await fake.close();
    }
    expect(log.text()).toContain('start failed');
    expectNoSecret(log.text(), [token]);
  });
});
