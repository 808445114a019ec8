// The composition root with Slack configured: the web role answers signed slash commands on
// /slack/events, the configured admin is the programme office, and a worker gets only the poster.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { silentLogger } from '../../../src/logger.js';
import { createApp, type App } from '../../../src/main.js';
import { signedHeaders } from '../../../src/platforms/slack/signing.js';
import { createSlackPart, SlackConfigError } from '../../../src/platforms/slack/part.js';
import { openPostgres } from '../../../src/store/db.js';
import { TEST_DATABASE_URL } from '../../support/db.js';
import { startFakeSlack, type FakeSlack } from '../../support/fake-slack.js';
import { SIGNING_SECRET } from './harness.js';

describe('Slack in the composition root', () => {
  let fake: FakeSlack;
  let app: App;
  // The app's own database: a throw-away schema on the test PostgreSQL, migrated by createApp.
  const schema = `test_${randomBytes(6).toString('hex')}`;
  beforeAll(async () => {
    fake = await startFakeSlack();
    const config = loadConfig({
      PORT: '0',
      DATABASE_URL: `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
      SLACK_BOT_TOKEN: fake.token,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      SLACK_ADMIN_USER_IDS: 'U0ADMIN001, U0ADMIN002',
    });
    const setup = await openPostgres(TEST_DATABASE_URL, schema);
    await setup.close();
    app = await createApp(config, { roles: ['web'], logger: silentLogger });
    await app.start();
  }, 60_000);
  afterAll(async () => {
    await app.stop();
    await fake.close();
    const cleanup = await openPostgres(TEST_DATABASE_URL);
    await cleanup.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await cleanup.close();
  });

  it('describes the Slack mode', () => {
    expect(app.describe()).toContain('Slack: HTTP-modus op /slack/events');
  });

  it('answers a configured admin as the programme office', async () => {
    const address = app.http!.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const body = new URLSearchParams({ command: '/ote', text: 'rol', user_id: 'U0ADMIN001', channel_id: 'C0ADMIN001', team_id: 'TFAKE0001', response_url: fake.responseUrl() }).toString();
    const response = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', headers: signedHeaders(SIGNING_SECRET, body), body });
    const json = (await response.json()) as { blocks: { text?: { text: string } }[] };
    expect(json.blocks[0]!.text!.text).toBe('Partnerrollen');
    expect(JSON.stringify(json)).toContain('U0ADMIN002');
  });

  it('refuses to start HTTP mode without a signing secret, naming the setting', () => {
    const make = () => createSlackPart({ botToken: 'xoxb-1', runtime: app.runtime, logger: silentLogger, inbound: true, http: app.http! });
    expect(make).toThrow(SlackConfigError);
    expect(make).toThrow(/SLACK_SIGNING_SECRET/);
  });

  it('gives a worker only the poster', () => {
    const worker = createSlackPart({ botToken: 'xoxb-1', runtime: app.runtime, logger: silentLogger, inbound: false });
    expect(worker.part).toBeUndefined();
    expect(worker.poster.platform).toBe('slack');
  });

  it('refuses a token Slack does not accept, saying which setting', async () => {
    const wrong = createSlackPart({ botToken: 'xoxb-wrong', signingSecret: 's', apiUrl: fake.apiUrl, runtime: app.runtime, logger: silentLogger, inbound: true, http: app.http! });
    await expect(wrong.part!.start()).rejects.toThrow(/SLACK_BOT_TOKEN.*invalid_auth/);
  });
});
