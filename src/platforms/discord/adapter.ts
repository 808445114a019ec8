// Discord as a platform: what is known without loading discord.js. Channels, users and roles are
// snowflakes; the library and the rest of this folder load only with DISCORD_TOKEN (see part.ts).
import { z } from 'zod';
import { idList, optionalText, optionalUrl } from '../../config-fields.js';
import { definePlatform, type PlatformModule } from '../adapter.js';

const settings = z.object({
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText,
  DISCORD_API_URL: optionalUrl,
  DISCORD_ADMIN_USER_IDS: idList,
});
export type DiscordSettings = z.output<typeof settings>;

export const discord = definePlatform({
  name: 'discord',
  label: 'Discord',
  channelId: /^\d{15,22}$/,
  channelMention: /^<#(\d{15,22})>$/,
  subjects: [
    // <@123>, <@!123> (nickname form), <@&456> (role); a bare snowflake is a user, &456 a role.
    { kind: 'user', source: String.raw`<@!?(\d{5,20})>` },
    { kind: 'group', source: String.raw`<@&(\d{5,20})>` },
    { kind: 'user', source: String.raw`(\d{5,20})` },
    { kind: 'group', source: String.raw`&(\d{5,20})` },
  ],
  // Rendered with no mention allowed to ping (src/platforms/discord/layout.ts).
  nativeMention: (kind, id) => (kind === 'group' ? `<@&${id}>` : `<${kind === 'user' ? '@' : '#'}${id}>`),
  config: settings,
  inboundRole: 'web',
  configured: (settings) => Boolean(settings.DISCORD_TOKEN),
  secrets: (settings) => [settings.DISCORD_TOKEN],
  load: async (): Promise<PlatformModule<DiscordSettings>> => (await import('./part.js')).discordModule,
});
