// Lays a Reply's blocks out over embeds in reading order, before any limit is applied (see fit.ts).
// Discord shows an embed's description above its fields, so text after a facts block starts a new
// embed; context notes gather in the last footer; each chart becomes an embed image.
import { hasMention, nativeMentions, plainMentions } from '../../render/mention.js';
import { discord } from './adapter.js';
import type { Block, Button, Chart, Reply } from '../../render/reply.js';
import { sparkline } from '../../render/sparkline.js';
import { alignTable, tableRowLines } from '../../render/table.js';
import type { Lines } from './limits.js';

export interface FieldPlan {
  name: string;
  value: Lines;
}

export interface EmbedPlan {
  title?: string;
  /** Parts of the description, joined by blank lines. */
  description: Lines[];
  fields: FieldPlan[];
  /** File name of an attached chart. */
  image?: string;
}

export interface MessagePlan {
  embeds: EmbedPlan[];
  footer?: Lines;
  charts: { chart: Chart; fileName: string }[];
  /** The buttons blocks, in order: message components under the embeds (components.ts). */
  buttons: Button[][];
}

export function planMessage(reply: Reply): MessagePlan {
  const embeds: EmbedPlan[] = [{ title: plainMentions(reply.title), description: [], fields: [] }];
  const notes: string[] = [];
  const charts: MessagePlan['charts'] = [];
  const buttons: Button[][] = [];
  const current = () => embeds.at(-1)!;
  const textPart = (part: Lines) => {
    if (current().fields.length > 0 || current().image) embeds.push({ description: [], fields: [] });
    current().description.push(part);
  };

  for (const block of reply.blocks) {
    switch (block.kind) {
      case 'text':
        textPart({ lines: discordMarkdown(block.text).split('\n') });
        break;
      case 'table':
        textPart(tableLines(block));
        break;
      case 'sparkline':
        textPart({ lines: [`${block.label}  ${sparkline(block.values)}`] });
        break;
      case 'facts':
        if (current().image) embeds.push({ description: [], fields: [] });
        current().fields.push(...block.facts.map((f) => ({ name: plainMentions(f.label), value: { lines: discordMarkdown(f.value).split('\n') } })));
        break;
      case 'context':
        notes.push(...plainText(block.text).split('\n'));
        break;
      case 'chart': {
        const fileName = uniqueFileName(block.chart.fileName, charts.map((c) => c.fileName));
        charts.push({ chart: block.chart, fileName });
        if (current().image) embeds.push({ title: block.chart.title, description: [], fields: [] });
        current().image = fileName;
        break;
      }
      case 'buttons':
        // Components always sit under the last embed, whatever the block's place in the reply.
        buttons.push(block.buttons);
        break;
    }
  }
  return { embeds, charts, buttons, ...(notes.length ? { footer: { lines: notes } } : {}) };
}

/** Wider code blocks scroll sideways in an embed (and wrap badly on phones). */
const MAX_CODE_WIDTH = 60;

function tableLines(block: Extract<Block, { kind: 'table' }>): Lines {
  const hasHeader = block.columns.some((c) => c.header !== '');
  const heading = block.title ? { heading: `**${block.title}**` } : {};
  // A code block shows a mention as its id: a table with people or channels is listed instead.
  if (!block.rows.some((row) => row.some(hasMention))) {
    const aligned = alignTable(block.columns, block.rows);
    if (Math.max(0, ...aligned.map((line) => [...line].length)) <= MAX_CODE_WIDTH) {
      return { lines: aligned, keepHead: hasHeader ? 2 : 0, fenced: true, ...heading };
    }
  }
  // One line per row, the first cell in bold.
  const { lines, head } = tableRowLines(block.columns, block.rows, { strong: (text) => `**${text}**`, header: (text) => `*${text}*`, cell: (text) => nativeMentions(text, discord) });
  return { lines, keepHead: head, ...heading };
}

/** Embed footers show no markdown (and no mentions): plain text only. */
export function plainText(text: string): string {
  return plainMentions(text)
    .replace(/<(https?:\/\/[^|>\s]+)\|([^>]+)>/g, '$2')
    .replace(/\*\*?([^*\n]+)\*\*?/g, '$1')
    .replace(/`([^`\n]+)`/g, '$1');
}

/**
 * The catalogue writes Slack-style `*bold*` and `<url|text>`; Discord wants `**bold**` and `[text](url)`.
 * Mentions become `<@id>` / `<#id>`, which Discord shows as names; `allowed_mentions` keeps them from pinging.
 */
export function discordMarkdown(text: string): string {
  return nativeMentions(text, discord)
    .replace(/(^|[^*\w])\*([^*\n]+)\*(?![*\w])/g, '$1**$2**')
    .replace(/<(https?:\/\/[^|>\s]+)\|([^>]+)>/g, '[$2]($1)')
    .replace(/<(https?:\/\/[^>\s]+)>/g, '$1');
}

/** A file name Discord accepts in `attachment://…`, unique within the message. */
export function uniqueFileName(wanted: string, taken: readonly string[]): string {
  const safe = wanted.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '') || 'grafiek.png';
  const withExt = /\.png$/i.test(safe) ? safe : `${safe}.png`;
  let name = withExt;
  for (let i = 2; taken.includes(name); i++) name = withExt.replace(/(\.png)$/i, `-${i}$1`);
  return name;
}
