// The bot's Slack calls against a misbehaving Slack: 429 with Retry-After, 5xx, slow answers, and
// errors that retrying cannot fix. Everything arrives exactly once; permanent failures say so. (Lost
// answers and the lookup before a retry: poster-once.test.ts.)
import { z } from 'zod';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.js';
import { ALL_ROLES, defineCommand } from '../../../commands/types.js';
import { silentLogger } from '../../../src/logger.js';
import { PermanentPostError, type PostIdentity, type Poster } from '../../../src/platforms/poster.js';
import { boltLogger } from '../../../src/platforms/slack/bolt-logger.js';
import { createSlackPoster, createSlackPostingClient } from '../../../src/platforms/slack/poster.js';
import { reply, type Reply } from '../../../src/render/reply.js';
import { openTestDb, type TestDb } from '../../support/db.js';
import { startFakeSlack, type FakeSlack } from '../../support/fake-slack.js';
import { startSlackHarness, type SlackHarness } from './harness.js';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const digest: Reply = reply('Dagelijks overzicht', [
  { kind: 'facts', facts: [{ label: 'Gisteren', value: '4' }] },
  { kind: 'chart', chart: { title: 'Doel 2025', fileName: 'doel-2025.png', png: PNG } },
]);
let posts = 0;
const identity = (): PostIdentity => ({ id: `test-${++posts}`, firstAttemptAt: new Date(), lookFirst: false });

describe('Slack poster against a misbehaving Slack', () => {
  let fake: FakeSlack;
  let poster: Poster;
  beforeAll(async () => {
    fake = await startFakeSlack();
    const client = createSlackPostingClient(fake.token, { slackApiUrl: fake.apiUrl, logger: boltLogger(silentLogger) });
    poster = createSlackPoster(client, { lang: 'nl', logger: silentLogger, retryDelaysMs: [20, 20, 20, 20, 20] });
  });
  afterAll(() => fake.close());
  afterEach(() => fake.reset());

  it('posts the message, then the chart as a file in the same channel', async () => {
    const { messageId } = await poster.post('C0DIGEST01', digest, identity());
    expect(fake.messages).toEqual([expect.objectContaining({ channel: 'C0DIGEST01', ts: messageId })]);
    expect(fake.files).toEqual([{ id: expect.any(String), title: 'Doel 2025', filename: 'doel-2025.png', channel: 'C0DIGEST01', bytes: PNG.length, data: new Uint8Array(PNG) }]);
    expect(JSON.stringify(fake.messages[0]!.blocks)).toContain('de grafiek volgt hieronder');
  });

  it('waits out a 429 with Retry-After and posts once', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const started = Date.now();
    await poster.post('C0DIGEST01', digest, identity());
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(fake.callsOf('chat.postMessage').map((c) => c.status)).toEqual([429, 200]);
    expect(fake.messages).toHaveLength(1);
  });

  it('retries 5xx answers and posts once', async () => {
    fake.failNext('chat.postMessage', { status: 503 }, 2);
    fake.failNext('files.getUploadURLExternal', { status: 500 });
    await poster.post('C0DIGEST01', digest, identity());
    expect(fake.callsOf('chat.postMessage').map((c) => c.status)).toEqual([503, 503, 200]);
    // A 5xx may come after Slack stored the post: each retry was preceded by a look at the channel (twice
    // for the message, once for the chart's upload).
    expect(fake.callsOf('conversations.history', 200)).toHaveLength(3);
    expect(fake.messages).toHaveLength(1);
    expect(fake.files).toHaveLength(1);
  });

  it('waits for a slow Slack instead of giving up and posting again', async () => {
    fake.failNext('chat.postMessage', { delayMs: 1500 });
    await poster.post('C0DIGEST01', digest, identity());
    expect(fake.callsOf('chat.postMessage')).toHaveLength(1);
    expect(fake.messages).toHaveLength(1);
  });

  it('keeps to a per-channel rate limit, posting every message exactly once', async () => {
    fake.setRateLimits({ perChannelPerSecond: 1, retryAfterSeconds: 1 });
    const text = (n: number) => reply(`Bericht ${n}`, [{ kind: 'text', text: String(n) }]);
    await Promise.all([1, 2, 3].map((n) => poster.post('C0BUSY0001', text(n), identity())));
    expect(fake.rateLimited).toBeGreaterThan(0);
    expect(fake.messages.map((m) => m.text).sort()).toEqual(['Bericht 1\n1', 'Bericht 2\n2', 'Bericht 3\n3']);
  });

  it.each(['channel_not_found', 'not_in_channel', 'is_archived', 'account_inactive', 'token_revoked', 'invalid_auth', 'missing_scope'])(
    'turns %s into a permanent failure',
    async (code) => {
      fake.channelErrors.set('C0GONE0001', code);
      const failure = await poster.post('C0GONE0001', digest, identity()).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(PermanentPostError);
      expect(failure).toMatchObject({ code });
      expect(fake.callsOf('chat.postMessage')).toHaveLength(1);
    },
  );

  it('does not treat a message it already posted as failed when only the chart fails', async () => {
    // The message goes through; then the channel refuses the file.
    fake.failNext('files.completeUploadExternal', { error: 'not_in_channel' });
    await poster.post('C0NOFILES1', digest, identity());
    expect(fake.messages).toHaveLength(1);
    expect(fake.files).toHaveLength(0);
  });
});

