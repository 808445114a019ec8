// Renders the neutral Reply as Block Kit. Owns Slack's limits: long text is split over sections, tables
// become aligned monospace text split over sections, and whatever still does not fit in 50 blocks is cut
// with a visible "… en N meer". The result always passes slackLimitProblems().
import { translator, type Lang, type Translate } from '../../i18n/index.js';
import { hasMention, nativeMentions, plainMentions } from '../../render/mention.js';
import { slack } from './adapter.js';
import type { Block, Chart, Reply } from '../../render/reply.js';
import { sparkline } from '../../render/sparkline.js';
import { alignTable, tableRowLines } from '../../render/table.js';
import { SLACK_LIMITS, type SlackBlock, type SlackMessage } from './limits.js';

export interface SlackRenderOptions {
  t: Translate;
  /** What a chart block shows as text; by default that charts appear with shared replies only. */
  chartNote?: (chart: Chart) => string;
}

/** Room kept free in a cut section for the "… en N meer" note. */
const NOTE_ROOM = 80;
/** A single table cell longer than this is cut, so one odd value cannot blow up every row's width. */
const MAX_CELL = 200;
const FALLBACK_LENGTH = 500;

/** Slack's three control characters; everything else, including *bold* and `code`, stays as written. */
export function escapeMrkdwn(text: string): string {
  if (!CONTROL.test(text)) return text;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
const CONTROL = /[&<>]/;

/**
 * Escaped mrkdwn with the reply's mentions as Slack mentions (`<@U…>`, `<#C…>`), which render as names.
 * Slack cannot mention without notifying: in a message the channel sees, a user group stays a readable
 * id, so that a list of roles never pings a whole group.
 */
function mrkdwn(text: string, shared: boolean): string {
  return nativeMentions(escapeMrkdwn(text), slack, shared ? ['group'] : []);
}

/** The first `length` units of `text`, never splitting a surrogate pair or an `&amp;` entity. */
function safeSlice(text: string, length: number): string {
  let end = Math.max(0, length);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  const head = text.slice(0, end);
  return head.replace(/&[a-z]{0,3}$/, '');
}

/** Cuts `text` to at most `max` units, ending in a visible note of how much is left out. */
export function cutText(text: string, max: number, t: Translate, unit = ''): string {
  if (text.length <= max) return text;
  const note = (count: number) => ` ${t('slack.more', { count })}${unit}`;
  const kept = safeSlice(text, max - note(text.length).length);
  return kept + note(text.length - kept.length);
}

/** Splits text into pieces of at most `max` units, preferring line breaks, then spaces. */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = safeSlice(rest, max);
    const line = window.lastIndexOf('\n');
    const space = window.lastIndexOf(' ');
    const end = line > max / 2 ? line : space > max / 2 ? space : window.length;
    pieces.push(rest.slice(0, end));
    rest = rest.slice(end).replace(/^[\n ]/, '');
  }
  if (rest.trim() !== '' || pieces.length === 0) pieces.push(rest);
  return pieces;
}

const section = (text: string): SlackBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (text: string): SlackBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });
const nonEmpty = (text: string) => (text.trim() === '' ? '–' : text);

interface TablePart {
  kind: 'table';
  title?: string;
  head: string[];
  chunks: string[][];
  /** How many chunks survive the block budget. */
  keep: number;
}
type Part = { kind: 'fixed'; blocks: SlackBlock[] } | TablePart;

function tablePart(block: Extract<Block, { kind: 'table' }>): TablePart {
  const rows = block.rows.map((row) => row.map((cell) => (cell.length > MAX_CELL ? `${safeSlice(cell, MAX_CELL - 1)}…` : cell)));
  const lines = alignTable(block.columns, rows).map(escapeMrkdwn);
  const hasHeader = block.columns.some((c) => c.header !== '');
  const head = hasHeader ? lines.slice(0, 2) : [];
  const body = hasHeader ? lines.slice(2) : lines;
  const title = block.title ? `*${escapeMrkdwn(block.title)}*\n` : '';
  const fence = '```\n\n```'.length;
  const rest = SLACK_LIMITS.sectionText - NOTE_ROOM - fence - head.reduce((n, l) => n + l.length + 1, 0);
  const room = (first: boolean) => (first ? rest - title.length : rest);
  const chunks: string[][] = [];
  let current: string[] = [];
  let used = 0;
  for (const line of body) {
    const fitted = line.length > room(chunks.length === 0) ? safeSlice(line, room(chunks.length === 0) - 1) : line;
    if (current.length > 0 && used + fitted.length + 1 > room(chunks.length === 0)) {
      chunks.push(current);
      current = [];
      used = 0;
    }
    current.push(fitted);
    used += fitted.length + 1;
  }
  chunks.push(current);
  return { kind: 'table', ...(title ? { title } : {}), head, chunks, keep: chunks.length };
}

function tableBlocks(part: TablePart, t: Translate): SlackBlock[] {
  const kept = part.chunks.slice(0, part.keep);
  const dropped = part.chunks.slice(part.keep).reduce((n, c) => n + c.length, 0);
  return kept.map((rows, i) => {
    const code = `\`\`\`\n${[...part.head, ...rows].join('\n')}\n\`\`\``;
    const note = dropped > 0 && i === kept.length - 1 ? `\n_${t('slack.more', { count: dropped })}_` : '';
    return section(`${i === 0 ? (part.title ?? '') : ''}${code}${note}`);
  });
}

