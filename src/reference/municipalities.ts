// Reads the CBS municipality list of 2025 that ships with the bot.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { Municipality } from '../domain/types.js';

export const MUNICIPALITIES_CSV = new URL('../../reference/gemeenten-2025.csv', import.meta.url);
export const MUNICIPALITY_COUNT = 342;

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
  const records: unknown[] = parse(text, { columns: true, bom: true, skip_empty_lines: true, trim: true });
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
