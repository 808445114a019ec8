// Arrests, kept as counts per date (nationally or per municipality).
import { lowerBound, upperBound } from '../domain/sorted.js';
import type { Db } from './db.js';
import { cachedBySettings } from './register-cache.js';

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

/** Sum of arrests on local dates firstDay..lastDay inclusive, optionally for one municipality. */
export async function sumArrests(db: Db, firstDay: string, lastDay: string, municipalityCode?: string): Promise<number> {
  const sums = await cachedBySettings(db, 'arrests', () => loadArrestSums(db));
  const of = municipalityCode === undefined ? sums.all : sums.byMunicipality.get(municipalityCode);
  if (!of) return 0;
  return of.before[upperBound(of.days, lastDay)]! - of.before[lowerBound(of.days, firstDay)]!;
}

/** Arrests per date in order, with the running sum before each: a sum over dates is two lookups. */
interface RunningSums {
  days: string[];
  before: number[];
}

/** The whole table, a few numbers per date, held until the programme's marker moves. */
async function loadArrestSums(db: Db): Promise<{ all: RunningSums; byMunicipality: Map<string, RunningSums> }> {
  const rows = await db.query<{ day: string; municipality_code: string | null; n: number }>(
    "SELECT to_char(arrest_date, 'YYYY-MM-DD') AS day, municipality_code, sum(count)::int AS n FROM arrests GROUP BY 1, 2 ORDER BY 1",
  );
  const all: RunningSums = { days: [], before: [0] };
  const byMunicipality = new Map<string, RunningSums>();
  const push = (sums: RunningSums, day: string, n: number) => {
    sums.days.push(day);
    sums.before.push(sums.before[sums.before.length - 1]! + n);
  };
  for (const row of rows) {
    push(all, row.day, row.n);
    if (row.municipality_code === null) continue;
    let sums = byMunicipality.get(row.municipality_code);
    if (!sums) byMunicipality.set(row.municipality_code, (sums = { days: [], before: [0] }));
    push(sums, row.day, row.n);
  }
  return { all, byMunicipality };
}
