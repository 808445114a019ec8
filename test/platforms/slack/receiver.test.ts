// End to end over loopback: signed slash commands through our HTTP server and Bolt's HTTPReceiver.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { slackLimitProblems, type SlackBlock } from '../../../src/platforms/slack/limits.js';
import { signedHeaders } from '../../../src/platforms/slack/signing.js';
import { assignRole } from '../../../src/store/roles.js';
import { openTestDb, type TestDb } from '../../support/db.js';
import { openRaw, within } from '../../support/raw-http.js';
import { SIGNING_SECRET, startSlackHarness, type SlackHarness } from './harness.js';

describe('Slack slash commands over HTTP', () => {
  let db: TestDb;
  let slack: SlackHarness;
  beforeAll(async () => {
    db = await openTestDb('pglite');
    slack = await startSlackHarness({ db });
  });
  afterAll(async () => {
    await slack.close();
    await db.dispose();
  });
  beforeEach(async () => {
    slack.commandsRun.length = 0;
    await db.exec('DELETE FROM role_assignments');
  });

  const header = (json: Record<string, unknown> | undefined) => (json?.blocks as SlackBlock[] | undefined)?.[0];

  it('answers a signed /ote help in the ack body, ephemeral, within the limits', async () => {
    const answer = await slack.post(slack.commandBody('help'));
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ response_type: 'ephemeral' });
    expect(header(answer.json)).toMatchObject({ type: 'header', text: { text: 'OTE-bot: commando’s' } });
    expect(slackLimitProblems(answer.json as never)).toEqual([]);
    expect(slack.commandsRun).toEqual(['help']);
    // Bolt knew the bot's ids from start-up: no auth.test per request.
    expect(slack.fake.callsOf('auth.test')).toHaveLength(1);
  });

  it('shares the reply with the channel when asked (publiek)', async () => {
    const answer = await slack.post(slack.commandBody('help publiek'));
    expect(answer.json).toMatchObject({ response_type: 'in_channel' });
  });

  it('answers an unknown subcommand politely', async () => {
    const answer = await slack.post(slack.commandBody('vliegtuig'));
    expect(header(answer.json)).toMatchObject({ text: { text: '⚠️ Dat lukte niet' } });
    expect(answer.json?.text).toContain('Onbekend commando');
  });

  it('answers Slack’s URL verification handshake when signed', async () => {
    const body = JSON.stringify({ type: 'url_verification', token: 'x', challenge: 'uitdaging-123' });
    const answer = await slack.post(body, { ...signedHeaders(SIGNING_SECRET, body), 'content-type': 'application/json' });
    expect(answer.json).toEqual({ challenge: 'uitdaging-123' });
  });

  describe('refuses with 401, never reaching a command', () => {
    const now = () => Math.floor(Date.now() / 1000);

    it('unsigned', async () => {
      const body = slack.commandBody('help');
      expect((await slack.post(body, { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(401);
    });

    it('tampered', async () => {
      const body = slack.commandBody('help');
      const headers = signedHeaders(SIGNING_SECRET, body);
      expect((await slack.post(body.replace('U0PARTNER1', 'U0ADMIN001'), headers)).status).toBe(401);
    });

    it('signed with another secret', async () => {
      const body = slack.commandBody('help');
      expect((await slack.post(body, signedHeaders('not-the-secret', body))).status).toBe(401);
    });

    it('stale (more than 5 minutes old) and from the future', async () => {
      const body = slack.commandBody('help');
      expect((await slack.post(body, signedHeaders(SIGNING_SECRET, body, now() - 310))).status).toBe(401);
      expect((await slack.post(body, signedHeaders(SIGNING_SECRET, body, now() + 310))).status).toBe(401);
    });

    it('replayed', async () => {
      const body = slack.commandBody('help');
      const headers = signedHeaders(SIGNING_SECRET, body);
      expect((await slack.post(body, headers)).status).toBe(200);
      slack.commandsRun.length = 0;
      expect((await slack.post(body, headers)).status).toBe(401);
    });

    it('a GET or another path', async () => {
      expect((await fetch(slack.url)).status).toBe(404);
      expect((await fetch(slack.url.replace('/events', '/other'), { method: 'POST', body: 'a=1' })).status).toBe(404);
    });

    afterAll(() => {
      expect(slack.commandsRun).toEqual([]);
    });
  });

  it('refuses 200 unsigned and stale requests on their headers, without waiting for a 1 MiB body', async () => {
    const port = Number(new URL(slack.url).port);
    const stale = Math.floor(Date.now() / 1000) - 3_600;
    const headers = [
      'Content-Type: application/x-www-form-urlencoded',
      `X-Slack-Request-Timestamp: ${stale}\r\nX-Slack-Signature: v0=${'0'.repeat(64)}`,
    ];
    const clients = await Promise.all(Array.from({ length: 200 }, () => openRaw(port)));
    clients.forEach((client, i) => client.write(`POST /slack/events HTTP/1.1\r\nHost: x\r\n${headers[i % 2]}\r\nContent-Length: ${1024 * 1024}\r\n\r\n`));
    // Not a byte of any body is sent: an answer can only come from the headers.
    await within(10_000, Promise.all(clients.map((c) => c.closed)), '200 refusals');
    expect(clients.filter((c) => c.received().startsWith('HTTP/1.1 401')).length).toBe(200);
    expect(slack.commandsRun).toEqual([]);
  });

  describe('partner roles', () => {
    it('treats an unknown user as partner and refuses a programme-office command politely', async () => {
      const answer = await slack.post(slack.commandBody('rol', { userId: 'U0STRANGER' }));
      expect(header(answer.json)).toMatchObject({ text: { text: '⚠️ Geen toegang' } });
      expect(JSON.stringify(answer.json)).toContain('U heeft de rol partner');
    });

    it("uses the user's own role", async () => {
      await assignRole(db, { platform: 'slack', kind: 'user', id: 'U0OFFICE01' }, 'programma', null, 'test');
      const answer = await slack.post(slack.commandBody('rol', { userId: 'U0OFFICE01' }));
      expect(header(answer.json)).toMatchObject({ text: { text: 'Partnerrollen' } });
    });

    it('lets a workspace admin (role partner) subscribe the channel, and refuses a plain partner', async () => {
      await db.exec('DELETE FROM subscriptions');
      slack.fake.workspaceAdmins.add('U0WSADMIN1');
      const refused = await slack.post(slack.commandBody('abonneer', { userId: 'U0PLAINPAR', channelId: 'C0DIGEST01' }));
      expect(header(refused.json)).toMatchObject({ text: { text: '⚠️ Geen toegang' } });
      expect(JSON.stringify(refused.json)).toContain('kanaalbeheerders');
      const answer = await slack.post(slack.commandBody('abonneer 07:30', { userId: 'U0WSADMIN1', channelId: 'C0DIGEST01' }));
      expect(JSON.stringify(answer.json)).toContain('Kanaal geabonneerd');
      expect(JSON.stringify((await slack.post(slack.commandBody('help', { userId: 'U0WSADMIN1' }))).json)).toContain('/ote opzeggen');
    });

    it("uses a Slack user group's role, looked up once and cached", async () => {
      await assignRole(db, { platform: 'slack', kind: 'group', id: 'S0OFFICE01' }, 'programma', null, 'test');
      slack.fake.userGroups.set('S0OFFICE01', ['U0MEMBER01', 'U0MEMBER02']);
      for (const userId of ['U0MEMBER01', 'U0MEMBER02']) {
        const answer = await slack.post(slack.commandBody('rol', { userId }));
        expect(header(answer.json)).toMatchObject({ text: { text: 'Partnerrollen' } });
      }
      const outsider = await slack.post(slack.commandBody('rol', { userId: 'U0OUTSIDE1' }));
      expect(header(outsider.json)).toMatchObject({ text: { text: '⚠️ Geen toegang' } });
      expect(slack.fake.callsOf('usergroups.users.list')).toHaveLength(1);
    });
  });
});
