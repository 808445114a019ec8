// Posts a reply into a Discord channel (digests, reminders) with its chart attached and its buttons as
// message components (a reminder's check-in buttons; their presses reach the gateway client). Failures that retrying
// cannot fix (the channel is gone, the bot lost access) become PermanentPostError; discord.js's REST
// client waits out rate limits per route bucket and retries server errors itself.
import { DiscordAPIError, Routes, type REST } from 'discord.js';
import type { Lang } from '../../i18n/index.js';
import { PermanentPostError, type Poster, type PostResult } from '../poster.js';
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

export function createDiscordPoster(rest: REST, lang: Lang): Poster {
  return {
    platform: 'discord',
    async post(channelId, reply): Promise<PostResult> {
      const message = renderDiscordMessage({ ...reply, visibility: 'channel' }, lang);
      try {
        const posted = (await rest.post(Routes.channelMessages(channelId), {
          body: withoutFlags(message.data),
          files: message.files,
        })) as { id: string };
        return { messageId: posted.id };
      } catch (error) {
        if (error instanceof DiscordAPIError && typeof error.code === 'number' && error.code in PERMANENT_ERROR_CODES) {
          throw new PermanentPostError(`Discord ${error.code} ${PERMANENT_ERROR_CODES[error.code]} (kanaal ${channelId})`, `discord:${error.code}`);
        }
        throw error;
      }
    },
  };
}
