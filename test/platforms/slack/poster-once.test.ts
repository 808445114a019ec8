// The Slack poster when an answer is lost: the fake Slack stores the post and then cuts the connection,
// answers 5xx after storing, or never answers. Before posting again the poster looks in the channel's
// history (metadata `ote_post`) and finds what it posted; a lookup that keeps failing posts nothing.
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LookupFailedError } from '../../../src/platforms/deliver.js';
import { silentLogger } from '../../../src/logger.js';
import { ChartNotPostedError, type PostIdentity, type Poster } from '../../../src/platforms/poster.js';
import { boltLogger } from '../../../src/platforms/slack/bolt-logger.js';
import { createSlackPoster, createSlackPostingClient, POST_EVENT_TYPE } from '../../../src/platforms/slack/poster.js';
import { reply, type Reply } from '../../../src/render/reply.js';
import { startFakeSlack, type FakeSlack } from '../../support/fake-slack.js';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 5, 6, 7, 8]);
const digest: Reply = reply('Dagelijks overzicht', [
  { kind: 'text', text: 'geen incidenten gemeld' },
  { kind: 'chart', chart: { title: 'Doel 2025', fileName: 'ote-overzicht-2025-06-10.png', png: PNG } },
]);
const CHANNEL = 'C0ONCE0001';

describe('Slack poster, exactly once when an answer is lost', () => {
  let fake: FakeSlack;
  let poster: Poster;
  let n = 0;
  const identity = (lookFirst = false): PostIdentity => ({ id: `digest-${++n}-2025-06-10`, firstAttemptAt: new Date(), lookFirst });
  beforeAll(async () => {
    fake = await startFakeSlack();
    // Calls time out after 300 ms, so a hanging Slack is given up on quickly.
    poster = createSlackPoster(createSlackPostingClient(fake.token, { slackApiUrl: fake.apiUrl, logger: boltLogger(silentLogger) }, 300), {
      lang: 'nl',
      logger: silentLogger,
      retryDelaysMs: [20, 20, 20],
      timeoutMs: 300,
    });
  });
  afterAll(() => fake.close());
  afterEach(() => fake.reset());

  it('carries its identity in the message metadata', async () => {
    const id = identity();
    await poster.post(CHANNEL, digest, id);
    expect(fake.messages[0]!.metadata).toEqual({ event_type: POST_EVENT_TYPE, event_payload: { post_id: id.id } });
  });

  it.each([
    ['the connection is cut after the post was stored', { drop: true }],
    ['a 500 comes after the post was stored', { status: 500, stored: true }],
    ['a 503 comes after the post was stored', { status: 503, stored: true }],
  ] as const)('finds the post instead of posting again when %s', async (_, fault) => {
    fake.failNext('chat.postMessage', fault);
    const result = await poster.post(CHANNEL, digest, identity());
    expect(fake.messages).toHaveLength(1);
    expect(result).toEqual({ messageId: fake.messages[0]!.ts, found: true });
    expect(fake.callsOf('chat.postMessage')).toHaveLength(1);
    expect(fake.callsOf('conversations.history', 200)[0]!.body).toMatchObject({ channel: CHANNEL, include_all_metadata: 'true', inclusive: 'true' });
    // The chart still follows, once.
    expect(fake.files.map((f) => f.channel)).toEqual([CHANNEL]);
  });

  it('posts again after looking when a hung request or a 503 before storing left nothing', async () => {
    fake.failNext('chat.postMessage', { hang: true });
    fake.failNext('chat.postMessage', { status: 503 });
    const result = await poster.post(CHANNEL, digest, identity());
    expect(fake.messages).toHaveLength(1);
    expect(result.found).toBeUndefined();
    expect(fake.callsOf('chat.postMessage').map((c) => c.status)).toEqual([0, 503, 200]);
    expect(fake.callsOf('conversations.history', 200)).toHaveLength(2);
  });

  it('does not look when the failure proves nothing was stored (a 429)', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    await poster.post(CHANNEL, digest, identity());
    expect(fake.messages).toHaveLength(1);
    expect(fake.callsOf('conversations.history')).toHaveLength(0);
  });

  it('looks first when an earlier attempt may have posted it, paging back through newer messages', async () => {
    const id = identity();
    const text = reply('Herinnering', [{ kind: 'text', text: 'mijlpaal' }]);
    fake.failNext('chat.postMessage', { drop: true });
    fake.failNext('conversations.history', { status: 503 }, 4);
    await expect(poster.post(CHANNEL, text, id)).rejects.toBeInstanceOf(LookupFailedError);
    for (let i = 0; i < 450; i++) await poster.post(CHANNEL, reply(`Ander bericht ${i}`, [{ kind: 'text', text: 'x' }]), identity());
    const before = fake.callsOf('conversations.history', 200).length;
    // The next job attempt looks first and finds the first post behind 450 newer ones (pages of 200).
    const again = await poster.post(CHANNEL, text, { ...id, lookFirst: true });
    expect(again).toEqual({ messageId: fake.messages[0]!.ts, found: true });
    expect(fake.callsOf('conversations.history', 200).length - before).toBe(3);
    expect(fake.messages).toHaveLength(451);
  });

  it('never posts blind when the lookup keeps failing, and says so', async () => {
    fake.failNext('chat.postMessage', { drop: true });
    fake.failNext('conversations.history', { status: 500 }, 2);
    fake.failNext('conversations.history', { hang: true });
    fake.failNext('conversations.history', { status: 503 });
    const failure = await poster.post(CHANNEL, digest, identity()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(LookupFailedError);
    expect(fake.callsOf('chat.postMessage')).toHaveLength(1);
    expect(fake.callsOf('conversations.history')).toHaveLength(4);
  });

  it('finds a chart whose upload answer was lost instead of sharing it twice', async () => {
    fake.failNext('files.completeUploadExternal', { drop: true });
    await poster.post(CHANNEL, digest, identity());
    expect(fake.files).toHaveLength(1);
    expect(fake.callsOf('files.completeUploadExternal')).toHaveLength(1);
  });

  it('hands back a chart that kept failing, and the next attempt adds it to the message it finds', async () => {
    const id = identity();
    fake.failNext('files.getUploadURLExternal', { status: 500 }, 4);
    const failure = await poster.post(CHANNEL, digest, id).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ChartNotPostedError);
    expect(failure).toMatchObject({ messageId: fake.messages[0]!.ts });
    expect(fake.files).toHaveLength(0);
    const again = await poster.post(CHANNEL, digest, { ...id, lookFirst: true });
    expect(again.found).toBe(true);
    expect(fake.messages).toHaveLength(1);
    expect(fake.files).toHaveLength(1);
  });

  it('retries a connection refused before sending without looking: nothing can have been stored', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const nowhere = createSlackPoster(createSlackPostingClient(fake.token, { slackApiUrl: `http://127.0.0.1:${port}/api/`, logger: boltLogger(silentLogger) }, 300), {
      lang: 'nl',
      logger: silentLogger,
      retryDelaysMs: [20, 20],
    });
    // Without an identity only a provably unsent post is retried; a refusal is one, so it is tried three times.
    const started = Date.now();
    await expect(nowhere.post(CHANNEL, digest)).rejects.toMatchObject({ code: 'slack_webapi_request_error' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(40);
  });
});
