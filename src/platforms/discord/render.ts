// Renders a Reply as a Discord message: embeds within Discord's limits, chart PNGs as attachments that the
// embeds show through `attachment://…`, ephemeral (flags 64) unless the reply is for the channel.
// Buttons become message components (components.ts). The same data goes into an interaction callback, a
// webhook edit and a channel message.
import { InteractionResponseType, MessageFlags, type APIEmbed } from 'discord.js';
import { translate, type Lang } from '../../i18n/index.js';
import type { Reply } from '../../render/reply.js';
import { buttonRows, type ButtonRow } from './components.js';
import { fitEmbeds } from './fit.js';
import { planMessage } from './layout.js';

export const COLORS = { normal: 0xe67e22, error: 0xc0392b } as const;

export interface DiscordAttachment {
  id: number;
  filename: string;
  description?: string;
}

/** The JSON part of a message, exactly as sent (the `payload_json` of a multipart request). */
export interface DiscordMessageData {
  content?: string;
  embeds: APIEmbed[];
  flags?: number;
  attachments: DiscordAttachment[];
  /** Rows of buttons; absent when the reply has none. */
  components?: ButtonRow[];
  allowed_mentions: { parse: never[] };
}

export interface DiscordFile {
  /** `files[n]` in the multipart request, `n` being the attachment id. */
  key: string;
  name: string;
  data: Uint8Array;
  contentType: string;
}

export interface DiscordMessage {
  data: DiscordMessageData;
  files: DiscordFile[];
}

export function renderDiscordMessage(reply: Reply, lang: Lang): DiscordMessage {
  const plan = planMessage(reply);
  const { embeds, images } = fitEmbeds(plan, {
    more: (count) => translate(lang, 'discord.more', { count }),
    color: reply.isError ? COLORS.error : COLORS.normal,
  });
  const charts = plan.charts.filter((c) => images.includes(c.fileName));
  const components = buttonRows(plan.buttons);
  const data: DiscordMessageData = {
    embeds,
    ...(reply.visibility === 'ephemeral' ? { flags: MessageFlags.Ephemeral } : {}),
    attachments: charts.map((c, id) => ({ id, filename: c.fileName, description: clipAlt(c.chart.title) })),
    ...(components.length ? { components } : {}),
    // Nothing the bot repeats from a user or the register may ping anyone.
    allowed_mentions: { parse: [] },
  };
  const files = charts.map((c, id) => ({ key: `files[${id}]`, name: c.fileName, data: c.chart.png, contentType: 'image/png' }));
  return { data, files };
}

/** The body of the interaction callback that answers a slash command with this message. */
export function callbackBody(message: DiscordMessage): { type: InteractionResponseType.ChannelMessageWithSource; data: DiscordMessageData } {
  return { type: InteractionResponseType.ChannelMessageWithSource, data: message.data };
}

/** The data for editing a deferred reply or posting to a channel: visibility is not part of an edit. */
export function withoutFlags(data: DiscordMessageData): DiscordMessageData {
  const { flags: _flags, ...rest } = data;
  return rest;
}

/** Alt text of an attachment: at most 1,024 characters. */
function clipAlt(text: string): string {
  return text.length <= 1024 ? text : `${text.slice(0, 1023)}…`;
}

/** What `ote say --format discord` prints: the interaction callback body, as `payload_json` carries it. */
export function discordPayloadJson(reply: Reply, lang: Lang): string {
  return JSON.stringify(callbackBody(renderDiscordMessage(reply, lang)), null, 2);
}
