// What a count of the register must say, as plain SQL over the rows: the oracle the kept counts and the
// counts held in memory are compared with.
import type { CountDimension } from '../../src/domain/count-query.js';
import type { Db } from '../../src/store/db.js';

const ROW_SQL: Record<CountDimension, string> = {
  target: 'target', outcome: 'outcome', means: 'means', municipality: 'municipality_code',
  month: "to_char(occurred_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM')",
  day: "to_char(occurred_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD')",
  hour: "extract(hour FROM occurred_at AT TIME ZONE 'Europe/Amsterdam')::int",
};

/** Each group as JSON `[...values, n]`, sorted. */
export async function plainCounts(db: Db, by: readonly CountDimension[], from: Date, to: Date, municipalityCode?: string): Promise<string[]> {
  const select = by.map((d) => `${ROW_SQL[d]} AS ${d}`).join(', ');
  const rows = await db.query<Record<string, unknown>>(
    `SELECT ${select ? `${select}, ` : ''}count(*)::int AS n FROM incidents
     WHERE status = 'actief' AND occurred_at >= $1 AND occurred_at < $2 AND ($3::text IS NULL OR municipality_code = $3)
     ${by.length ? `GROUP BY ${by.join(', ')}` : ''}`,
    [from.toISOString(), to.toISOString(), municipalityCode ?? null],
  );
  return rows.map((r) => JSON.stringify([...by.map((d) => r[d]), r.n])).sort();
}
