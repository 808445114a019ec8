// Renders a Reply as plain text for the console and `ote say --format text`.
import { plainMentions } from '../../render/mention.js';
import type { Block, Chart, Reply } from '../../render/reply.js';
import { sparkline } from '../../render/sparkline.js';
import { alignTable } from '../../render/table.js';

export interface TextRenderOptions {
  /** Saves a chart and returns where it went; without it, the chart's title is shown. */
  saveChart?: (chart: Chart) => string;
}

export function renderText(reply: Reply, options: TextRenderOptions = {}): string {
  const title = reply.isError ? `⚠ ${reply.title}` : reply.title;
  const lines = [title, '═'.repeat([...title].length)];
  for (const block of reply.blocks) lines.push(...renderBlock(block, options), '');
  while (lines.at(-1) === '') lines.pop();
  // People and channels as readable ids: a terminal renders no platform mention.
  return plainMentions(lines.join('\n'));
}

function renderBlock(block: Block, options: TextRenderOptions): string[] {
  switch (block.kind) {
    case 'text':
      return [stripMarkup(block.text)];
    case 'facts': {
      const width = Math.max(...block.facts.map((f) => [...f.label].length));
      return block.facts.map((f) => `${f.label.padEnd(width)}  ${stripMarkup(f.value)}`);
    }
    case 'table':
      return [...(block.title ? [block.title] : []), ...alignTable(block.columns, block.rows)];
    case 'sparkline':
      return [`${block.label}  ${sparkline(block.values)}`];
    case 'context':
      return [`ℹ ${stripMarkup(block.text)}`];
    case 'buttons':
      return [block.buttons.map((b) => `[${b.label}]`).join(' ')];
    case 'chart':
      return [options.saveChart ? `📈 ${block.chart.title}: ${options.saveChart(block.chart)}` : `📈 ${block.chart.title}`];
  }
}

/** The catalogue uses Slack-style `*bold*` and backticks sparingly; the console shows plain text. */
function stripMarkup(text: string): string {
  return text.replace(/\*([^*\n]+)\*/g, '$1').replace(/`([^`\n]+)`/g, '$1');
}
