// Outbound posting, the same for every platform: the digest and reminder jobs post through a Poster.
import type { Reply } from '../render/reply.js';

export type PlatformName = 'slack' | 'discord' | 'console';

export interface PostResult {
  /** The platform's id of the posted message (Slack `ts`, Discord message id). */
  messageId: string;
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

export interface Poster {
  readonly platform: PlatformName;
  /** Posts a reply into a channel, visible to the channel, with any chart attached. */
  post(channelId: string, reply: Reply): Promise<PostResult>;
}

/** `slack:C0123` → { platform: 'slack', channelId: 'C0123' }. */
export function parseChannelAddress(address: string): { platform: PlatformName; channelId: string } | undefined {
  const match = /^(slack|discord|console):(\S+)$/.exec(address);
  return match ? { platform: match[1] as PlatformName, channelId: match[2]! } : undefined;
}
