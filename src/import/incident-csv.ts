// Reads a police export saved as CSV: `,` or `;` (as Dutch Excel saves it), found from the header line or
// given; UTF-8 with or without byte-order mark, or Windows-1252 (Excel's "CSV (gescheiden door
// lijstscheidingsteken)"); LF or CRLF.
import { parse } from 'csv-parse/sync';
import type { MunicipalityIndex } from '../domain/municipalities.js';
import { fileProblem, isIncidentHeader, readIncidentTable, type ImportResult, type IncidentTable } from './incident-table.js';

export type { LineProblem } from './incident-table.js';
export type CsvResult = ImportResult;

export const SEPARATORS = { ',': ',', ';': ';', tab: '\t' } as const;
export type Separator = (typeof SEPARATORS)[keyof typeof SEPARATORS];
const CANDIDATES: readonly Separator[] = [',', ';', '\t'];
const shown = (separator: Separator) => (separator === '\t' ? 'tab' : separator);

/** Bytes as text: UTF-8 when they are valid UTF-8, otherwise Windows-1252. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\ufeff/, '');
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

export function readIncidentCsv(
  text: string,
  municipalities: MunicipalityIndex,
  now: Date,
  onRow?: (done: number, total: number) => void,
  separator?: Separator,
): CsvResult {
  const content = text.replace(/^\ufeff/, '');
  const chosen = separator ?? detectSeparator(content);
  const parsed = parseTable(content, chosen);
  if (!parsed.ok) return parsed.result;
  if (parsed.table && !isIncidentHeader(parsed.table.header)) {
    const better = CANDIDATES.find((other) => {
      if (other === chosen) return false;
      const header = parseTable(firstLine(content), other);
      return header.ok && header.table !== null && isIncidentHeader(header.table.header);
    });
    if (better) return fileProblem('importFile.separator', { found: shown(better), given: shown(chosen) });
  }
  return readIncidentTable(parsed.table, municipalities, now, onRow);
}

/** The candidate that occurs most often outside quotes in the first non-empty line; `,` on a tie. */
export function detectSeparator(text: string): Separator {
  const line = firstLine(text);
  const counts = new Map<Separator, number>(CANDIDATES.map((c) => [c, 0]));
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char as Separator)) counts.set(char as Separator, counts.get(char as Separator)! + 1);
  }
  return CANDIDATES.reduce((best, c) => (counts.get(c)! > counts.get(best)! ? c : best), ',' as Separator);
}

function firstLine(text: string): string {
  return text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
}

type Parsed = { ok: true; table: IncidentTable | null } | { ok: false; result: ImportResult };

function parseTable(text: string, delimiter: Separator): Parsed {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (error) {
    const code = (error as { code?: string }).code;
    const key = code === 'CSV_QUOTE_NOT_CLOSED' ? 'importFile.csvQuoteNotClosed' : code === 'CSV_INVALID_CLOSING_QUOTE' ? 'importFile.csvClosingQuote' : 'importFile.csvUnreadable';
    const result = fileProblem(key);
    if (!result.ok) result.problems[0]!.line = (error as { lines?: number }).lines ?? 1;
    return { ok: false, result };
  }
  const [header, ...rows] = records;
  if (!header) return { ok: true, table: null };
  return { ok: true, table: { header: header.record, rows: rows.map(({ record, info }) => ({ line: info.lines, cells: record })) } };
}
