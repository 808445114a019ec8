// Button presses, form submissions and membership events that reach the bot's one Bolt middleware, over the
// real receiver and signed requests: what the bot does not know is acknowledged at once and changes nothing;
// a member leaving a channel makes its audience be asked again.
import { randomBytes } from 'node:crypto';
import type { App } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelAudience } from '../../../src/audience/channel.js';
import { mountInteractions } from '../../../src/platforms/slack/interactions.js';
import { signedHeaders } from '../../../src/platforms/slack/signing.js';
import { openTestDb, type TestDb } from '../../support/db.js';
import { SIGNING_SECRET, startSlackHarness, type SlackHarness } from './harness.js';

const TEAM = { id: 'TFAKE0001', domain: 'ote-test' };
const USER = { id: 'U0TEAM0001', username: 'teamlid', name: 'teamlid', team_id: TEAM.id };

describe('Slack interactions the bot does not know', () => {
  let db: TestDb;
  let harness: SlackHarness;

  beforeAll(async () => {
    db = await openTestDb('pglite');
    harness = await startSlackHarness({ db });
  });
  afterAll(async () => {
    await harness.close();
    await db.dispose();
  });

  const interaction = (type: string, payload: Record<string, unknown>) =>
    harness.post(new URLSearchParams({ payload: JSON.stringify({ type, team: TEAM, user: USER, api_app_id: 'A0OTEBOT01', token: 'deprecated-verification-token', trigger_id: '1234567890.1234567890.abcdef', ...payload }) }).toString());

  it('acknowledges a press of a button it does not know, and calls nothing', async () => {
    const before = harness.fake.calls.length;
    const answer = await interaction('block_actions', {
      channel: { id: 'C0TEAM0001', name: 'team' },
      response_url: harness.fake.responseUrl(),
      actions: [{ type: 'button', action_id: 'knop-van-een-oude-versie', block_id: 'x', text: { type: 'plain_text', text: 'x' }, value: '1', action_ts: '1745312500.000200' }],
    });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('');
    expect(harness.fake.calls.length).toBe(before);
    expect(harness.commandsRun).toEqual([]);
  });

  it('acknowledges a submitted form it does not know, and calls nothing', async () => {
    const before = harness.fake.calls.length;
    const answer = await interaction('view_submission', {
      view: { id: 'V0000001', type: 'modal', callback_id: 'formulier-van-een-oude-versie', private_metadata: '', state: { values: {} }, hash: 'h', title: { type: 'plain_text', text: 'x' } },
    });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('');
    expect(harness.fake.calls.length).toBe(before);
  });

  it('acknowledges an interaction of a kind it never asked for (a shortcut), instead of leaving Slack waiting', async () => {
    const before = harness.fake.calls.length;
    const answer = await interaction('shortcut', { callback_id: 'snelkoppeling-van-een-ander' });
    // Unacknowledged, Bolt would answer 404 after its 3 seconds.
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('');
    expect(harness.fake.calls.length).toBe(before);
    expect(harness.commandsRun).toEqual([]);
  });

  it('acknowledges a slash command that is not its own at once, and runs nothing', async () => {
    const before = harness.fake.calls.length;
    const body = harness.commandBody('stats 2025').replace('command=%2Fote', 'command=%2Fandere');
    expect(body).toContain('command=%2Fandere');
    const answer = await harness.post(body);
    // Unacknowledged, Bolt would answer 404 after its 3 seconds.
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('');
    expect(harness.fake.calls.length).toBe(before);
    expect(harness.commandsRun).toEqual([]);
  });

  it('asks a channel’s members again after one left it', async () => {
    const posters = { slack: harness.slack.poster };
    harness.fake.channelMembers.set('C0LEAVING', ['U0TEAM0001', 'U0TEAM0002']);
    const asked = () => harness.fake.callsOf('conversations.members').length;
    await channelAudience(db, posters, 'slack:C0LEAVING');
    const once = asked();
    await channelAudience(db, posters, 'slack:C0LEAVING');
    expect(asked()).toBe(once);

    harness.fake.channelMembers.set('C0LEAVING', ['U0TEAM0001']);
    const body = JSON.stringify({
      token: 'x', team_id: TEAM.id, api_app_id: 'A0OTEBOT01', type: 'event_callback', event_id: `Ev${randomBytes(4).toString('hex')}`, event_time: Math.floor(Date.now() / 1000),
      event: { type: 'member_left_channel', user: 'U0TEAM0002', channel: 'C0LEAVING', channel_type: 'C', team: TEAM.id },
    });
    expect((await harness.post(body, { ...signedHeaders(SIGNING_SECRET, body), 'content-type': 'application/json' })).status).toBe(200);
    const audience = await channelAudience(db, posters, 'slack:C0LEAVING', Date.now() + 1);
    expect(asked()).toBe(once + 1);
    expect(audience.members.map((m) => m.userId)).toEqual(['U0TEAM0001']);
  });
});

describe('Slack events the bot caused itself', () => {
  const BOT = { botUserId: 'U0OTEBOT01', botId: 'B0OTEBOT01' };
  type Middleware = (args: Record<string, unknown>) => Promise<void>;

  /** The router's one middleware, with a handler for every event type that records what reached it. */
  function router(): { deliver(event: Record<string, unknown>): Promise<void>; handled: string[] } {
    let middleware: Middleware | undefined;
    const app = { use: (m: Middleware) => void (middleware = m) } as unknown as App;
    const handled: string[] = [];
    mountInteractions(app, (on) => on.event(/.*/, async ({ event }) => void handled.push(event.type)));
    return {
      handled,
      deliver: (event) => middleware!({ event, body: { type: 'event_callback', event }, context: { ...BOT }, next: async () => undefined }),
    };
  }

  it('leaves an event whose user is the bot, and a message the bot posted', async () => {
    const { deliver, handled } = router();
    await deliver({ type: 'reaction_added', user: BOT.botUserId });
    await deliver({ type: 'message', subtype: 'bot_message', bot_id: BOT.botId, text: 'eigen bericht' });
    expect(handled).toEqual([]);
  });

  it('passes on the same events of others, and the bot joining or leaving a channel', async () => {
    const { deliver, handled } = router();
    await deliver({ type: 'reaction_added', user: 'U0TEAM0001' });
    await deliver({ type: 'message', subtype: 'bot_message', bot_id: 'B0ANDERE01', text: 'ander' });
    await deliver({ type: 'member_joined_channel', user: BOT.botUserId, channel: 'C0NIEUW001' });
    await deliver({ type: 'member_left_channel', user: BOT.botUserId, channel: 'C0NIEUW001' });
    expect(handled).toEqual(['reaction_added', 'message', 'member_joined_channel', 'member_left_channel']);
  });
});
