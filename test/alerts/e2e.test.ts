// From `POST /api/v1/incidents` to an alert on the fake Slack and the fake Discord, through the real
// composition root (web and worker in one process, single-process queue): the channels' audiences come
// from the platforms' member lists and the members' roles, the first answers of Slack and Discord are lost
// after they stored the post (found, not posted twice), a correction edits both alerts, and a partner joining the
// Slack channel (member_joined_channel) stops its alerts at once.
import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { createApp, type App } from '../../src/main.js';
import { signedHeaders } from '../../src/platforms/slack/signing.js';
import { subscribeAlerts } from '../../src/store/alerts.js';
import { openPostgres } from '../../src/store/db.js';
import { assignRole } from '../../src/store/roles.js';
import { createToken } from '../../src/store/tokens.js';
import { waitFor } from '../queue/support.js';
import { TEST_DATABASE_URL } from '../support/db.js';
import { FakeDiscord, snowflake } from '../support/fake-discord.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';

const SIGNING_SECRET = 'alert-signing-secret';
const schema = `test_alerts_${randomBytes(5).toString('hex')}`;
let slack: FakeSlack;
let discord: FakeDiscord;
let app: App;
let base = '';
let token = '';

const localMinute = (minutesAgo: number) => DateTime.now().setZone('Europe/Amsterdam').minus({ minutes: minutesAgo }).toFormat("yyyy-MM-dd'T'HH:mm");

async function ingest(incidents: Record<string, unknown>[]): Promise<number> {
  const response = await fetch(`${base}/api/v1/incidents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ incidents }),
  });
  await response.text();
  return response.status;
}

async function slackEvent(event: Record<string, unknown>): Promise<number> {
  const body = JSON.stringify({ token: 'x', team_id: 'TFAKE0001', api_app_id: 'AFAKE', type: 'event_callback', event_id: `Ev${randomBytes(4).toString('hex')}`, event_time: Math.floor(Date.now() / 1000), event });
  const response = await fetch(`${base}/slack/events`, { method: 'POST', headers: { ...signedHeaders(SIGNING_SECRET, body), 'content-type': 'application/json' }, body });
  await response.text();
  return response.status;
}

beforeAll(async () => {
  [slack, discord] = await Promise.all([startFakeSlack(), FakeDiscord.start({ heartbeatIntervalMs: 1000 })]);
  const databaseUrl = `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const setup = await openPostgres(TEST_DATABASE_URL, schema);
  await setup.close();
  const config = loadConfig({
    PORT: '0', DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn',
    SLACK_BOT_TOKEN: slack.token, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl,
    DISCORD_TOKEN: discord.token, DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_API_URL: discord.apiUrl,
  });
  app = await createApp(config, { roles: ['web', 'worker'], logger: silentLogger });
  await app.start();
  const address = app.http!.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  // Slack: one police officer in CALERT. Discord: one member with the Politie role, who may view the channel.
  slack.channelMembers.set('CALERT', ['UPOL0001']);
  await assignRole(app.db, { platform: 'slack', kind: 'user', id: 'UPOL0001' }, 'politie', null, 'test');
  const politie = discord.guild.roles[0]!.id;
  discord.members.push({ id: snowflake(), roleIds: [politie] });
  await assignRole(app.db, { platform: 'discord', kind: 'group', id: politie }, 'politie', null, 'test');
  for (const channel of ['slack:CALERT', `discord:${discord.guild.channels[0]!.id}`]) {
    await subscribeAlerts(app.db, { channel, municipalityCode: null, lang: 'nl', createdBy: 'test' });
  }
  token = (await createToken(app.db, 'Politie', { actor: 'cli:test', role: null, platform: 'cli' })).secret;
}, 90_000);

afterAll(async () => {
  await app?.stop();
  await Promise.all([slack?.close(), discord?.close()]);
  const cleanup = await openPostgres(TEST_DATABASE_URL);
  await cleanup.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await cleanup.close();
});

const alertsIn = () => slack.messages.filter((m) => m.channel === 'CALERT');
const posted = async () => (await app.db.query<{ n: number }>("SELECT count(*)::int AS n FROM alert_posts WHERE status = 'geplaatst'"))[0]!.n;

it('posts one alert to Slack and one to Discord within a minute of the API storing an incident, even when both platforms’ answers are lost', async () => {
  slack.failNext('chat.postMessage', { drop: true });
  discord.failNextPost({ drop: true });
  const started = Date.now();
  expect(await ingest([{ id: 'E2E-1', occurred_at: localMinute(60), municipality: 'Rotterdam', target: 'woning', outcome: 'explosie', means: 'vuurwerk', postcode4: '3067' }])).toBe(201);
  await waitFor(async () => (await posted()) === 2, 'both alerts to be recorded as posted', 60_000);
  expect(Date.now() - started).toBeLessThan(60_000);
  expect(slack.dropped).toBe(1);
  expect(alertsIn()).toHaveLength(1);
  expect(JSON.stringify(alertsIn()[0]!.blocks)).toContain('E2E-1');
  expect(alertsIn()[0]!.metadata?.event_payload?.post_id).toMatch(/^melding-\d+-E2E-1$/);
  // Discord's resend with the same nonce was answered with the message it had stored.
  expect(discord.channelMessages).toHaveLength(1);
  expect(discord.nonceHits).toBe(1);
  expect(JSON.stringify(discord.channelMessages[0]!.body)).toContain('3067');
});

it('edits both alerts after a correction through the API', async () => {
  expect(await ingest([{ id: 'E2E-1', occurred_at: localMinute(60), municipality: 'Rotterdam', target: 'woning', outcome: 'poging', means: 'vuurwerk', postcode4: '3067' }])).toBe(200);
  await waitFor(() => slack.updates.length === 1 && discord.messageEdits.length === 1, 'the alerts to be edited', 30_000);
  expect(slack.updates[0]!.ts).toBe(alertsIn()[0]!.ts);
  expect(JSON.stringify(slack.updates[0]!.blocks)).toContain('Gecorrigeerd (versie 2)');
  expect(discord.messageEdits[0]!.id).toBe(discord.channelMessages[0]!.id);
  expect(alertsIn()).toHaveLength(1);
});

it('stops alerting a Slack channel as soon as a partner joins it', async () => {
  slack.channelMembers.set('CALERT', ['UPOL0001', 'UPARTNER1']);
  expect(await slackEvent({ type: 'member_joined_channel', user: 'UPARTNER1', channel: 'CALERT', channel_type: 'C', team: 'TFAKE0001' })).toBe(200);
  expect(await ingest([{ id: 'E2E-2', occurred_at: localMinute(20), municipality: 'Rotterdam', target: 'bedrijf', outcome: 'explosie', means: 'explosief', postcode4: '3067' }])).toBe(201);
  await waitFor(() => discord.channelMessages.length === 2, 'the Discord alert of the second incident', 30_000);
  expect(JSON.stringify(discord.channelMessages[1]!.body)).toContain('2e aanslag in postcodegebied 3067');
  // The Slack channel's audience is a partner now: its fan-out has run (Discord's alert is out), nothing came.
  expect(alertsIn()).toHaveLength(1);
  expect(JSON.stringify(slack.messages)).not.toContain('E2E-2');
}, 60_000);
