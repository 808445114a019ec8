// Replaces the buttons of a message the bot posted (a reminder, a decision prompt) with the answer, through
// the platform's poster (Slack chat.update, Discord message edit). Best effort: the answer is recorded
// already, so a failed edit is logged, never an error for the person who answered.
import type { Logger } from '../logger.js';
import { parseChannelAddress, type PlatformName, type Poster } from '../platforms/poster.js';
import type { Reply } from '../render/reply.js';

export type Posters = Partial<Record<PlatformName, Poster>>;

export async function replaceMessage(posters: Posters | undefined, message: { channel: string; messageId: string }, reply: Reply, logger?: Logger): Promise<boolean> {
  const address = parseChannelAddress(message.channel);
  const poster = address ? posters?.[address.platform] : undefined;
  if (!address || !poster?.update) return false;
  try {
    await poster.update(address.channelId, message.messageId, reply);
    return true;
  } catch (error) {
    logger?.warn({ err: error, channel: message.channel, messageId: message.messageId }, 'answered message could not be updated');
    return false;
  }
}
