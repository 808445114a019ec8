// Counting the register from the kept counts (migration 012) instead of from rows: the whole local days of
// [from, to) are read from incident_counts, the parts of a day at either edge (a period that ends now, the
// last 24 hours) from the incidents themselves, so every answer is exact and a few hundred numbers at most.
// Without a municipality and without hours, the national counts serve: a few thousand rows a year.
import { localDayKey, localInstant, localParts } from '../domain/local-time.js';
import type { Breakdown } from '../domain/statistics.js';
import { tallyOfCounts, type Tally } from '../domain/tally.js';
import { MEANS, OUTCOMES, TARGETS, type IncidentMeans, type IncidentOutcome, type IncidentTarget } from '../domain/types.js';
import type { Db } from './db.js';

/** What a count can be grouped by, with its expression over incident_counts and over incidents. */
const DIMENSIONS = {
  target: { counts: 'target', rows: 'target' },
  outcome: { counts: 'outcome', rows: 'outcome' },
  means: { counts: 'means', rows: 'means' },
  municipality: { counts: 'municipality_code', rows: 'municipality_code' },
  month: { counts: "to_char(local_day, 'YYYY-MM')", rows: "to_char(occurred_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM')" },
  day: { counts: "to_char(local_day, 'YYYY-MM-DD')", rows: "to_char(occurred_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD')" },
  hour: { counts: 'local_hour', rows: "extract(hour FROM occurred_at AT TIME ZONE 'Europe/Amsterdam')::int" },
} as const;

export type CountDimension = keyof typeof DIMENSIONS;
export type CountRow<D extends CountDimension> = { [K in D]: K extends 'hour' ? number : string } & { n: number };

export interface CountQuery<D extends CountDimension> {
  from: Date;
  to: Date;
  by: readonly D[];
  municipalityCode?: string;
}

interface Split {
  /** Whole local days [firstDay, endDay), as 'YYYY-MM-DD', or null when there is none. */
  days: { firstDay: string; endDay: string } | null;
  /** Instant ranges counted from the rows. */
  edges: [Date, Date][];
}

const dayKey = (year: number, month: number, day: number) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** The local midnight at or after `instant`, and the one at or before it. */
function midnights(instant: Date): { up: Date; down: Date } {
  const p = localParts(instant);
  const down = localInstant(p.year, p.month, p.day);
  return { down, up: down.getTime() === instant.getTime() ? down : localInstant(p.year, p.month, p.day + 1) };
}

export function splitAtDays(from: Date, to: Date): Split {
  const start = midnights(from).up;
  const end = midnights(to).down;
  if (start >= end) return { days: null, edges: [[from, to]] };
  const a = localParts(start);
  const b = localParts(end);
  const edges: [Date, Date][] = [];
  if (from < start) edges.push([from, start]);
  if (end < to) edges.push([end, to]);
  return { days: { firstDay: dayKey(a.year, a.month, a.day), endDay: dayKey(b.year, b.month, b.day) }, edges };
}

/** Counted incidents in [from, to), optionally of one municipality, grouped by the given dimensions. */
export async function countIncidents<D extends CountDimension>(db: Db, query: CountQuery<D>): Promise<CountRow<D>[]> {
  if (query.to <= query.from) return (query.by.length ? [] : [{ n: 0 }]) as CountRow<D>[];
  const split = splitAtDays(query.from, query.to);
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const municipality = query.municipalityCode ? param(query.municipalityCode) : null;
  const parts: string[] = [];
  const select = (side: 'counts' | 'rows') => query.by.map((d) => `${DIMENSIONS[d][side]} AS ${d}`).join(', ');
  const leading = (side: 'counts' | 'rows') => (query.by.length ? `${select(side)}, ` : '');
  if (split.days) {
    const national = !municipality && !query.by.some((d) => d === 'municipality' || d === 'hour');
    parts.push(
      `SELECT ${leading('counts')}count AS n FROM ${national ? 'incident_counts_national' : 'incident_counts'}
       WHERE local_day >= ${param(split.days.firstDay)}::date AND local_day < ${param(split.days.endDay)}::date
       ${municipality ? `AND municipality_code = ${municipality}` : ''}`,
    );
  }
  for (const [from, to] of split.edges) {
    parts.push(
      `SELECT ${leading('rows')}1 AS n FROM incidents
       WHERE status = 'actief' AND occurred_at >= ${param(from.toISOString())} AND occurred_at < ${param(to.toISOString())}
       ${municipality ? `AND municipality_code = ${municipality}` : ''}`,
    );
  }
  const groups = query.by.join(', ');
  const rows = await db.query<CountRow<D>>(
    `SELECT ${groups ? `${groups}, ` : ''}coalesce(sum(n), 0)::int AS n FROM (${parts.join(' UNION ALL ')}) AS counted
     ${groups ? `GROUP BY ${groups} HAVING sum(n) > 0 ORDER BY ${groups}` : ''}`,
    params,
  );
  return rows;
}

