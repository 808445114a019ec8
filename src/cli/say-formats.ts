// Output formats of `ote say`: each platform's renderer adds one line here.
import { join } from 'node:path';
import type { App } from '../main.js';
import { renderText } from '../platforms/console/render.js';
import { chartSaver } from '../platforms/console/repl.js';
import { discordPayloadJson } from '../platforms/discord/render.js';
import { slackPayloadJson } from '../platforms/slack/render.js';
import type { Reply } from '../render/reply.js';

export type ReplyFormat = (reply: Reply, app: App) => string | Promise<string>;

export const replyFormats: Record<string, ReplyFormat> = {
  text: (reply, app) => renderText(reply, { saveChart: chartSaver(join(app.config.DATA_DIR, 'charts')) }),
  discord: (reply, app) => discordPayloadJson(reply, app.config.BOT_LANG),
  slack: (reply, app) => slackPayloadJson(reply, app.config.BOT_LANG),
};
