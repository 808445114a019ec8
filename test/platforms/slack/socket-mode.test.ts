// Socket Mode (SLACK_APP_TOKEN): the bot dials out over a WebSocket and answers slash commands in the ack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/logger.js';
import { slackLimitProblems } from '../../../src/platforms/slack/limits.js';
import { createSlackPart, type SlackPart } from '../../../src/platforms/slack/part.js';
import { openTestDb, type TestDb } from '../../support/db.js';
import { startFakeSlack, type FakeSlack } from '../../support/fake-slack.js';
import { startFakeSocketMode, type FakeSocketMode } from './fake-socket.js';
import { FAST_RETRY, municipalities } from './harness.js';

describe('Slack over Socket Mode', () => {
  let db: TestDb;
  let fake: FakeSlack;
  let socket: FakeSocketMode;
  let slack: SlackPart;
  beforeAll(async () => {
    db = await openTestDb('pglite');
    fake = await startFakeSlack();
    socket = await startFakeSocketMode(fake);
    slack = createSlackPart({
      botToken: fake.token,
      appToken: fake.appToken,
      apiUrl: fake.apiUrl,
      runtime: { db, municipalities: municipalities(), logger: silentLogger, defaultLang: 'nl', services: {} },
      logger: silentLogger,
      inbound: true,
      retryConfig: FAST_RETRY,
    });
    await slack.part!.start();
    await socket.connected;
  });
  afterAll(async () => {
    await slack.part?.stop();
    await socket.close();
    await fake.close();
    await db.dispose();
  });

  it('needs no HTTP server or signing secret, and says so', () => {
    expect(slack.mode).toBe('socket');
    expect(slack.description).toBe('Slack: Socket Mode');
    expect(fake.callsOf('apps.connections.open', 200)).toHaveLength(1);
  });

  it('answers /ote in the ack of the envelope', async () => {
    const payload = await socket.slashCommand({
      command: '/ote',
      text: 'help publiek',
      user_id: 'U0PARTNER1',
      channel_id: 'C0PARTNERS',
      team_id: 'TFAKE0001',
      response_url: fake.responseUrl(),
    });
    expect(payload.response_type).toBe('in_channel');
    expect((payload.blocks as unknown[])[0]).toMatchObject({ type: 'header', text: { text: 'OTE-bot: commando’s' } });
    expect(slackLimitProblems(payload as never)).toEqual([]);
  });
});
