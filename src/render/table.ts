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