describe('slash command replies through a misbehaving Slack', () => {
  let db: TestDb;
  let slow: SlackHarness;
  const chartCommand = defineCommand({
    name: 'testgrafiek',
    summary: 'help.summary',
    usage: '/ote testgrafiek',
    roles: ALL_ROLES,
    options: [],
    schema: z.object({}),
    // Slower than the ack budget below, so the reply must go via response_url.
    run: async () => new Promise<Reply>((resolve) => setTimeout(() => resolve(digest), 250)),
  });
  beforeAll(async () => {
    db = await openTestDb('pglite');
    slow = await startSlackHarness({ db, ackBudgetMs: 100 });
    commands.push(chartCommand);
  });
  afterAll(async () => {
    commands.splice(commands.indexOf(chartCommand), 1);
    await slow.close();
    await db.dispose();
  });
  afterEach(() => slow.fake.reset());

  const settle = async (check: () => boolean) => {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  };

  it('acks empty and delivers a late reply via response_url exactly once, through 503 and 429', async () => {
    slow.fake.failNext('response_url', { status: 503 });
    slow.fake.failNext('response_url', { status: 429, retryAfter: 1 });
    const answer = await slow.post(slow.commandBody('testgrafiek'));
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('');
    await settle(() => slow.fake.responses.length > 0);
    expect(slow.fake.callsOf('response_url').map((c) => c.status)).toEqual([503, 429, 200]);
    expect(slow.fake.responses).toHaveLength(1);
    expect(slow.fake.responses[0]!.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('Dagelijks overzicht') });
  });

  it('uploads the chart of a shared reply into the channel', async () => {
    await slow.post(slow.commandBody('testgrafiek publiek', { channelId: 'C0SHARED01' }));
    await settle(() => slow.fake.files.length > 0);
    expect(slow.fake.responses[0]!.body).toMatchObject({ response_type: 'in_channel' });
    expect(slow.fake.files).toEqual([expect.objectContaining({ channel: 'C0SHARED01', filename: 'doel-2025.png' })]);
  });

  it('tells the user privately when the chart cannot be posted in the channel', async () => {
    slow.fake.channelErrors.set('C0PRIVATE1', 'not_in_channel');
    await slow.post(slow.commandBody('testgrafiek publiek', { channelId: 'C0PRIVATE1' }));
    await settle(() => slow.fake.responses.length > 1);
    expect(slow.fake.responses[1]!.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('nodig de bot uit') });
  });

  it('keeps the chart out of an ephemeral reply, saying where it can be seen', async () => {
    await slow.post(slow.commandBody('testgrafiek'));
    await settle(() => slow.fake.responses.length > 0);
    expect(JSON.stringify(slow.fake.responses[0]!.body)).toContain('publiek');
    expect(slow.fake.callsOf('files.getUploadURLExternal')).toHaveLength(0);
  });
});
