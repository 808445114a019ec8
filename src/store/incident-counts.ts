// Counting the register from the kept counts (migrations 012 and 019) instead of from rows: the whole local
// months of [from, to) are read from the monthly counts, the whole local days around them from the daily
// counts, the parts of a day at either edge (a period that ends now, the last 24 hours) from the incidents
// themselves, so every answer is exact and a few hundred numbers at most. Each part reads the smallest
// table that has the dimensions asked for: national tables without a municipality, the month ×
// municipality × target table for rankings, the daily ones only when hours or days are asked for.
import { localDayKey, localInstant, localParts } from '../domain/local-time.js';
import type { Breakdown } from '../domain/statistics.js';
import { tallyOfCounts, type Tally } from '../domain/tally.js';
import { MEANS, OUTCOMES, TARGETS, type IncidentMeans, type IncidentOutcome, type IncidentTarget } from '../domain/types.js';
import type { Db } from './db.js';

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
} as const satisfies Record<string, Record<Source, string | null>>;

export type CountDimension = keyof typeof DIMENSIONS;
export type CountRow<D extends CountDimension> = { [K in D]: K extends 'hour' ? number : string } & { n: number };

export interface CountQuery<D extends CountDimension> {
  from: Date;
  to: Date;
  by: readonly D[];
  municipalityCode?: string;
}

/** Local days or months [first, end) as 'YYYY-MM-DD' keys, added or (sign -1) taken off. */
interface Stretch {
  first: string;
  end: string;
  sign: 1 | -1;
}

interface Split {
  /** Whole local months, 'YYYY-MM-01' keys. */
  months: Stretch[];
  /** Whole local days. */
  days: Stretch[];
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

/** The first of the month of a day key, and the first of the next month. */
const monthOf = (day: string) => `${day.slice(0, 7)}-01`;
function nextMonth(day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return month === 12 ? dayKey(year + 1, 1, 1) : dayKey(year, month + 1, 1);
}

const dayNumber = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / 86_400_000;

/**
 * [from, to) as whole months, whole days and partial-day edges. With `months` (callers that need days or
 * hours pass false), whole months are read from the monthly counts, and a part of a month that is longer
 * than the rest of it is read as the month less that rest, so no part reads more than half a month of days.
 */
export function splitAtDays(from: Date, to: Date, months = true): Split {
  const start = midnights(from).up;
  const end = midnights(to).down;
  if (start >= end) return { months: [], days: [], edges: [[from, to]] };
  const a = localParts(start);
  const b = localParts(end);
  const edges: [Date, Date][] = [];
  if (from < start) edges.push([from, start]);
  if (end < to) edges.push([end, to]);
  const firstDay = dayKey(a.year, a.month, a.day);
  const endDay = dayKey(b.year, b.month, b.day);
  if (!months) return { months: [], days: [{ first: firstDay, end: endDay, sign: 1 }], edges };
  const split: Split = { months: [], days: [], edges };
  // Days [first, end) inside one month: directly, or as the month less the days around them.
  const partOfMonth = (first: string, last: string) => {
    const monthStart = monthOf(first);
    const monthEnd = nextMonth(first);
    const around = dayNumber(first) - dayNumber(monthStart) + dayNumber(monthEnd) - dayNumber(last);
    if (around >= dayNumber(last) - dayNumber(first)) return void split.days.push({ first, end: last, sign: 1 });
    split.months.push({ first: monthStart, end: monthEnd, sign: 1 });
    if (monthStart < first) split.days.push({ first: monthStart, end: first, sign: -1 });
    if (last < monthEnd) split.days.push({ first: last, end: monthEnd, sign: -1 });
  };
  const firstMonth = firstDay.endsWith('-01') ? firstDay : nextMonth(firstDay);
  const endMonth = monthOf(endDay);
  if (firstMonth > endMonth) {
    partOfMonth(firstDay, endDay);
    return split;
  }
  if (firstDay < firstMonth) partOfMonth(firstDay, firstMonth);
  if (firstMonth < endMonth) split.months.push({ first: firstMonth, end: endMonth, sign: 1 });
  if (endMonth < endDay) partOfMonth(endMonth, endDay);
  return split;
}

/** Counted incidents in [from, to), optionally of one municipality, grouped by the given dimensions. */
export async function countIncidents<D extends CountDimension>(db: Db, query: CountQuery<D>): Promise<CountRow<D>[]> {
  if (query.to <= query.from) return (query.by.length ? [] : [{ n: 0 }]) as CountRow<D>[];
  const byMonths = query.by.every((d) => DIMENSIONS[d].months !== null);
  const split = splitAtDays(query.from, query.to, byMonths);
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
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
