// Reads a police export (CSV) into validated incident rows: all rows valid, or a list of every bad one.
import { parse } from 'csv-parse/sync';
import type { MunicipalityIndex } from '../domain/municipalities.js';
import type { IncidentInput } from '../store/incidents.js';
import { INCIDENT_COLUMNS, validateIncidentRow, type RawIncidentRow, type RowProblem } from './incident-rows.js';

export interface LineProblem extends RowProblem {
  /** Line number in the file; the header is line 1. */
  line: number;
}

export type CsvResult = { ok: true; incidents: IncidentInput[] } | { ok: false; problems: LineProblem[] };

export function readIncidentCsv(
  text: string,
  municipalities: MunicipalityIndex,
  now: Date,
  onRow?: (done: number, total: number) => void,
): CsvResult {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\ufeff/, ''), { info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { ok: false, problems: [{ line, field: '', reason: `het bestand is geen geldige CSV (${(error as Error).message})` }] };
  }
  const [header, ...rows] = records;
  const headerProblem = checkHeader(header?.record ?? []);
  if (headerProblem) return { ok: false, problems: [{ line: 1, field: '', reason: headerProblem }] };
  const columns = header!.record.map((c) => c.trim().toLowerCase());

  const problems: LineProblem[] = [];
  const incidents: IncidentInput[] = [];
  const seen = new Map<string, number>();
  rows.forEach(({ record, info }, index) => {
    const line = info.lines;
    if (record.length !== columns.length) {
      problems.push({ line, field: '', reason: `verwacht ${columns.length} kolommen, gevonden ${record.length}` });
      return;
    }
    const raw = Object.fromEntries(columns.map((c, i) => [c, record[i] ?? ''])) as RawIncidentRow;
    const result = validateIncidentRow(raw, municipalities, now);
    if (!result.ok) problems.push(...result.problems.map((p) => ({ line, ...p })));
    else {
      const earlier = seen.get(result.incident.reference);
      if (earlier) problems.push({ line, field: 'id', reason: `komt al voor op regel ${earlier}` });
      else {
        seen.set(result.incident.reference, line);
        incidents.push(result.incident);
      }
    }
    onRow?.(index + 1, rows.length);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, incidents };
}

function checkHeader(header: string[]): string | null {
  const names = header.map((h) => h.trim().toLowerCase());
  const missing = INCIDENT_COLUMNS.filter((c) => !names.includes(c));
  const unknown = names.filter((n) => !(INCIDENT_COLUMNS as readonly string[]).includes(n));
  if (missing.length === 0 && unknown.length === 0) return null;
  const parts = [
    missing.length ? `ontbrekende kolommen: ${missing.join(', ')}` : '',
    unknown.length ? `onbekende kolommen: ${unknown.join(', ')}` : '',
  ].filter(Boolean);
  return `kopregel klopt niet (${parts.join('; ')}); verwacht: ${INCIDENT_COLUMNS.join(',')}`;
}
