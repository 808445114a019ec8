// Whether the bot can post into the channel a command came from, asked of its platform before a command
// stores anything that will post there (a digest subscription, alerts): what cannot be posted would only
// fail later. A platform that cannot be asked does not block.
import type { CommandContext } from '../../commands/types.js';
import { parseChannelAddress, type ChannelAccess } from '../platforms/poster.js';
import { errorReply, type Reply } from '../render/reply.js';

/**
 * A refusal with the fix and the command to type again, when the bot cannot post there; otherwise, when
 * the platform could not be asked, a note saying so for the reply.
 */
export async function checkChannelAccess(ctx: CommandContext, command: string): Promise<{ refusal: Reply } | { note?: string }> {
  const address = parseChannelAddress(ctx.channel);
  const access: ChannelAccess = (address && (await ctx.services.posters?.[address.platform]?.checkAccess?.(address.channelId))) || { kind: 'ok' };
  const title = ctx.t('abonneer.cannotPostTitle');
  switch (access.kind) {
    case 'not-member':
      return { refusal: errorReply(title, ctx.t('abonneer.notMember', { command })) };
    case 'not-found':
      return { refusal: errorReply(title, ctx.t('abonneer.notFound', { command })) };
    case 'missing-permissions':
      return { refusal: errorReply(title, ctx.t('abonneer.missingPermissions', { missing: access.missing.join(', '), command })) };
    case 'unknown':
      return { note: ctx.t('abonneer.accessUnknown', { reason: access.reason.slice(0, 80) }) };
    case 'ok':
      return {};
  }
}
