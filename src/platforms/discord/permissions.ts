// What the bot may do in a Discord channel, computed the way Discord does: the guild's @everyone role and
// the member's roles, Administrator grants everything, then the channel's overwrites for @everyone, for the
// member's roles together, and for the member. Pure: the caller fetches channel, roles and member.
import { PermissionFlagsBits } from 'discord.js';

export interface PermissionOverwrite {
  id: string;
  /** 0 = role, 1 = member. */
  type: 0 | 1;
  allow: string;
  deny: string;
}

/** What a digest needs: to see the channel, send into it and attach the chart. */
export const DIGEST_PERMISSIONS = {
  ViewChannel: PermissionFlagsBits.ViewChannel,
  SendMessages: PermissionFlagsBits.SendMessages,
  AttachFiles: PermissionFlagsBits.AttachFiles,
  // A post retried minutes after its first attempt is looked for in the channel's messages.
  ReadMessageHistory: PermissionFlagsBits.ReadMessageHistory,
} as const;

export function channelPermissions(input: {
  guildId: string;
  userId: string;
  memberRoleIds: readonly string[];
  /** Every role of the guild with its permissions (the @everyone role has the guild's id). */
  roles: readonly { id: string; permissions: string }[];
  overwrites: readonly PermissionOverwrite[];
}): bigint {
  const byId = new Map(input.roles.map((r) => [r.id, BigInt(r.permissions)]));
  let permissions = byId.get(input.guildId) ?? 0n;
  for (const id of input.memberRoleIds) permissions |= byId.get(id) ?? 0n;
  if ((permissions & PermissionFlagsBits.Administrator) !== 0n) return ~0n;
  const apply = (overwrite: { allow: bigint; deny: bigint } | undefined) => {
    if (overwrite) permissions = (permissions & ~overwrite.deny) | overwrite.allow;
  };
  const parse = (o: PermissionOverwrite) => ({ allow: BigInt(o.allow), deny: BigInt(o.deny) });
  const everyone = input.overwrites.find((o) => o.type === 0 && o.id === input.guildId);
  apply(everyone && parse(everyone));
  const roleOverwrites = input.overwrites.filter((o) => o.type === 0 && o.id !== input.guildId && input.memberRoleIds.includes(o.id)).map(parse);
  apply(roleOverwrites.reduce((sum, o) => ({ allow: sum.allow | o.allow, deny: sum.deny | o.deny }), { allow: 0n, deny: 0n }));
  const member = input.overwrites.find((o) => o.type === 1 && o.id === input.userId);
  apply(member && parse(member));
  return permissions;
}

/** The names of the digest permissions that `permissions` lacks, in a fixed order. */
export function missingDigestPermissions(permissions: bigint): string[] {
  return Object.entries(DIGEST_PERMISSIONS).filter(([, bit]) => (permissions & bit) === 0n).map(([name]) => name);
}
