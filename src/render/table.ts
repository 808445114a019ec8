import type { TableColumn } from './reply.js';

/** Columns padded to their widest cell, for monospaced output (console, Slack code blocks). */
export function alignTable(columns: readonly TableColumn[], rows: readonly string[][]): string[] {
  const hasHeader = columns.some((c) => c.header !== '');
  const all = hasHeader ? [columns.map((c) => c.header), ...rows] : rows;
  const widths = columns.map((_, i) => Math.max(0, ...all.map((row) => [...(row[i] ?? '')].length)));
  const line = (row: readonly string[]) =>
    columns
      .map((column, i) => {
        const cell = row[i] ?? '';
        const pad = ' '.repeat(widths[i]! - [...cell].length);
        return column.align === 'right' ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  const lines = all.map(line);
  if (hasHeader) lines.splice(1, 0, widths.map((w) => '─'.repeat(w)).join('  '));
  return lines;
}

export interface RowLineFormat {
  /** Marks the first cell of a row (the row's name). */
  strong(text: string): string;
  /** The header line, e.g. in italics. */
  header(text: string): string;
  /** Any cell's text as the platform shows it (escaped, with native mentions). */
  cell(text: string): string;
}

/**
 * One line per row, `first — second · third`, with a header line of the column names: for a table that a
 * code block cannot show (too wide, or holding people and channels, which render as names only outside one).
 */
export function tableRowLines(columns: readonly TableColumn[], rows: readonly string[][], format: RowLineFormat): { lines: string[]; head: number } {
  const names = columns.map((c) => c.header).filter(Boolean);
  const header = names.length > 0 ? [format.header(format.cell(names.join(' · ')))] : [];
  const lines = rows.map(([first = '', ...rest]) => {
    const tail = rest.filter(Boolean).map(format.cell).join(' · ');
    return first ? [format.strong(format.cell(first)), tail].filter(Boolean).join(' — ') : tail;
  });
  return { lines: [...header, ...lines], head: header.length };
}
