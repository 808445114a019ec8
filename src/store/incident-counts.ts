// Counting the register from the kept counts (migrations 012 and 019) instead of from rows: the whole local
// months of [from, to) are read from the monthly counts, the whole local days around them from the daily
// counts, the parts of a day at either edge (a period that ends now, the last 24 hours) from the incidents
// themselves, so every answer is exact and a few hundred numbers at most. Each part reads the smallest
// table that has the dimensions asked for: national tables without a municipality, the month ×
// municipality × target table for rankings, the daily ones only when hours or days are asked for.
// A long-running process holds the counted incidents in memory (count-mirror.ts) and answers from there.
import { midnights, monthsServe, splitAtDays, type CountDimension, type CountQuery, type CountRow } from '../domain/count-query.js';
import { localDayKey } from '../domain/local-time.js';
import type { Breakdown } from '../domain/statistics.js';
import type { Tally } from '../domain/tally.js';
import { tallyAtCuts, tallyOfDays } from '../domain/tally-at-cuts.js';
import { MEANS, OUTCOMES, TARGETS, type IncidentMeans, type IncidentOutcome, type IncidentTarget } from '../domain/types.js';
import { mirrorOf } from './count-mirror.js';
import type { Db } from './db.js';
import { placeParams, type PlaceParam } from './sql-params.js';

export type { CountDimension, CountQuery, CountRow } from '../domain/count-query.js';

type Source = 'days' | 'months' | 'rows';

/** What a count can be grouped by, with its expression over the daily counts, the monthly counts and the incidents. */
const DIMENSIONS = {
  target: { days: 'target', months: 'target', rows: 'target' },
  outcome: { days: 'outcome', months: 'outcome', rows: 'outcome' },
  means: { days: 'means', months: 'means', rows: 'means' },
  municipality: { days: 'municipality_code', months: 'municipality_code', rows: 'municipality_code' },
  month: { days: "to_char(local_day, 'YYYY-MM')", months: "to_char(local_month, 'YYYY-MM')", rows: "to_char(occurred_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM')" },
  day: { days: "to_char(local_day, 'YYYY-MM-DD')", months: null, rows: "to_char(occurred_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD')" },
  hour: { days: 'local_hour', months: null, rows: "extract(hour FROM occurred_at AT TIME ZONE 'Europe/Amsterdam')::int" },
} as const satisfies Record<CountDimension, Record<Source, string | null>>;

/** Counted incidents in [from, to), optionally of one municipality, grouped by the given dimensions. */
export async function countIncidents<D extends CountDimension>(db: Db, query: CountQuery<D>): Promise<CountRow<D>[]> {
  if (query.to <= query.from) return (query.by.length ? [] : [{ n: 0 }]) as CountRow<D>[];
  const mirror = mirrorOf(db);
  if (mirror) return (await mirror.current()).count(query);
  const params: unknown[] = [];
  const sql = countSql(query, placeParams(params));
  return db.query<CountRow<D>>(sql, params);
}

/**
 * The statement of `countIncidents` for a non-empty [from, to), with `param` placing each parameter, so
 * another statement can take it as a sub-select.
 */
export function countSql(query: CountQuery<CountDimension>, param: PlaceParam): string {
  const split = splitAtDays(query.from, query.to, monthsServe(query.by));
  const municipality = query.municipalityCode ? param(query.municipalityCode) : null;
  const onlyMunicipality = municipality ? `AND municipality_code = ${municipality}` : '';
  const national = !municipality && !query.by.some((d) => d === 'municipality' || d === 'hour');
  const leading = (side: Source) => query.by.map((d) => `${DIMENSIONS[d][side]} AS ${d}, `).join('');
  const parts: string[] = [];
  const count = (sign: 1 | -1) => (sign < 0 ? '-count' : 'count');
  const ranking = query.by.every((d) => d === 'municipality' || d === 'target' || d === 'month');
  const monthly = national ? 'incident_counts_monthly_national' : ranking ? 'incident_counts_monthly_ranking' : 'incident_counts_monthly';
  for (const months of split.months) {
    parts.push(
      `SELECT ${leading('months')}${count(months.sign)} AS n FROM ${monthly}
       WHERE local_month >= ${param(months.first)}::date AND local_month < ${param(months.end)}::date ${onlyMunicipality}`,
    );
  }
  for (const days of split.days) {
    parts.push(
      `SELECT ${leading('days')}${count(days.sign)} AS n FROM ${national ? 'incident_counts_national' : 'incident_counts'}
       WHERE local_day >= ${param(days.first)}::date AND local_day < ${param(days.end)}::date ${onlyMunicipality}`,
    );
  }
  for (const [from, to] of split.edges) {
    parts.push(
      `SELECT ${leading('rows')}1 AS n FROM incidents
       WHERE status = 'actief' AND occurred_at >= ${param(from.toISOString())} AND occurred_at < ${param(to.toISOString())} ${onlyMunicipality}`,
    );
  }
  const groups = query.by.join(', ');
  return `SELECT ${groups ? `${groups}, ` : ''}coalesce(sum(n), 0)::int AS n FROM (${parts.join(' UNION ALL ')}) AS counted
     ${groups ? `GROUP BY ${groups} HAVING sum(n) > 0 ORDER BY ${groups}` : ''}`;
}

