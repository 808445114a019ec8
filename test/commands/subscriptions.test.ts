// /ote abonneer, opzeggen and abonnementen, driven through the text grammar as an adapter does.
import { REST } from 'discord.js';
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { createDiscordPoster } from '../../src/platforms/discord/poster.js';
import { createSlackPoster } from '../../src/platforms/slack/poster.js';
import { dueDigests } from '../../src/queue/schedule.js';
import { FakeDiscord, snowflake } from '../support/fake-discord.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { runCommandText } from '../../src/commands/dispatch.js';
import { claimDigestPost, markDigestFailed, markDigestPosted } from '../../src/store/digest-posts.js';
import { liveSubscriptions, pauseSubscription } from '../../src/store/subscriptions.js';
import { findAlertSubscription } from '../../src/store/alerts.js';
import { renderText } from '../../src/platforms/console/render.js';
import { renderDiscordMessage } from '../../src/platforms/discord/render.js';
import { renderSlack } from '../../src/platforms/slack/render.js';
import { translator } from '../../src/i18n/index.js';
import { openTestDb, type TestDb } from '../support/db.js';
import { actor, testRuntime } from '../support/runtime.js';

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb('pglite');
});
afterAll(() => db.dispose());
beforeEach(() => db.exec('DELETE FROM digest_posts; DELETE FROM subscriptions; DELETE FROM alert_subscriptions;'));

const say = async (text: string, channel = 'slack:C1', role: Parameters<typeof actor>[0] = 'programma') =>
  renderText(await runCommandText(text, { actor: actor(role), channel }, testRuntime(db)));

