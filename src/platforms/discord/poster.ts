// Posts a reply into a Discord channel (digests, reminders) with its chart attached and its buttons as
// message components (a reminder's check-in buttons; their presses reach the gateway client). A post with
// an identity carries a nonce derived from it with `enforce_nonce`, so Discord itself returns the message
// it already created for that nonce (within a few minutes) instead of posting again: resending after a
// lost answer is the lookup. A later attempt (a job retried minutes on) looks in the channel first. discord.js's REST client waits out rate limits per route bucket and retries
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
/** Discord checks a nonce against the last few minutes only; an attempt later than this looks for the message. */
export const NONCE_TRUST_MS = 2 * 60_000;
/** Our clock and Discord's may differ: the channel is searched from this long before the first attempt. */
const CLOCK_SKEW_MS = 60_000;
const LOOKUP_PAGE = 100;
const LOOKUP_PAGES = 10;
const DISCORD_EPOCH_MS = 1_420_070_400_000n;

export interface DiscordPosterOptions {
  /** How long Discord's nonce is relied on (default NONCE_TRUST_MS). */
  nonceTrustMs?: number;
}

/** The smallest snowflake of a moment: `after` it lists what was posted from then on. */
export function snowflakeAt(at: Date): string {
  return ((BigInt(Math.max(0, at.getTime())) - DISCORD_EPOCH_MS) << 22n).toString();
}

interface ListedMessage {
  id: string;
  author?: { id?: string };
  embeds?: { title?: string }[];
  content?: string;
}

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

export function createDiscordPoster(rest: REST, lang: Lang, retryDelaysMs: readonly number[] = DISCORD_RETRY_DELAYS_MS, options: DiscordPosterOptions = {}): Poster {
  const nonceTrustMs = options.nonceTrustMs ?? NONCE_TRUST_MS;
  let botId: Promise<string> | undefined;
  const me = () => (botId ??= (rest.get(Routes.user('@me')) as Promise<{ id: string }>).then((user) => user.id).catch((error: unknown) => {
    botId = undefined;
    throw error;
  }));

  /**
   * The bot's message with this title posted since the first attempt. Discord lists no nonces, so the title
   * (a digest's date and area, a reminder's milestone) stands for the post: one channel gets one of each.
   */
  async function findPosted(channelId: string, since: Date, title: string | undefined, content: string | undefined): Promise<string | undefined> {
    const author = await me();
    let after = snowflakeAt(new Date(since.getTime() - CLOCK_SKEW_MS));
    for (let page = 0; page < LOOKUP_PAGES; page++) {
      const listed = (await rest.get(Routes.channelMessages(channelId), { query: new URLSearchParams({ after, limit: String(LOOKUP_PAGE) }) })) as ListedMessage[];
      const hit = listed.find((m) => m.author?.id === author && m.embeds?.[0]?.title === title && (m.content ?? '') === (content ?? ''));
      if (hit) return hit.id;
      if (listed.length < LOOKUP_PAGE) return undefined;
      after = listed.reduce((max, m) => (BigInt(m.id) > BigInt(max) ? m.id : max), after);
    }
    throw new Error(`meer dan ${LOOKUP_PAGE * LOOKUP_PAGES} berichten in ${channelId} sinds de eerste poging`);
  }

  return {
    platform: 'discord',
    async post(channelId, reply, identity?: PostIdentity): Promise<PostResult> {
      const message = renderDiscordMessage({ ...reply, visibility: 'channel' }, lang);
      const body = { ...withoutFlags(message.data), ...(identity ? { nonce: discordNonce(identity.id), enforce_nonce: true } : {}) };
      // Within Discord's nonce window a resend is the lookup: Discord answers it with the message it holds.
      const outsideNonceWindow = () => identity !== undefined && Date.now() - identity.firstAttemptAt.getTime() > nonceTrustMs;
      try {
        const { result, found } = await deliverOnce({
          send: async () => ((await rest.post(Routes.channelMessages(channelId), { body, files: message.files })) as { id: string }).id,
          find: async () => (outsideNonceWindow() ? findPosted(channelId, identity!.firstAttemptAt, body.embeds?.[0]?.title, body.content) : undefined),
          outcome: (error) => {
            const outcome = discordOutcome(error);
            return !identity && outcome.kind === 'ambiguous' ? { kind: 'final' } : outcome;
          },
          lookFirst: identity?.lookFirst ?? false,
          delaysMs: retryDelaysMs,
        });
        return { messageId: result, ...(found ? { found } : {}) };
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
    checkAccess: (channelId) => discordChannelAccess(rest, channelId, me),
  };
}

/** Reads the channel, the guild's roles and the bot's member record, and computes the bot's permissions. */
async function discordChannelAccess(rest: REST, channelId: string, botId: () => Promise<string>): Promise<ChannelAccess> {
  try {
    const channel = (await rest.get(Routes.channel(channelId))) as { guild_id?: string; permission_overwrites?: PermissionOverwrite[] };
    // A direct message channel has no roles: the bot may post there.
    if (!channel.guild_id) return { kind: 'ok' };
    const userId = await botId();
    const [roles, member] = (await Promise.all([rest.get(Routes.guildRoles(channel.guild_id)), rest.get(Routes.guildMember(channel.guild_id, userId))])) as [
      { id: string; permissions: string }[],
      { roles: string[] },
    ];
    const permissions = channelPermissions({
      guildId: channel.guild_id,
      userId,
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
