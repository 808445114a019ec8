// Who can read a Discord channel: the guild's members (GET /guilds/:id/members, paged by `after`; needs the
// Server Members intent switched on for the application) whose permissions there include ViewChannel,
// computed as Discord does (permissions.ts), bots left out; each with its role ids, which map to partner
// roles. A change of the channel's overwrites or of a role makes the audience be asked again; member
// joins and role changes of members arrive only with the privileged GuildMembers intent, which the
// gateway does not ask for, so those are seen within the audience's time to live.
import { Events, PermissionFlagsBits, Routes, type Client, type REST } from 'discord.js';
import { forgetAudience, forgetPlatformAudiences } from '../../audience/channel.js';
import type { ChannelMember, Poster } from '../poster.js';
import { channelPermissions, type PermissionOverwrite } from './permissions.js';

const PAGE = 1000;
const MAX_PAGES = 20;

interface GuildMember {
  user: { id: string; bot?: boolean };
  roles: string[];
}

export async function discordChannelMembers(rest: REST, channelId: string): Promise<ChannelMember[]> {
  const channel = (await rest.get(Routes.channel(channelId))) as { guild_id?: string; permission_overwrites?: PermissionOverwrite[] };
  const guildId = channel.guild_id;
  if (!guildId) return [];
  const roles = (await rest.get(Routes.guildRoles(guildId))) as { id: string; permissions: string }[];
  const members: GuildMember[] = [];
  let after = '0';
  let complete = false;
  for (let page = 0; page < MAX_PAGES; page++) {
    const batch = (await rest.get(Routes.guildMembers(guildId), { query: new URLSearchParams({ limit: String(PAGE), after }) })) as GuildMember[];
    members.push(...batch);
    if (batch.length < PAGE) {
      complete = true;
      break;
    }
    after = batch[batch.length - 1]!.user.id;
  }
  const readers = members
    .filter((m) => !m.user.bot)
    .filter((m) => {
      const permissions = channelPermissions({ guildId, userId: m.user.id, memberRoleIds: m.roles, roles, overwrites: channel.permission_overwrites ?? [] });
      return (permissions & PermissionFlagsBits.ViewChannel) !== 0n;
    })
    .map((m): ChannelMember => ({ userId: m.user.id, groupIds: m.roles }));
  // More members than we read: one of them may be a partner.
  return complete ? readers : [...readers, { userId: 'ongelezen', role: 'partner' }];
}

export function withDiscordMembers(poster: Poster, rest: REST): Poster {
  return { ...poster, members: (channelId) => discordChannelMembers(rest, channelId) };
}

export function watchMembership(client: Client): void {
  client.on(Events.ChannelUpdate, (_before, after) => forgetAudience(`discord:${after.id}`));
  client.on(Events.GuildRoleUpdate, () => forgetPlatformAudiences('discord'));
  client.on(Events.GuildMemberUpdate, () => forgetPlatformAudiences('discord'));
  client.on(Events.GuildMemberAdd, () => forgetPlatformAudiences('discord'));
  client.on(Events.GuildMemberRemove, () => forgetPlatformAudiences('discord'));
}
