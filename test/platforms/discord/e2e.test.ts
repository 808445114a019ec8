// End to end: the real discord.js client on the fake Discord's gateway, slash commands and autocomplete
// delivered as INTERACTION_CREATE, and the callbacks the bot sends back recorded and checked.
import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand, type CommandRuntime } from '../../../src/commands/dispatch.js';
import { buildCommands } from '../../../src/platforms/discord/definitions.js';
import { createDiscordPart } from '../../../src/platforms/discord/part.js';
import type { Part } from '../../../src/lifecycle.js';
import { registerCommands } from '../../../src/platforms/discord/register.js';
import { discordPayloadJson } from '../../../src/platforms/discord/render.js';
import type { Db } from '../../../src/store/db.js';
import { assignRole } from '../../../src/store/roles.js';
import { openTestDb, type TestDb } from '../../support/db.js';
import { FakeDiscord, MEMBER_PERMISSIONS, snowflake } from '../../support/fake-discord.js';
import { testRuntime } from '../../support/runtime.js';

const NOW = new Date('2025-06-30T12:00:00+02:00');

/** The real test database, with latency or a failure switched on for the slow and broken cases. */
function adjustable(db: Db, behaviour: { delayMs: number; broken: boolean }): Db {
  const wrap = (inner: Db): Db => ({
    ...inner,
    async query(sql, params) {
      if (behaviour.broken) throw new Error('database unreachable');
      if (behaviour.delayMs) await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
      return inner.query(sql, params);
    },
    transaction: (fn) => inner.transaction((tx) => fn(wrap(tx))),
  });
  return wrap(db);
}

