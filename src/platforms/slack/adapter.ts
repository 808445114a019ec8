// Slack as a platform: what is known without loading Bolt. Channels `C…`/`G…`, users `U…`/`W…`, user
// groups `S…`; the library and the rest of this folder load only with SLACK_BOT_TOKEN (see part.ts).
import { z } from 'zod';
import { idList, optionalText, optionalUrl } from '../../config-fields.js';
import { definePlatform, type PlatformModule } from '../adapter.js';

const settings = z.object({
  SLACK_BOT_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_API_URL: optionalUrl,
  SLACK_ADMIN_USER_IDS: idList,
});
export type SlackSettings = z.output<typeof settings>;

export const slack = definePlatform({
  name: 'slack',
  label: 'Slack',
  channelId: /^[CG][A-Z0-9]{6,}$/,
  channelMention: /^<#([CG][A-Z0-9]{6,})(?:\|[^>]*)?>$/,
  subjects: [
    // Slack escapes mentions in slash-command text as <@U123|name> and <!subteam^S123|@handle>.
    { kind: 'user', source: String.raw`<@([UW][A-Z0-9]{2,})(?:\|[^>\s]*)?>` },
    { kind: 'group', source: String.raw`<!subteam\^(S[A-Z0-9]{2,})(?:\|[^>\s]*)?>` },
    // A bare id needs a digit, so a word such as `UTRECHT` stays a word.
    { kind: 'user', source: String.raw`([UW](?=[A-Z0-9]*\d)[A-Z0-9]{6,})` },
    { kind: 'group', source: String.raw`(S(?=[A-Z0-9]*\d)[A-Z0-9]{6,})` },
  ],
  nativeMention: (kind, id) => (kind === 'group' ? `<!subteam^${id}>` : `<${kind === 'user' ? '@' : '#'}${id}>`),
  config: settings,
  inboundRole: 'web',
  configured: (settings) => Boolean(settings.SLACK_BOT_TOKEN),
  secrets: (settings) => [settings.SLACK_BOT_TOKEN, settings.SLACK_SIGNING_SECRET, settings.SLACK_APP_TOKEN],
  load: async (): Promise<PlatformModule<SlackSettings>> => (await import('./part.js')).slackModule,
});
