// Arrests, kept as counts per date (nationally or per municipality).
import type { Db } from './db.js';
import { cachedByGeneration } from './register-cache.js';

export interface ArrestCount {
  date: string;
  count: number;
  municipalityCode?: string | null;
}

export async function addArrests(tx: Db, rows: readonly ArrestCount[], source: string): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO arrests (arrest_date, municipality_code, count, source)
     SELECT d, m, c, $4 FROM unnest($1::date[], $2::text[], $3::int[]) AS x(d, m, c)`,
    [rows.map((r) => r.date), rows.map((r) => r.municipalityCode ?? null), rows.map((r) => r.count), source],
  );
}

/** Sum of arrests on local dates firstDay..lastDay inclusive, optionally for one municipality; kept per register generation. */
export function sumArrests(db: Db, firstDay: string, lastDay: string, municipalityCode?: string): Promise<number> {
  return cachedByGeneration(db, `arrests:${firstDay}:${lastDay}:${municipalityCode ?? ''}`, async () => {
    const rows = await db.query<{ n: number }>(
      `SELECT coalesce(sum(count), 0)::int AS n FROM arrests
       WHERE arrest_date BETWEEN $1 AND $2 AND ($3::text IS NULL OR municipality_code = $3)`,
      [firstDay, lastDay, municipalityCode ?? null],
    );
    return rows[0]?.n ?? 0;
  });
}
