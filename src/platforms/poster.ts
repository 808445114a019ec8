// Outbound posting, the same for every platform: the digest and reminder jobs post through a Poster.
import type { Role } from '../domain/types.js';
import type { Reply } from '../render/reply.js';
import type { PlatformName } from './index.js';

export type { PlatformName };

export interface PostResult {
  /** The platform's id of the posted message (Slack `ts`, Discord message id). */
  messageId: string;
  /** True when an earlier attempt had posted it and it was found instead of posted again. */
  found?: boolean;
}

/**
 * What makes a post findable, so that a retry after a lost answer finds it instead of posting it twice.
 * Slack carries `id` in the message metadata and looks in the channel's history from `firstAttemptAt`;
 * Discord gets a nonce derived from it and returns the existing message itself.
 */
export interface PostIdentity {
  /** Stable over every attempt of this one post: `digest-12-2025-06-10`, a reminder's key. */
  id: string;
  /** When the first attempt began; the lookup searches from here. */
  firstAttemptAt: Date;
  /** An earlier attempt (another job run, a process that died) may have posted it: look before posting. */
  lookFirst: boolean;
}

/**
 * A failure that retrying cannot fix: the channel is gone, the bot was removed, it has no access.
 * The caller pauses what was posting (a subscription) instead of retrying.
 */
export class PermanentPostError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
    this.name = 'PermanentPostError';
  }
}

/**
 * Whether the bot can post a digest into a channel: `ok`, or why not (`not-member`: Slack, invite the bot;
 * `missing-permissions`: Discord, with the permissions it lacks; `not-found`: no such channel the bot can
 * see), or `unknown` when the platform could not be asked (the check then does not block).
 */
export type ChannelAccess =
  | { kind: 'ok' }
  | { kind: 'not-member' }
  | { kind: 'missing-permissions'; missing: string[] }
  | { kind: 'not-found' }
  | { kind: 'unknown'; reason: string };

/**
 * The message was posted but its chart was not (after the poster's own tries). A later attempt finds the
 * message and looks for the chart before uploading it, so retrying the whole post is safe; `messageId` is
 * what to record when there is no later attempt.
 */
export class ChartNotPostedError extends Error {
  constructor(readonly messageId: string, cause: unknown) {
    super(`bericht geplaatst, grafiek niet: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'ChartNotPostedError';
  }
}

export interface Poster {
  readonly platform: PlatformName;
  /**
   * Posts a reply into a channel, visible to the channel, with any chart attached. With an identity, a send
   * whose answer was lost is looked for before it is retried; without one it is retried only when it
   * provably was not stored.
   */
  post(channelId: string, reply: Reply, identity?: PostIdentity): Promise<PostResult>;
  /** Replaces a message the bot posted (its text and buttons; a chart stays as it was); absent: cannot (console). */
  update?(channelId: string, messageId: string, reply: Reply): Promise<void>;
  /** Asks the platform whether the bot may post (with a chart) into the channel; absent: always can (console). */
  checkAccess?(channelId: string): Promise<ChannelAccess>;
  /** Who can read the channel (not the bot itself), for its audience (src/audience/channel.ts); absent: not known. */
  members?(channelId: string): Promise<ChannelMember[]>;
}

/** A channel member as a platform reports it: its groups (Discord roles, Slack user groups) map to a partner role, or its role is known. */
export type ChannelMember = { userId: string; groupIds: readonly string[] } | { userId: string; role: Role; municipalityCode?: string };

export { parseChannelAddress } from './registry.js';