describe('subscription commands', () => {
  it('subscribes with the defaults: 08:00, the whole country, werkdagen, Dutch', async () => {
    const text = await say('/ote abonneer');
    expect(text).toContain('Kanaal geabonneerd');
    expect(text).toContain('op werkdagen om 08:00: heel Nederland, in het Nederlands');
    expect(await liveSubscriptions(db)).toMatchObject([
      { channel: 'slack:C1', postMinute: 480, municipalityCode: null, weekdays: [1, 2, 3, 4, 5], lang: 'nl', status: 'actief' },
    ]);
  });

  it('reads time, municipality, days and language in any order and changes the subscription', async () => {
    await say('/ote abonneer');
    const text = await say('/ote abonneer ma,wo,vr Den Haag 7.30 en');
    expect(text).toContain('Abonnement gewijzigd');
    expect(text).toContain('op ma, wo, vr om 07:30: \'s-Gravenhage met landelijke context, in het Engels');
    expect(await liveSubscriptions(db)).toMatchObject([{ postMinute: 450, municipalityCode: 'GM0518', weekdays: [1, 3, 5], lang: 'en' }]);
    expect(await say('/ote abonneer dagelijks 06:00')).toContain('elke dag om 06:00');
    expect(await say('/ote abonneer za-ma')).toContain('op ma, za, zo');
  });

  it('refuses a bad time or an unknown municipality and changes nothing', async () => {
    expect(await say('/ote abonneer 25:00')).toContain('‘25:00’ is geen geldige tijd');
    expect(await say('/ote abonneer Atlantis')).toContain('Atlantis');
    expect(await liveSubscriptions(db)).toEqual([]);
  });

  it('is for the programme office only', async () => {
    expect(await say('/ote abonneer', 'slack:C1', 'partner')).toContain('Geen toegang');
    expect(await say('/ote abonnementen', 'slack:C1', 'politie')).toContain('Geen toegang');
  });

  it('lets a channel admin of any role manage their own channel, and show only its subscription', async () => {
    const admin = { ...actor('partner'), channelAdmin: true };
    const as = async (text: string, channel: string) => renderText(await runCommandText(text, { actor: admin, channel }, testRuntime(db)));
    expect(await say('/ote abonneer', 'slack:C1', 'partner')).toContain('kanaalbeheerders (voor hun eigen kanaal)');
    await say('/ote abonneer', 'slack:C9');
    expect(await as('/ote abonnementen', 'slack:C1')).toContain('nog geen abonnementen');
    expect(await as('/ote abonneer 07:00', 'slack:C1')).toContain('Kanaal geabonneerd');
    const listed = await as('/ote abonnementen', 'slack:C1');
    expect(listed).toContain('#C1 (Slack)');
    expect(listed).not.toContain('C9');
    expect(await as('/ote help', 'slack:C1')).toContain('/ote opzeggen');
    expect(await say('/ote help', 'slack:C1', 'partner')).not.toContain('/ote opzeggen');
    expect(await as('/ote opzeggen', 'slack:C1')).toContain('Abonnement opgezegd');
    expect((await liveSubscriptions(db)).map((s) => s.channel)).toEqual(['slack:C9']);
  });

  it('names each listed channel as the platform shows it, never its raw id', async () => {
    await say('/ote abonneer', 'slack:C0123ABC');
    await say('/ote abonneer', 'discord:123456789012');
    const listed = await runCommandText('/ote abonnementen', { actor: actor('programma'), channel: 'slack:C1' }, testRuntime(db));
    const slackText = JSON.stringify(renderSlack(listed, { t: translator('nl') }).blocks);
    expect(slackText).toContain('<#C0123ABC>');
    expect(slackText).not.toContain('slack:C0123ABC');
    const discordText = JSON.stringify(renderDiscordMessage(listed, 'nl').data.embeds);
    expect(discordText).toContain('#C0123ABC (Slack)');
    expect(discordText).toContain('<#123456789012>');
    expect(discordText).not.toContain('discord:123456789012');
  });

  it('cancels the channel’s subscription', async () => {
    expect(await say('/ote opzeggen')).toContain('Geen abonnement');
    await say('/ote abonneer');
    expect(await say('/ote opzeggen')).toContain('Abonnement opgezegd');
    expect(await liveSubscriptions(db)).toEqual([]);
    expect(await say('/ote abonneer')).toContain('Kanaal geabonneerd');
  });

  it('lists every channel with its last digest, failures and pauses, failures first', async () => {
    expect(await say('/ote abonnementen')).toContain('nog geen abonnementen');
    await say('/ote abonneer', 'slack:C1');
    await say('/ote abonneer Rotterdam 09:00', 'discord:42');
    await say('/ote abonneer', 'slack:C9');
    const [c1, d42, c9] = await liveSubscriptions(db).then((all) => ['slack:C1', 'discord:42', 'slack:C9'].map((c) => all.find((s) => s.channel === c)!));
    await claimDigestPost(db, { subscriptionId: c1!.id, localDate: '2025-06-10' }, 'slack');
    await markDigestPosted(db, { subscriptionId: c1!.id, localDate: '2025-06-10' }, '1700000000.000100', new Date('2025-06-10T06:00:00Z'));
    await claimDigestPost(db, { subscriptionId: d42!.id, localDate: '2025-06-10' }, 'discord');
    await markDigestFailed(db, { subscriptionId: d42!.id, localDate: '2025-06-10' }, 'Discord onbereikbaar', true);
    await pauseSubscription(db, c9!.id, 'channel_not_found');

    const text = await say('/ote abonnementen', 'discord:42');
    const lines = text.split('\n');
    const at = (channel: string) => lines.findIndex((l) => l.includes(channel));
    const row = (channel: string) => lines[at(channel)] ?? '';
    expect(at('#42 (Discord)')).toBeLessThan(at('#C1 (Slack)'));
    expect(at('#C9 (Slack)')).toBeLessThan(at('#C1 (Slack)'));
    expect(row('#42 (Discord)')).toContain('fout 10-06-2025: Discord …');
    expect(text).toContain('• #42 (Discord) (10-06-2025): Discord onbereikbaar');
    expect(row('#42 (Discord)')).toContain('Rotterdam');
    expect(row('#C1 (Slack)')).toContain('10-06-2025');
    expect(row('#C9 (Slack)')).toContain('gepauzeerd: channel_not_f…');
    expect(text).toContain('• #C9 (Slack): gepauzeerd (channel_not_found)');
  });
});

