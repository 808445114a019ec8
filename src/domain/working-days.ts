// Dutch working days in Europe/Amsterdam: no weekend, no public holiday (date-holidays 'NL', type `public`
// only, so Good Friday and Liberation Day, which are not general days off, stay working days).
// Local dates are `YYYY-MM-DD` strings; moments are instants computed from the Amsterdam wall clock.
// date-holidays (every country's rules: some 25 MB and 100+ ms to load) is required on the first holiday
// question, not on import: most commands that import this module only count calendar days.
import { createRequire } from 'node:module';
import type Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import { TIME_ZONE } from './types.js';

let calendar: Holidays | undefined;
const byYear = new Map<number, ReadonlySet<string>>();

function publicHolidays(year: number): ReadonlySet<string> {
  let days = byYear.get(year);
  if (!days) {
    calendar ??= new (createRequire(import.meta.url)('date-holidays') as typeof Holidays)('NL');
    const found = calendar.getHolidays(year) || [];
    days = new Set(found.filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
    byYear.set(year, days);
  }
  return days;
}

function parse(day: string): DateTime {
  const parsed = DateTime.fromISO(day, { zone: TIME_ZONE });
  if (!parsed.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`not a local date: ${day}`);
  return parsed;
}

/** The Amsterdam calendar date of an instant. */
export { localDayKey as localDate } from './local-time.js';

export function addCalendarDays(day: string, days: number): string {
  return parse(day).plus({ days }).toISODate()!;
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round(parse(to).diff(parse(from), 'days').days);
}

export function isPublicHoliday(day: string): boolean {
  return publicHolidays(parse(day).year).has(day);
}

export function isWorkingDay(day: string): boolean {
  return parse(day).weekday <= 5 && !isPublicHoliday(day);
}

/** `day` itself when it is a working day, otherwise the first working day after it. */
export function workingDayOnOrAfter(day: string): string {
  let current = day;
  while (!isWorkingDay(current)) current = addCalendarDays(current, 1);
  return current;
}

/** The `count`-th working day after `day` (`day` itself does not count). */
export function addWorkingDays(day: string, count: number): string {
  let current = day;
  for (let left = count; left > 0; left--) current = workingDayOnOrAfter(addCalendarDays(current, 1));
  return current;
}

/** The instant of a wall-clock time on a local date, summer time included. */
export function atLocalTime(day: string, hour: number, minute = 0): Date {
  return parse(day).set({ hour, minute, second: 0, millisecond: 0 }).toJSDate();
}
