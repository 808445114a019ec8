import type { TableColumn } from './reply.js';

/** Characters as `[...text].length` counts them (code points), without making the array. */
function codePoints(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const code = text.charCodeAt(i);
    if (code < 0xd800 || code > 0xdbff) continue;
    const next = text.charCodeAt(i + 1);
    if (next >= 0xdc00 && next <= 0xdfff) {
      n -= 1;
      i += 1;
    }
  }
  return n;
}

/** Columns padded to their widest cell, for monospaced output (console, Slack code blocks). */
export function alignTable(columns: readonly TableColumn[], rows: readonly string[][]): string[] {
  const hasHeader = columns.some((c) => c.header !== '');
  const all = hasHeader ? [columns.map((c) => c.header), ...rows] : rows;
  const lengths = all.map((row) => columns.map((_, i) => codePoints(row[i] ?? '')));
  const widths = columns.map(() => 0);
  for (const row of lengths) for (let i = 0; i < row.length; i++) if (row[i]! > widths[i]!) widths[i] = row[i]!;
  const lines = all.map((row, r) => {
    let line = '';
    for (let i = 0; i < columns.length; i++) {
      const cell = row[i] ?? '';
      const pad = ' '.repeat(widths[i]! - lengths[r]![i]!);
      line += (i > 0 ? '  ' : '') + (columns[i]!.align === 'right' ? pad + cell : cell + pad);
    }
    return line.trimEnd();
  });
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