describe('Discord end to end', () => {
  let db: TestDb;
  let discord: FakeDiscord;
  let part: Part;
  const announced: string[] = [];
  let runtime: CommandRuntime;
  const behaviour = { delayMs: 0, broken: false };
  let politieRole: string;
  let adminId: string;

  beforeAll(async () => {
    db = await openTestDb('pglite');
    discord = await FakeDiscord.start({ heartbeatIntervalMs: 1000 });
    politieRole = discord.guild.roles[0]!.id;
    adminId = snowflake();
    await assignRole(db, { platform: 'discord', kind: 'group', id: politieRole }, 'politie', null, 'test');
    const rest = new REST({ api: discord.apiUrl }).setToken(discord.token);
    await registerCommands({ rest, applicationId: discord.applicationId, guildId: discord.guild.id, commands: buildCommands() });
    runtime = { ...testRuntime(db), db: adjustable(db, behaviour) };
    part = createDiscordPart({
      token: discord.token,
      apiUrl: discord.apiUrl,
      adminUserIds: [adminId],
      runtime,
      inbound: true,
      announce: (line) => announced.push(line),
      deferAfterMs: 400,
      now: () => NOW,
    }).part!;
    await part.start();
  });

  afterAll(async () => {
    await part?.stop();
    await discord?.close();
    await db?.dispose();
  });

  it('connects through the gateway address of the configured API, with the Guilds intent only', () => {
    expect(discord.requests).toContain('GET /gateway/bot');
    expect(discord.gateway.record.connections).toEqual(['v=10&encoding=json']);
    expect(discord.gateway.record.identifies).toEqual([{ intents: 1, shard: [0, 1], compress: false }]);
    expect(announced).toEqual(['Discord: verbonden als ote-bot']);
  });

  it('answers a slash command ephemerally with exactly the payload `ote say --format discord` prints', async () => {
    const id = discord.sendCommand('stats', { gemeente: 'GM0599', periode: '2024' }, { roleIds: [politieRole] });
    const [response, ...rest] = await discord.waitForResponses(id, 1);
    expect(rest).toEqual([]);
    expect(response!.kind).toBe('callback');
    expect(response!.body.type).toBe(4);
    expect(response!.body.data.flags).toBe(64);
    expect(response!.body.data.embeds[0].title).toContain('Rotterdam');
    const actor = { platform: 'discord' as const, userId: 'x', role: 'politie' as const };
    const expected = await runCommand('stats', { gemeente: 'GM0599', periode: '2024' }, { actor, channel: 'discord:x', now: NOW }, runtime);
    expect(response!.body).toEqual(JSON.parse(discordPayloadJson(expected, 'nl')));
  });

  it('shares the reply with the channel when `publiek` is set, and answers in English with `lang`', async () => {
    const id = discord.sendCommand('help', { publiek: true, lang: 'en' });
    const [response] = await discord.waitForResponses(id, 1);
    expect(response!.body.data.flags).toBeUndefined();
    expect(response!.body.data.embeds[0].title).toBe('OTE bot: commands');
  });

  it('suggests municipalities while typing: accents, case and common names, at most 25', async () => {
    const started = performance.now();
    const ask = async (typed: string) => {
      const id = discord.sendAutocomplete('gemeente', 'naam', typed);
      const [response] = await discord.waitForResponses(id, 1);
      expect(response!.body.type).toBe(8);
      return response!.body.data.choices as { name: string; value: string }[];
    };
    expect((await ask('den haag'))[0]).toEqual({ name: "'s-Gravenhage", value: 'GM0518' });
    expect((await ask('DEN BOSCH'))[0]).toEqual({ name: "'s-Hertogenbosch", value: 'GM0796' });
    expect((await ask('sudwest fryslan'))[0]!.name).toBe('Súdwest-Fryslân');
    expect(await ask('')).toHaveLength(25);
    expect(await ask('zzzzzzzzzzzzzzzzzz')).toEqual([]);
    expect((performance.now() - started) / 5).toBeLessThan(500);
  });

  it('refuses a command the member’s role may not run, politely and only to them', async () => {
    const id = discord.sendCommand('rol lijst', {}, { roleIds: [politieRole] });
    const [response] = await discord.waitForResponses(id, 1);
    expect(response!.body.data.flags).toBe(64);
    expect(response!.body.data.embeds[0]).toMatchObject({ title: 'Geen toegang', color: 0xc0392b });
    expect(response!.body.data.embeds[0].description).toContain('Politie');

    const admin = discord.sendCommand('rol lijst', {}, { userId: adminId });
    const [allowed] = await discord.waitForResponses(admin, 1);
    expect(allowed!.body.data.embeds[0].title).not.toBe('Geen toegang');
  });

  it('runs an action sent as a subcommand of its group, with the action’s own options', async () => {
    const assign = discord.sendCommand('rol toewijzen', { wie: `<@&${politieRole}>`, rol: 'politie' }, { userId: adminId });
    const [assigned] = await discord.waitForResponses(assign, 1);
    expect(assigned!.body.data.embeds[0].title).toBe('Rol toegewezen');
    expect(assigned!.body.data.embeds[0].description).toContain(politieRole);
    const revoke = discord.sendCommand('rol intrekken', { wie: `<@&${politieRole}>` }, { roleIds: [politieRole] });
    const [refused] = await discord.waitForResponses(revoke, 1);
    expect(refused!.body.data.embeds[0]).toMatchObject({ title: 'Geen toegang' });
  });

  it('lets a member who may manage the channel (role partner) subscribe it and list only its own subscription', async () => {
    const ask = async (subcommand: string, input: Parameters<FakeDiscord['sendCommand']>[2]) => {
      const [response] = await discord.waitForResponses(discord.sendCommand(subcommand, {}, input), 1);
      return response!.body.data.embeds[0] as { title: string; description?: string; fields?: unknown[] };
    };
    const here = discord.guild.channels[0]!.id;
    const elsewhere = snowflake();
    const manager = { userId: snowflake(), channelId: here, permissions: MEMBER_PERMISSIONS.manageChannels };

    const plain = await ask('abonneer', { channelId: here });
    expect(plain.title).toBe('Geen toegang');
    expect(plain.description).toContain('U heeft de rol partner');
    expect(plain.description).toContain('kanaalbeheerders');

    expect((await ask('abonneer', { channelId: elsewhere, permissions: MEMBER_PERMISSIONS.administrator })).title).toBe('Kanaal geabonneerd');
    expect((await ask('abonneer', manager)).title).toBe('Kanaal geabonneerd');
    const listed = JSON.stringify(await ask('abonnementen', manager));
    expect(listed).toContain(`<#${here}>`);
    expect(listed).not.toContain(elsewhere);
    expect((await ask('opzeggen', manager)).title).toBe('Abonnement opgezegd');
  });

  it('defers a slow command (ephemeral) and then edits the deferred reply', async () => {
    behaviour.delayMs = 300;
    try {
      const id = discord.sendCommand('top', { periode: '2024', aantal: 5 }, { roleIds: [politieRole] });
      const [deferral, edit] = await discord.waitForResponses(id, 2);
      expect(deferral!.body).toEqual({ type: 5, data: { flags: 64 } });
      expect(edit!.kind).toBe('edit');
      expect(edit!.body.flags).toBeUndefined();
      expect(edit!.body.embeds[0].title).toContain('5');
    } finally {
      behaviour.delayMs = 0;
    }
  });

  it('after a public deferral, a refusal replaces the thinking message with an ephemeral follow-up', async () => {
    behaviour.delayMs = 800;
    try {
      const id = discord.sendCommand('gemeente', { naam: 'Atlantis', publiek: true });
      const responses = await discord.waitForResponses(id, 3);
      expect(responses.map((r) => r.kind)).toEqual(['callback', 'delete', 'followup']);
      expect(responses[0]!.body).toEqual({ type: 5 });
      expect(responses[2]!.body.flags).toBe(64);
      expect(responses[2]!.body.embeds[0].description).toContain('Atlantis');
    } finally {
      behaviour.delayMs = 0;
    }
  });

  it('turns a failure into a polite ephemeral reply with an error code', async () => {
    behaviour.broken = true;
    try {
      const id = discord.sendCommand('help', {});
      const [response] = await discord.waitForResponses(id, 1);
      expect(response!.body.data.flags).toBe(64);
      expect(response!.body.data.embeds[0].description).toMatch(/Er ging iets mis aan onze kant.*foutcode [0-9a-f]{8}/);
    } finally {
      behaviour.broken = false;
    }
  });

  it('asks for a server when used in a direct message', async () => {
    const id = discord.sendCommand('help', {}, { dm: true });
    const [response] = await discord.waitForResponses(id, 1);
    expect(response!.body.data.embeds[0].description).toContain('in een server');
  });

  it('keeps the gateway session alive with heartbeats, and resumes it after a dropped connection', async () => {
    await expect.poll(() => discord.gateway.record.heartbeats, { timeout: 3000 }).toBeGreaterThan(0);
    discord.gateway.dropConnections();
    const id = discord.sendCommand('help', {});
    const [response] = await discord.waitForResponses(id, 1, 10_000);
    expect(response!.body.type).toBe(4);
    expect(discord.gateway.record.resumes).toBeGreaterThan(0);
  });
});