function renderBlock(block: Block, options: SlackRenderOptions, shared: boolean): Part {
  const { t } = options;
  const fixed = (blocks: SlackBlock[]): Part => ({ kind: 'fixed', blocks });
  switch (block.kind) {
    case 'text':
      return fixed(splitText(nonEmpty(mrkdwn(block.text, shared)), SLACK_LIMITS.sectionText).map(section));
    case 'facts': {
      const fields = block.facts.map((f) => ({
        type: 'mrkdwn' as const,
        text: cutText(`*${escapeMrkdwn(plainMentions(f.label))}*\n${nonEmpty(mrkdwn(f.value, shared))}`, SLACK_LIMITS.fieldText, t),
      }));
      const blocks: SlackBlock[] = [];
      for (let i = 0; i < fields.length; i += SLACK_LIMITS.fields) blocks.push({ type: 'section', fields: fields.slice(i, i + SLACK_LIMITS.fields) });
      return fixed(blocks);
    }
    case 'table': {
      // A code block shows a mention as its id: a table with people or channels is listed instead.
      if (!block.rows.some((row) => row.some(hasMention))) return tablePart(block);
      const { lines } = tableRowLines(block.columns, block.rows, { strong: (text) => `*${text}*`, header: (text) => `*${text}*`, cell: (text) => mrkdwn(text, shared) });
      const title = block.title ? `*${escapeMrkdwn(block.title)}*\n` : '';
      return fixed(splitText(`${title}${lines.join('\n')}`, SLACK_LIMITS.sectionText).map(section));
    }
    case 'sparkline':
      return fixed([section(cutText(`*${escapeMrkdwn(block.label)}*  \`${sparkline(block.values)}\``, SLACK_LIMITS.sectionText, t))]);
    case 'context':
      return fixed(splitText(nonEmpty(mrkdwn(block.text, shared)), SLACK_LIMITS.contextText).map(context));
    case 'buttons': {
      const seen = new Set<string>();
      const buttons = block.buttons.filter((b) => !seen.has(b.actionId) && seen.add(b.actionId)).slice(0, SLACK_LIMITS.actionsElements);
      if (buttons.length === 0) return fixed([]);
      return fixed([
        {
          type: 'actions',
          elements: buttons.map((b) => ({
            type: 'button' as const,
            text: { type: 'plain_text' as const, text: cutLabel(b.label, SLACK_LIMITS.buttonText), emoji: true as const },
            action_id: b.actionId.slice(0, SLACK_LIMITS.actionId),
            value: b.value.slice(0, SLACK_LIMITS.buttonValue),
            ...(b.style ? { style: b.style } : {}),
          })),
        },
      ]);
    }
    case 'chart': {
      const note = options.chartNote?.(block.chart) ?? t('slack.chartChannelOnly', { title: block.chart.title });
      return fixed([context(cutText(escapeMrkdwn(note), SLACK_LIMITS.contextText, t))]);
    }
  }
}

function cutLabel(text: string, max: number): string {
  const clean = nonEmpty(text);
  return clean.length <= max ? clean : `${safeSlice(clean, max - 1)}…`;
}

export function renderSlack(reply: Reply, options: SlackRenderOptions): SlackMessage {
  const { t } = options;
  const title = plainMentions(reply.isError ? `⚠️ ${reply.title}` : reply.title);
  const header: SlackBlock = { type: 'header', text: { type: 'plain_text', text: cutLabel(title, SLACK_LIMITS.headerText), emoji: true } };
  const shared = reply.visibility === 'channel';
  const parts = reply.blocks.map((b) => renderBlock(b, options, shared));

  const count = () => 1 + parts.reduce((n, p) => n + (p.kind === 'fixed' ? p.blocks.length : p.keep), 0);
  // Shrink the longest table first, one section at a time, down to one section each.
  for (let total = count(); total > SLACK_LIMITS.blocks; total--) {
    const longest = parts.filter((p): p is TablePart => p.kind === 'table' && p.keep > 1).sort((a, b) => b.keep - a.keep)[0];
    if (!longest) break;
    longest.keep -= 1;
  }
  let blocks = [header, ...parts.flatMap((p) => (p.kind === 'fixed' ? p.blocks : tableBlocks(p, t)))];
  if (blocks.length > SLACK_LIMITS.blocks) {
    // Still too many (many short blocks): keep the start and the closing context (e.g. the demo notice).
    const last = blocks.at(-1)!;
    const keepLast = last.type === 'context' ? [last] : [];
    const head = blocks.slice(0, SLACK_LIMITS.blocks - 1 - keepLast.length);
    const dropped = blocks.length - head.length - keepLast.length;
    blocks = [...head, context(t('slack.more', { count: dropped })), ...keepLast];
  }

  const firstText = reply.blocks.find((b) => b.kind === 'text');
  const fallback = firstText?.kind === 'text' ? `${title}\n${plainMentions(firstText.text)}` : title;
  return { text: cutText(escapeMrkdwn(fallback), FALLBACK_LENGTH, t), blocks };
}

/** What Slack receives for a slash command (the ack body or a response_url post). */
export interface SlashCommandPayload extends SlackMessage {
  response_type: 'ephemeral' | 'in_channel';
}

export function slashCommandPayload(reply: Reply, options: SlackRenderOptions): SlashCommandPayload {
  const message = renderSlack(reply, options);
  return { response_type: reply.visibility === 'channel' ? 'in_channel' : 'ephemeral', ...message };
}

/** `ote say --format slack`: the JSON body Slack would receive for this reply. */
export function slackPayloadJson(reply: Reply, lang: Lang): string {
  return JSON.stringify(slashCommandPayload(reply, { t: translator(lang) }), null, 2);
}