/** Total and breakdown by target, outcome and means of the counted incidents in [from, to). */
export async function countBreakdown(db: Db, from: Date, to: Date, municipalityCode?: string): Promise<Breakdown> {
  const rows = await countIncidents(db, { from, to, by: ['target', 'outcome', 'means'], ...(municipalityCode ? { municipalityCode } : {}) });
  const result: Breakdown = { total: 0, byTarget: zeros(TARGETS), byOutcome: zeros(OUTCOMES), byMeans: zeros(MEANS) };
  for (const row of rows) {
    result.total += row.n;
    result.byTarget[row.target as IncidentTarget] += row.n;
    result.byOutcome[row.outcome as IncidentOutcome] += row.n;
    result.byMeans[row.means as IncidentMeans] += row.n;
  }
  return result;
}

/** 'YYYY-MM' → count of the months in [from, to) that have incidents, in order. */
export async function countByMonth(db: Db, from: Date, to: Date, municipalityCode?: string): Promise<Map<string, number>> {
  const rows = await countIncidents(db, { from, to, by: ['month'], ...(municipalityCode ? { municipalityCode } : {}) });
  return new Map(rows.map((r) => [r.month, r.n]));
}

/** Municipality code → count in [from, to), for the municipalities that have incidents. */
export async function countByMunicipality(db: Db, from: Date, to: Date): Promise<Map<string, number>> {
  const rows = await countIncidents(db, { from, to, by: ['municipality'] });
  return new Map(rows.map((r) => [r.municipality, r.n]));
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

/**
 * The tally of [from, to): counts per local day, plus the times of the incidents of the days that `cuts`
 * fall in mid-day (a day's worth of rows each), so it can count up to those moments exactly.
 */
export async function loadTally(db: Db, from: Date, to: Date, cuts: readonly (Date | null)[], municipalityCode?: string): Promise<Tally> {
  const only = municipalityCode ? { municipalityCode } : {};
  const cutDays = new Map<string, [Date, Date]>();
  for (const cut of cuts) {
    if (!cut || cut <= from || cut >= to) continue;
    const { down, up } = midnights(cut);
    if (down.getTime() === cut.getTime()) continue;
    cutDays.set(localDayKey(cut), [down < from ? from : down, up > to ? to : up]);
  }
  const [days, ...held] = await Promise.all([
    countIncidents(db, { from, to, by: ['day'], ...only }),
    ...[...cutDays.values()].map(([a, b]) =>
      db.query<{ ms: number }>(
        `SELECT (extract(epoch FROM occurred_at) * 1000)::float8 AS ms FROM incidents
         WHERE status = 'actief' AND occurred_at >= $1 AND occurred_at < $2 ${municipalityCode ? 'AND municipality_code = $3' : ''}`,
        [a.toISOString(), b.toISOString(), ...(municipalityCode ? [municipalityCode] : [])],
      ),
    ),
  ]);
  const keys = [...cutDays.keys()];
  return tallyOfCounts({
    from,
    to,
    perDay: new Map(days.map((d) => [d.day, d.n])),
    times: new Map(keys.map((key, i) => [key, held[i]!.map((r) => Number(r.ms))])),
  });
}
