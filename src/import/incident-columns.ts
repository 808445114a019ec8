// The columns of an incident export and the headers that name them, as the bot's own format, police
// exports and Dutch Excel write them. Headers compare without case, accents and punctuation.
import { normalizeName } from '../domain/municipalities.js';
import { INCIDENT_COLUMNS, type IncidentColumn } from './incident-rows.js';

/** The time of day when the export keeps it apart from the date (`pleegtijd`). */
export const TIME_COLUMN = 'time';
export type ImportColumn = IncidentColumn | typeof TIME_COLUMN;

/** Every accepted header per column; the first is the bot's own name. Documented in the README. */
export const COLUMN_ALIASES: Readonly<Record<ImportColumn, readonly string[]>> = {
  id: ['id', 'registratienummer', 'referentie', 'ref', 'bvh-nummer', 'zaaknummer', 'incidentnummer'],
  occurred_at: ['occurred_at', 'pleegdatum', 'datum', 'pleegmoment', 'wanneer', 'datum/tijd', 'pleegdatum/tijd'],
  [TIME_COLUMN]: ['pleegtijd', 'tijd', 'tijdstip', 'pleegtijdstip'],
  municipality: ['municipality', 'gemeente', 'pleeggemeente', 'gemeentenaam', 'gemeentecode', 'cbs-code'],
  target: ['target', 'doelwit', 'doel', 'object', 'soort object'],
  outcome: ['outcome', 'resultaat', 'uitkomst', 'afloop'],
  means: ['means', 'middel', 'soort middel', 'type middel'],
  postcode4: ['postcode4', 'postcode', 'pc4', 'postcodegebied'],
};

/** Columns a file may leave out: an absent means is unknown, an absent postcode empty. */
export const OPTIONAL_COLUMNS: readonly ImportColumn[] = ['means', 'postcode4', TIME_COLUMN];

const byHeader = new Map<string, ImportColumn>(
  (Object.entries(COLUMN_ALIASES) as [ImportColumn, readonly string[]][]).flatMap(([column, names]) => names.map((n) => [normalizeName(n), column] as const)),
);

export function columnOfHeader(header: string): ImportColumn | undefined {
  return byHeader.get(normalizeName(header));
}

export const REQUIRED_COLUMNS: readonly IncidentColumn[] = INCIDENT_COLUMNS.filter((c) => !OPTIONAL_COLUMNS.includes(c));

export type HeaderMapping =
  | { ok: true; columns: (ImportColumn | undefined)[]; written: Partial<Record<ImportColumn, string>> }
  | { ok: false; missing: IncidentColumn[]; unknown: string[]; twice: { column: ImportColumn; headers: string[] }[] };

/** Maps each header cell to its column; trailing empty header cells (a trailing separator) are ignored. */
export function mapHeader(header: readonly string[]): HeaderMapping {
  const cells = [...header];
  while (cells.length > 0 && cells[cells.length - 1]!.trim() === '') cells.pop();
  const columns = cells.map((cell) => columnOfHeader(cell));
  const written: Partial<Record<ImportColumn, string>> = {};
  const headersOf = new Map<ImportColumn, string[]>();
  cells.forEach((cell, i) => {
    const column = columns[i];
    if (!column) return;
    headersOf.set(column, [...(headersOf.get(column) ?? []), cell.trim()]);
    written[column] ??= cell.trim();
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !headersOf.has(c));
  const unknown = cells.filter((_, i) => !columns[i]).map((c) => c.trim());
  const twice = [...headersOf].filter(([, headers]) => headers.length > 1).map(([column, headers]) => ({ column, headers }));
  if (missing.length > 0 || unknown.length > 0 || twice.length > 0) return { ok: false, missing, unknown, twice };
  return { ok: true, columns, written };
}
