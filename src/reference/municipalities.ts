// Reads the CBS municipality list of 2025 that ships with the bot.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { z } from 'zod';
import type { FormerMunicipality, Municipality } from '../domain/types.js';

export const MUNICIPALITIES_CSV = new URL('../../reference/gemeenten-2025.csv', import.meta.url);
export const MUNICIPALITY_COUNT = 342;
export const FORMER_MUNICIPALITIES_CSV = new URL('../../reference/gemeenten-opgeheven-2022-2023.csv', import.meta.url);

// Required on the first list read, not on import (the commands that name municipalities import this module):
// csv-parse's one-file CommonJS build.
type CsvParse = typeof import('csv-parse/sync');
let csvParse: CsvParse | undefined;
const csv = (): CsvParse => (csvParse ??= createRequire(import.meta.url)('csv-parse/sync') as CsvParse);

const PROVINCES = [
  'Groningen', 'Friesland', 'Drenthe', 'Overijssel', 'Flevoland', 'Gelderland',
  'Utrecht', 'Noord-Holland', 'Zuid-Holland', 'Zeeland', 'Noord-Brabant', 'Limburg',
] as const;

const Row = z.object({
  code: z.string().regex(/^GM\d{4}$/, 'code must be GM followed by four digits'),
  naam: z.string().min(1),
  provincie: z.enum(PROVINCES),
});

/** Parses and validates the CSV text (`code,naam,provincie`); throws with the offending line. */
export function parseMunicipalitiesCsv(text: string, expectedCount = MUNICIPALITY_COUNT): Municipality[] {
  const records: unknown[] = csv().parse(text, { columns: true, bom: true, skip_empty_lines: true, trim: true });
  const codes = new Set<string>();
  const names = new Set<string>();
  const list = records.map((record, i) => {
    const line = i + 2; // header is line 1
    const row = Row.safeParse(record);
    if (!row.success) {
      throw new Error(`municipalities CSV line ${line}: ${row.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    }
    const { code, naam, provincie } = row.data;
    if (codes.has(code)) throw new Error(`municipalities CSV line ${line}: duplicate code ${code}`);
    if (names.has(naam)) throw new Error(`municipalities CSV line ${line}: duplicate name ${naam}`);
    codes.add(code);
    names.add(naam);
    return { code, name: naam, province: provincie };
  });
  if (list.length !== expectedCount) {
    throw new Error(`municipalities CSV: expected ${expectedCount} rows, found ${list.length}`);
  }
  return list;
}

export function loadMunicipalities(file: URL | string = MUNICIPALITIES_CSV): Municipality[] {
  return parseMunicipalitiesCsv(readFileSync(file, 'utf8'));
}

const FormerRow = z.object({
  code: z.string().regex(/^GM\d{4}$/),
  naam: z.string().min(1),
  opgegaan_in: z.string().regex(/^GM\d{4}$/),
  opgegaan_in_naam: z.string().min(1),
  per: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

/** The municipalities merged since 2021 (`code,naam,opgegaan_in,opgegaan_in_naam,per`); throws with the offending line. */
export function parseFormerMunicipalitiesCsv(text: string): FormerMunicipality[] {
  const records: unknown[] = csv().parse(text, { columns: true, bom: true, skip_empty_lines: true, trim: true });
  return records.map((record, i) => {
    const row = FormerRow.safeParse(record);
    if (!row.success) throw new Error(`former municipalities CSV line ${i + 2}: ${row.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    return { code: row.data.code, name: row.data.naam, mergedInto: row.data.opgegaan_in, since: row.data.per };
  });
}

export function loadFormerMunicipalities(file: URL | string = FORMER_MUNICIPALITIES_CSV): FormerMunicipality[] {
  return parseFormerMunicipalitiesCsv(readFileSync(file, 'utf8'));
}
