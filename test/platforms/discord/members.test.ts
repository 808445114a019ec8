// Who can read a Discord channel: guild members (paged) whose permissions there include View Channel,
// computed from @everyone, their roles and the channel's overwrites; bots left out.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDiscordRest } from '../../../src/platforms/discord/part.js';
import { discordChannelMembers } from '../../../src/platforms/discord/members.js';
import { FakeDiscord, snowflake } from '../../support/fake-discord.js';

let discord: FakeDiscord;
beforeAll(async () => {
  discord = await FakeDiscord.start();
});
afterAll(() => discord.close());

it('lists the members who may view the channel, with their roles', async () => {
  const [politie, gemeente] = discord.guild.roles.map((r) => r.id) as [string, string];
  const channel = discord.guild.channels[0]!.id;
  const viewChannel = String(1n << 10n);
  const officer = { id: snowflake(), roleIds: [politie] };
  const outsider = { id: snowflake(), roleIds: [] };
  const official = { id: snowflake(), roleIds: [gemeente] };
  discord.members.push(officer, outsider, official, { id: snowflake(), roleIds: [], bot: true });
  for (let i = 0; i < 1200; i++) discord.members.push({ id: snowflake(), roleIds: [gemeente] });
  // @everyone may not view; Politie may; one member is let in by a member overwrite.
  discord.channelOverwrites.set(channel, [
    { id: discord.guild.id, type: 0, allow: '0', deny: viewChannel },
    { id: politie, type: 0, allow: viewChannel, deny: '0' },
    { id: official.id, type: 1, allow: viewChannel, deny: '0' },
  ]);
  const members = await discordChannelMembers(createDiscordRest(discord.token, discord.apiUrl), channel);
  expect(members).toEqual([{ userId: officer.id, groupIds: [politie] }, { userId: official.id, groupIds: [gemeente] }]);
  expect(discord.requests.filter((r) => r === `GET /guilds/${discord.guild.id}/members`).length).toBe(2);
});