/** Total and breakdown by target, outcome and means of the counted incidents in [from, to). */
export async function countBreakdown(db: Db, from: Date, to: Date, municipalityCode?: string): Promise<Breakdown> {
  const rows = await countIncidents(db, { from, to, by: ['target', 'outcome', 'means'], ...(municipalityCode ? { municipalityCode } : {}) });
  const result: Breakdown = { total: 0, byTarget: { ...NO_TARGETS }, byOutcome: { ...NO_OUTCOMES }, byMeans: { ...NO_MEANS } };
  for (const row of rows) {
    result.total += row.n;
    result.byTarget[row.target as IncidentTarget] += row.n;
    result.byOutcome[row.outcome as IncidentOutcome] += row.n;
    result.byMeans[row.means as IncidentMeans] += row.n;
  }
  return result;
}

/** 'YYYY-MM' → count of the months in [from, to) that have incidents, in order. */
export function countByMonth(db: Db, from: Date, to: Date, municipalityCode?: string): Promise<Map<string, number>> {
  return countByValue(db, { from, to, by: ['month'], ...(municipalityCode ? { municipalityCode } : {}) });
}

/** Municipality code → count in [from, to), for the municipalities that have incidents. */
export function countByMunicipality(db: Db, from: Date, to: Date): Promise<Map<string, number>> {
  return countByValue(db, { from, to, by: ['municipality'] });
}

/** A count by one dimension as value → count, in order; from the counts in memory without a row per value. */
async function countByValue<D extends 'month' | 'municipality'>(db: Db, query: CountQuery<D> & { by: readonly [D] }): Promise<Map<string, number>> {
  const mirror = mirrorOf(db);
  if (!mirror || query.to <= query.from) return new Map((await countIncidents(db, query)).map((r) => [r[query.by[0]], r.n]));
  return (await mirror.current()).countByValue(query);
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}
/** Copied for each breakdown: a copy is cheaper than building the object from its keys, and stays in key order. */
const NO_TARGETS = zeros(TARGETS);
const NO_OUTCOMES = zeros(OUTCOMES);
const NO_MEANS = zeros(MEANS);

/**
 * The tally of [from, to): counts per local day, plus the times of the incidents of the days that `cuts`
 * fall in mid-day (a day's worth of rows each), so it can count up to those moments exactly. From the counts
 * in memory it counts up to the cuts now, and reads its days (as they are then) only when a count needs them:
 * a chart, drawn when its image is first asked for.
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
  const mirror = mirrorOf(db);
  if (mirror) {
    const index = await mirror.current();
    const before = (end: Date) => (end <= from ? 0 : index.count({ from, to: end, by: [], ...only })[0]!.n);
    const inside = cuts.filter((cut): cut is Date => cut !== null && cut > from && cut < to);
    return tallyAtCuts({ from, to, total: before(to), atCuts: new Map(inside.map((cut) => [cut.getTime(), before(cut)])) }, () =>
      tallyOfDays({
        from,
        to,
        days: index.count({ from, to, by: ['day'], ...only }),
        times: new Map([...cutDays].map(([key, [a, b]]) => [key, index.times(a.getTime(), b.getTime(), municipalityCode)])),
      }),
    );
  }
  const [days, ...held] = await Promise.all([
    countIncidents(db, { from, to, by: ['day'], ...only }),
    ...[...cutDays.values()].map(([a, b]) => timesOf(db, a, b, municipalityCode)),
  ]);
  const keys = [...cutDays.keys()];
  return tallyOfDays({ from, to, days, times: new Map(keys.map((key, i) => [key, held[i]!])) });
}

/**
 * A count answered when first read: from the counts in memory as they are then, or, without them, loaded
 * now. For what only a chart needs, which a reply draws when its image is first asked for.
 */
export async function countWhenRead<D extends CountDimension>(db: Db, query: CountQuery<D>): Promise<() => CountRow<D>[]> {
  const mirror = mirrorOf(db);
  if (!mirror || query.to <= query.from) {
    const rows = await countIncidents(db, query);
    return () => rows;
  }
  const index = await mirror.current();
  let rows: CountRow<D>[] | undefined;
  return () => (rows ??= index.count(query));
}

/** The moments (epoch ms) of the counted incidents in [from, to), from the database. */
async function timesOf(db: Db, from: Date, to: Date, municipalityCode?: string): Promise<number[]> {
  const rows = await db.query<{ ms: number }>(
    `SELECT (extract(epoch FROM occurred_at) * 1000)::float8 AS ms FROM incidents
     WHERE status = 'actief' AND occurred_at >= $1 AND occurred_at < $2 ${municipalityCode ? 'AND municipality_code = $3' : ''}`,
    [from.toISOString(), to.toISOString(), ...(municipalityCode ? [municipalityCode] : [])],
  );
  return rows.map((r) => Number(r.ms));
}