describe('subscriptions at scale', () => {
  /** 60 channels: 50 healthy with last digests on different days, 5 paused, 5 with a later failure. */
  async function manyChannels() {
    const channels: string[] = [];
    for (let i = 0; i < 60; i++) {
      const channel = `slack:C${String(i).padStart(9, '0')}`;
      channels.push(channel);
      await say(i % 3 === 0 ? '/ote abonneer Rotterdam' : '/ote abonneer', channel);
    }
    const all = await liveSubscriptions(db);
    const byChannel = new Map(all.map((s) => [s.channel, s]));
    for (const [i, channel] of channels.entries()) {
      const id = byChannel.get(channel)!.id;
      // Healthy channels posted last on 1..28 June (channel 7 longest ago among them).
      const posted = `2025-06-${String((i % 28) + 1).padStart(2, '0')}`;
      await claimDigestPost(db, { subscriptionId: id, localDate: posted }, 'slack');
      await markDigestPosted(db, { subscriptionId: id, localDate: posted }, `ts-${i}`, new Date(`${posted}T06:00:00Z`));
      if (i >= 50 && i < 55) await pauseSubscription(db, id, 'not_in_channel');
      if (i >= 55) {
        await claimDigestPost(db, { subscriptionId: id, localDate: '2025-06-30' }, 'slack');
        await markDigestFailed(db, { subscriptionId: id, localDate: '2025-06-30' }, 'Slack gaf 503 na zes pogingen, verbinding verbroken', true);
      }
    }
    return channels;
  }
  const rowsOf = (text: string) => text.split('\n').filter((l) => /^#C\d{9} \(Slack\)/.test(l));

  it('puts failures and pauses on page 1, then the longest-unposted first, in pages that say so', async () => {
    const channels = await manyChannels();
    const first = await say('/ote abonnementen');
    const rows = rowsOf(first);
    expect(rows).toHaveLength(25);
    expect(first).toContain('Pagina 1 van 3, 60 abonnementen');
    const failing = channels.slice(50);
    expect(rows.slice(0, 10).map((r) => `slack:${r.slice(1, 11)}`).sort()).toEqual(failing.sort());
    // Then by last success, oldest first: 1 June was the last digest of channels 0 and 28.
    expect(rows[10]).toMatch(/^#C000000000 /);
    expect(rows[11]).toMatch(/^#C000000028 /);
    const third = rowsOf(await say('/ote abonnementen pagina 3'));
    expect(third).toHaveLength(10);
    expect(await say('/ote abonnementen pagina 4')).toContain('Er is geen pagina 4: kies 1 tot en met 3.');
  });

  it('filters on fouten, gepauzeerd, a platform or a municipality', async () => {
    await manyChannels();
    await say('/ote abonneer', 'discord:123456789012345678');
    const failing = rowsOf(await say('/ote abonnementen fouten'));
    expect(failing).toHaveLength(10);
    const paused = rowsOf(await say('/ote abonnementen gepauzeerd'));
    expect(paused).toHaveLength(5);
    for (const line of paused) expect(line).toContain('gepauzeerd: not_in_channel');
    const discord = await say('/ote abonnementen discord');
    expect(discord).toContain('#123456789012345678 (Discord)');
    expect(rowsOf(discord)).toHaveLength(0);
    const rotterdam = rowsOf(await say('/ote abonnementen Rotterdam'));
    expect(rotterdam).toHaveLength(20);
    for (const line of rotterdam) expect(line).toContain('Rotterdam');
    expect(await say('/ote abonnementen Atlantis')).toContain('Atlantis');
    expect(await say('/ote abonnementen fouten pagina 2')).toContain('Er is geen pagina 2');
  });

  it('keeps every row one short Slack line next to its channel, whose name Slack shows', async () => {
    await manyChannels();
    await say("/ote abonneer ma,wo,vr Súdwest-Fryslân 23:59", 'discord:123456789012345678');
    const listed = await runCommandText('/ote abonnementen', { actor: actor('programma'), channel: 'slack:C1' }, testRuntime(db));
    const lines = renderSlack(listed, { t: translator('nl') }).blocks.flatMap((b) => (b.type === 'section' && 'text' in b ? b.text.text.split('\n') : []));
    const rows = lines.filter((l) => /^\*(<#\w+>|#\d+ \(Discord\))\* — /.test(l));
    expect(rows).toHaveLength(25);
    for (const line of rows) expect([...line.replace(/^\*[^*]+\* — /, '')].length).toBeLessThanOrEqual(60);
  });
});

describe('subscribing', () => {
  const sayAt = async (text: string, now: string, channel = 'slack:C1') =>
    renderText(await runCommandText(text, { actor: actor('programma'), channel, now: new Date(now) }, testRuntime(db)));

  it('resumes a paused channel with its own settings unless new ones are given', async () => {
    await say('/ote abonneer 07:15 Den Haag ma,wo en');
    const [paused] = await liveSubscriptions(db);
    await pauseSubscription(db, paused!.id, 'not_in_channel');
    const text = await say('/ote abonneer');
    expect(text).toContain('Abonnement hervat');
    expect(text).toContain("op ma, wo om 07:15: 's-Gravenhage met landelijke context, in het Engels");
    expect(await liveSubscriptions(db)).toMatchObject([{ id: paused!.id, status: 'actief', postMinute: 435, municipalityCode: 'GM0518', weekdays: [1, 3], lang: 'en' }]);
    await pauseSubscription(db, paused!.id, 'not_in_channel');
    expect(await say('/ote abonneer 09:00')).toContain("op ma, wo om 09:00: 's-Gravenhage");
  });

  it('starts a new subscription with its next occurrence, not at once when its time has passed today', async () => {
    // Tuesday 10 June 2025, 10:00 in Amsterdam: 08:00 has passed, 11:00 has not.
    expect(await sayAt('/ote abonneer 08:00', '2025-06-10T08:00:00Z', 'slack:C1')).toContain('Het eerste overzicht komt op 11 juni 2025.');
    expect(await sayAt('/ote abonneer 11:00', '2025-06-10T08:00:00Z', 'slack:C2')).toContain('Het eerste overzicht komt op 10 juni 2025.');
    // Friday 13 June, 09:00 passed, werkdagen: Monday.
    expect(await sayAt('/ote abonneer 09:00', '2025-06-13T08:00:00Z', 'slack:C3')).toContain('Het eerste overzicht komt op 16 juni 2025.');
    const subs = await liveSubscriptions(db);
    const due = (now: string) => dueDigests(subs, [], new Date(now)).map((k) => subs.find((s) => s.id === k.subscriptionId)!.channel);
    expect(due('2025-06-10T08:01:00Z')).toEqual([]);
    expect(due('2025-06-10T09:00:00Z')).toEqual(['slack:C2']);
    expect(due('2025-06-11T06:00:00Z')).toEqual(['slack:C1']);
    expect(due('2025-06-16T10:00:00Z').sort()).toEqual(['slack:C1', 'slack:C2', 'slack:C3']);
  });
});

describe('whether the bot can post there', () => {
  let slack: FakeSlack;
  let discord: FakeDiscord;
  let rest: REST;
  beforeAll(async () => {
    slack = await startFakeSlack();
    discord = await FakeDiscord.start({ guild: { id: snowflake(), name: 'OTE', channels: [{ id: snowflake(), name: 'cijfers' }, { id: snowflake(), name: 'dicht' }], roles: [{ id: snowflake(), name: 'ote-bot' }] } });
    rest = new REST({ api: discord.apiUrl, retries: 0 }).setToken(discord.token);
  });
  afterAll(async () => {
    await slack.close();
    await discord.close();
  });
  beforeEach(() => slack.reset());

  const runtime = () => {
    const base = testRuntime(db);
    const client = new webApi.WebClient(slack.token, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    return { ...base, services: { posters: { slack: createSlackPoster(client, { lang: 'nl', logger: silentLogger }), discord: createDiscordPoster(rest, 'nl') } } };
  };
  const sayIn = async (channel: string) => renderText(await runCommandText('/ote abonneer', { actor: actor('programma'), channel }, runtime()));

  it('refuses a Slack channel the bot is not a member of, with the fix, and changes nothing', async () => {
    slack.channels.set('C0NOTIN01', { isMember: false });
    slack.channels.set('C0PRIVATE', { isMember: false, isPrivate: true });
    const text = await sayIn('slack:C0NOTIN01');
    expect(text).toContain('Nodig de bot uit met /invite @ote');
    expect(text).toContain('Er is niets gewijzigd');
    expect(await sayIn('slack:C0PRIVATE')).toContain('/invite @ote');
    expect(slack.callsOf('conversations.info').map((c) => c.body.channel)).toEqual(['C0NOTIN01', 'C0PRIVATE']);
    expect(await liveSubscriptions(db)).toEqual([]);
    slack.channels.set('C0NOTIN01', { isMember: true });
    expect(await sayIn('slack:C0NOTIN01')).toContain('Kanaal geabonneerd');
  });

  it('refuses alerts in a channel the bot cannot post to, with the same fix, and changes nothing', async () => {
    slack.channels.set('C0NOTIN02', { isMember: false });
    const ask = async () => renderText(await runCommandText('/ote meldingen aan', { actor: actor('programma'), channel: 'slack:C0NOTIN02' }, runtime()));
    const text = await ask();
    expect(text).toContain('Nodig de bot uit met /invite @ote');
    expect(text).toContain('/ote meldingen aan');
    expect(text).toContain('Er is niets gewijzigd');
    expect(await findAlertSubscription(db, 'slack:C0NOTIN02')).toBeUndefined();
    slack.channels.set('C0NOTIN02', { isMember: true });
    expect(await ask()).toContain('Meldingen aan');
    expect(await findAlertSubscription(db, 'slack:C0NOTIN02')).toBeDefined();
  });

  it('refuses a Discord channel where the bot may not view, send or attach files, naming what it lacks', async () => {
    const [open, closed] = discord.guild.channels;
    const botRole = discord.guild.roles[0]!.id;
    discord.botRoleIds = [botRole];
    // @everyone may not attach files; the channel denies @everyone sending, and allows it for the bot's role in `open`.
    discord.rolePermissions.set(discord.guild.id, String((1n << 10n) | (1n << 11n) | (1n << 16n)));
    discord.rolePermissions.set(botRole, String(1n << 15n));
    discord.channelOverwrites.set(closed!.id, [{ id: discord.guild.id, type: 0, allow: '0', deny: String(1n << 11n) }]);
    discord.channelOverwrites.set(open!.id, [
      { id: discord.guild.id, type: 0, allow: '0', deny: String(1n << 11n) },
      { id: botRole, type: 0, allow: String(1n << 11n), deny: '0' },
    ]);
    const refused = await sayIn(`discord:${closed!.id}`);
    expect(refused).toContain('De bot mist in dit kanaal de rechten SendMessages');
    expect(await liveSubscriptions(db)).toEqual([]);
    expect(await sayIn(`discord:${open!.id}`)).toContain('Kanaal geabonneerd');
    discord.rolePermissions.set(botRole, '0');
    discord.channelOverwrites.delete(open!.id);
    expect(await sayIn(`discord:${snowflake()}`)).toContain('kan dit kanaal niet vinden');
  });
});
