// Output formats of `ote say`: each platform's renderer adds one line here, loaded only when asked for
// (the Discord renderer brings discord.js, which a text answer does not need).
import { join } from 'node:path';
import type { App } from '../main.js';
import { renderText } from '../platforms/console/render.js';
import { chartSaver } from '../platforms/console/repl.js';
import type { Reply } from '../render/reply.js';

export type ReplyFormat = (reply: Reply, app: App) => string | Promise<string>;

export const replyFormats: Record<string, ReplyFormat> = {
  text: (reply, app) => renderText(reply, { saveChart: chartSaver(join(app.config.DATA_DIR, 'charts')) }),
  discord: async (reply, app) => (await import('../platforms/discord/render.js')).discordPayloadJson(reply, app.config.BOT_LANG),
  slack: async (reply, app) => (await import('../platforms/slack/render.js')).slackPayloadJson(reply, app.config.BOT_LANG),
};
