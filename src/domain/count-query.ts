// What a count of the register asks (a period, a municipality, what to group by) and how a period is cut
// into whole local months, whole local days and the parts of a day at either edge: the kept counts in the
// database (src/store/incident-counts.ts) and the counts held in memory (count-index.ts) answer the same
// question the same way.
import { localInstant, localParts } from './local-time.js';

/** What a count can be grouped by. Whole months serve every dimension but day and hour. */
export const COUNT_DIMENSIONS = ['target', 'outcome', 'means', 'municipality', 'month', 'day', 'hour'] as const;
export type CountDimension = (typeof COUNT_DIMENSIONS)[number];
export type CountRow<D extends CountDimension> = { [K in D]: K extends 'hour' ? number : string } & { n: number };

export interface CountQuery<D extends CountDimension> {
  from: Date;
  to: Date;
  by: readonly D[];
  municipalityCode?: string;
}

/** Whether whole months can answer a count grouped by these dimensions. */
export const monthsServe = (by: readonly CountDimension[]) => !by.some((d) => d === 'day' || d === 'hour');

/** Local days or months [first, end) as 'YYYY-MM-DD' keys, added or (sign -1) taken off. */
export interface Stretch {
  first: string;
  end: string;
  sign: 1 | -1;
}

export interface Split {
  /** Whole local months, 'YYYY-MM-01' keys. */
  readonly months: readonly Stretch[];
  /** Whole local days. */
  readonly days: readonly Stretch[];
  /** Instant ranges counted from the rows. */
  readonly edges: readonly (readonly [Date, Date])[];
}

const dayKey = (year: number, month: number, day: number) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** The local midnight at or after `instant`, and the one at or before it. */
export function midnights(instant: Date): { up: Date; down: Date } {
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

/** The two decimal digits of a key at `i`, read as character codes: a tally reads a year of day keys per count. */
const digits = (key: string, i: number) => (key.charCodeAt(i) - 48) * 10 + key.charCodeAt(i + 1) - 48;

/** Days since 1970-01-01 of a 'YYYY-MM-DD' key. */
export const dayNumber = (day: string) => Date.UTC(digits(day, 0) * 100 + digits(day, 2), digits(day, 5) - 1, digits(day, 8)) / 86_400_000;

/**
 * [from, to) as whole months, whole days and partial-day edges. With `months` (callers that need days or
 * hours pass false), whole months are read from the monthly counts, and a part of a month that is longer
 * than the rest of it is read as the month less that rest, so no part reads more than half a month of days.
 */
export function splitAtDays(from: Date, to: Date, months = true): Split {
  const key = `${from.getTime()} ${to.getTime()} ${months}`;
  let split = recentSplits.get(key);
  if (!split) {
    if (recentSplits.size >= RECENT_SPLITS) recentSplits.clear();
    recentSplits.set(key, (split = cutAtDays(from, to, months)));
  }
  return split;
}

/**
 * The splits of the last few periods asked for: one command counts its period and the year before it about
 * six times. The same answer is handed out again, so no caller may change it.
 */
const recentSplits = new Map<string, Split>();
const RECENT_SPLITS = 32;

function cutAtDays(from: Date, to: Date, months: boolean): Split {
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
  const split = { months: [] as Stretch[], days: [] as Stretch[], edges };
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

