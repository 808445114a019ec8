// Posts a reply into a Discord channel (digests, reminders) with its chart attached and its buttons as
// message components (a reminder's check-in buttons; their presses reach the gateway client). A post with
// an identity carries a nonce derived from it with `enforce_nonce`, so Discord itself returns the message
// it already created for that nonce (within a few minutes) instead of posting again: resending after a
// lost answer is the lookup. discord.js's REST client waits out rate limits per route bucket and retries
// server errors and resets itself, with the same body and so the same nonce. Failures that retrying
// cannot fix (the channel is gone, the bot lost access) become PermanentPostError.
import { createHash } from 'node:crypto';
import { DiscordAPIError, HTTPError, RateLimitError, Routes, type REST } from 'discord.js';
import type { Lang } from '../../i18n/index.js';
import { deliverOnce, NOT_SENT_CODES, type SendOutcome } from '../deliver.js';
import { PermanentPostError, type ChannelAccess, type PostIdentity, type Poster, type PostResult } from '../poster.js';
import { channelPermissions, missingDigestPermissions, type PermissionOverwrite } from './permissions.js';
import { renderDiscordMessage, withoutFlags } from './render.js';

/** JSON error codes of Discord that mean: this channel will not take our messages. */
export const PERMANENT_ERROR_CODES: Readonly<Record<number, string>> = {
  10003: 'Unknown Channel',
  10004: 'Unknown Guild',
  50001: 'Missing Access',
  50007: 'Cannot send messages to this user',
  50008: 'Cannot send messages in a non-text channel',
  50013: 'Missing Permissions',
  50083: 'Operation on an archived thread',
};

/** Our own tries after discord.js's; short, so they stay well inside Discord's nonce window. */
export const DISCORD_RETRY_DELAYS_MS = [1_000, 2_000, 4_000];

/** Discord's nonce: at most 25 characters, the same for every attempt of one post. */
export function discordNonce(id: string): string {
  return createHash('sha256').update(id).digest('base64url').slice(0, 25);
}

export function discordOutcome(error: unknown): SendOutcome {
  if (error instanceof DiscordAPIError) return { kind: 'final' };
  if (error instanceof RateLimitError) return { kind: 'unsent', waitMs: error.retryAfter };
  if (error instanceof HTTPError) return error.status >= 500 ? { kind: 'ambiguous' } : { kind: 'unsent' };
  const network = (error as { code?: string; cause?: { code?: string } } | undefined)?.cause?.code ?? (error as { code?: string } | undefined)?.code;
  if (network && NOT_SENT_CODES.has(network)) return { kind: 'unsent' };
  return error instanceof Error && (network !== undefined || error.name === 'AbortError') ? { kind: 'ambiguous' } : { kind: 'final' };
}

export function createDiscordPoster(rest: REST, lang: Lang, retryDelaysMs: readonly number[] = DISCORD_RETRY_DELAYS_MS): Poster {
  return {
    platform: 'discord',
    async post(channelId, reply, identity?: PostIdentity): Promise<PostResult> {
      const message = renderDiscordMessage({ ...reply, visibility: 'channel' }, lang);
      const body = { ...withoutFlags(message.data), ...(identity ? { nonce: discordNonce(identity.id), enforce_nonce: true } : {}) };
      try {
        const { result } = await deliverOnce({
          send: async () => ((await rest.post(Routes.channelMessages(channelId), { body, files: message.files })) as { id: string }).id,
          // Discord answers a resend with the same nonce with the message it already holds.
          find: async () => undefined,
          outcome: (error) => {
            const outcome = discordOutcome(error);
            return !identity && outcome.kind === 'ambiguous' ? { kind: 'final' } : outcome;
          },
          lookFirst: false,
          delaysMs: retryDelaysMs,
        });
        return { messageId: result };
      } catch (error) {
        if (error instanceof DiscordAPIError && typeof error.code === 'number' && error.code in PERMANENT_ERROR_CODES) {
          throw new PermanentPostError(`Discord ${error.code} ${PERMANENT_ERROR_CODES[error.code]} (kanaal ${channelId})`, `discord:${error.code}`);
        }
        throw error;
      }
    },
    async update(channelId, messageId, reply) {
      // Without charts: an edit keeps the message's attachments unless it lists others.
      const message = renderDiscordMessage({ ...reply, visibility: 'channel', blocks: reply.blocks.filter((b) => b.kind !== 'chart') }, lang);
      const { attachments: _attachments, ...data } = withoutFlags(message.data);
      await rest.patch(Routes.channelMessage(channelId, messageId), { body: { ...data, components: data.components ?? [] } });
    },
    checkAccess: (channelId) => discordChannelAccess(rest, channelId),
  };
}

/** Reads the channel, the guild's roles and the bot's member record, and computes the bot's permissions. */
export async function discordChannelAccess(rest: REST, channelId: string): Promise<ChannelAccess> {
  try {
    const channel = (await rest.get(Routes.channel(channelId))) as { guild_id?: string; permission_overwrites?: PermissionOverwrite[] };
    // A direct message channel has no roles: the bot may post there.
    if (!channel.guild_id) return { kind: 'ok' };
    const me = (await rest.get(Routes.user('@me'))) as { id: string };
    const [roles, member] = (await Promise.all([rest.get(Routes.guildRoles(channel.guild_id)), rest.get(Routes.guildMember(channel.guild_id, me.id))])) as [
      { id: string; permissions: string }[],
      { roles: string[] },
    ];
    const permissions = channelPermissions({
      guildId: channel.guild_id,
      userId: me.id,
      memberRoleIds: member.roles,
      roles,
      overwrites: channel.permission_overwrites ?? [],
    });
    const missing = missingDigestPermissions(permissions);
    return missing.length === 0 ? { kind: 'ok' } : { kind: 'missing-permissions', missing };
  } catch (error) {
    if (error instanceof DiscordAPIError && error.code === 10003) return { kind: 'not-found' };
    // Missing Access: the bot cannot even see the channel.
    if (error instanceof DiscordAPIError && error.code === 50001) return { kind: 'missing-permissions', missing: ['ViewChannel'] };
    return { kind: 'unknown', reason: error instanceof Error ? error.message : String(error) };
  }
}
