// The rows of an export, whatever file they came from (CSV or a workbook's sheet), checked into incidents:
// headers mapped to columns by their accepted names, a separate time column joined to its date, every
// row through the same checks as the API and the chat (src/import/incident-rows.ts).
import { echoList } from '../domain/echo.js';
import type { MunicipalityIndex } from '../domain/municipalities.js';
import { translate, type MessageKey, type MessageParams } from '../i18n/index.js';
import type { IncidentInput } from '../store/incidents.js';
import { COLUMN_ALIASES, mapHeader, TIME_COLUMN, type HeaderMapping, type ImportColumn } from './incident-columns.js';
import { INCIDENT_COLUMNS, validateIncidentRow, type RawIncidentRow, type RowProblem } from './incident-rows.js';

export interface LineProblem extends RowProblem {
  /** Line number in the file (the row of a sheet); the header is line 1. */
  line: number;
}

export type ImportResult = { ok: true; incidents: IncidentInput[] } | { ok: false; problems: LineProblem[] };

export interface TableRow {
  line: number;
  cells: string[];
}

/** A header and the rows below it; rows whose cells are all empty are already left out. */
export interface IncidentTable {
  header: string[];
  rows: TableRow[];
}

const nl = (key: MessageKey, params?: MessageParams) => translate('nl', key, params);

/** A problem with the file as a whole, reported on line 1. */
export const fileProblem = (key: MessageKey, params?: MessageParams): ImportResult => ({
  ok: false,
  problems: [{ line: 1, field: '', reason: nl(key, params) }],
});

const DATE_ONLY = /^(?:\d{4}-\d{2}-\d{2}|\d{1,2}-\d{1,2}-\d{4})$/;
const TIME_OF_DAY = /^([01]?\d|2[0-3])[:.]([0-5]\d)(?::([0-5]\d))?$/;

export function readIncidentTable(
  table: IncidentTable | null,
  municipalities: MunicipalityIndex,
  now: Date,
  onRow?: (done: number, total: number) => void,
): ImportResult {
  if (!table) return fileProblem('importFile.empty', { columns: INCIDENT_COLUMNS.join(', ') });
  const mapping = mapHeader(table.header);
  if (!mapping.ok) return fileProblem('importFile.header', { parts: headerParts(mapping) });
  if (table.rows.length === 0) return fileProblem('importFile.headerOnly');
  const { columns, written } = mapping;
  const nameOf = (column: string) => written[column as ImportColumn] ?? column;

  const problems: LineProblem[] = [];
  const incidents: IncidentInput[] = [];
  const seen = new Map<string, number>();
  table.rows.forEach(({ line, cells }, index) => {
    onRow?.(index + 1, table.rows.length);
    const extra = cells.slice(columns.length).filter((c) => c.trim() !== '').length;
    if (extra > 0 || cells.length < columns.length) {
      problems.push({ line, field: '', reason: nl('importFile.columnCount', { expected: columns.length, found: cells.length }) });
      return;
    }
    const value = (column: ImportColumn) => cells[columns.indexOf(column)]?.trim() ?? '';
    const raw = Object.fromEntries(INCIDENT_COLUMNS.map((c) => [c, value(c)])) as RawIncidentRow;
    const rowProblems: RowProblem[] = [];
    const time = value(TIME_COLUMN);
    if (time !== '') {
      if (!TIME_OF_DAY.test(time)) rowProblems.push({ field: TIME_COLUMN, reason: nl('importFile.badTime', { value: time }) });
      else if (raw.occurred_at !== '' && !DATE_ONLY.test(raw.occurred_at)) {
        rowProblems.push({ field: TIME_COLUMN, reason: nl('importFile.timeTwice', { date: nameOf('occurred_at'), time: nameOf(TIME_COLUMN) }) });
      } else if (raw.occurred_at !== '') raw.occurred_at = `${raw.occurred_at} ${time.replace('.', ':')}`;
    }
    const result = validateIncidentRow(raw, municipalities, now);
    if (!result.ok) rowProblems.push(...result.problems);
    if (rowProblems.length > 0) {
      problems.push(...rowProblems.map((p) => ({ line, field: nameOf(p.field), reason: p.reason })));
      return;
    }
    if (!result.ok) return;
    const earlier = seen.get(result.incident.reference);
    if (earlier) problems.push({ line, field: nameOf('id'), reason: nl('importFile.duplicate', { line: earlier }) });
    else {
      seen.set(result.incident.reference, line);
      incidents.push(result.incident);
    }
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, incidents };
}

/** True when these header cells name the columns of an incident export. */
export const isIncidentHeader = (header: readonly string[]): boolean => mapHeader(header).ok;

function headerParts(mapping: Extract<HeaderMapping, { ok: false }>): string {
  const parts: string[] = [];
  if (mapping.missing.length > 0) {
    const named = mapping.missing.map((c) => nl('importFile.missingColumn', { column: c, aliases: COLUMN_ALIASES[c].slice(1, 4).join(', ') }));
    parts.push(nl('importFile.missing', { columns: named.join(', ') }));
  }
  if (mapping.unknown.length > 0) {
    parts.push(nl('importFile.unknown', { columns: echoList(mapping.unknown.map((h) => h || nl('importFile.emptyHeader'))) }));
  }
  for (const { column, headers } of mapping.twice) parts.push(nl('importFile.twice', { column, headers: echoList(headers) }));
  return parts.join('; ');
}
