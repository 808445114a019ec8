// Dutch working days in Europe/Amsterdam: no weekend, no public holiday (date-holidays 'NL', type `public`
// only, so Good Friday and Liberation Day, which are not general days off, stay working days).
// Local dates are `YYYY-MM-DD` strings; moments are instants computed from the Amsterdam wall clock.
import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import { calendarDate } from './local-time.js';
import { TIME_ZONE } from './types.js';

const calendar = new Holidays('NL');
const byYear = new Map<number, ReadonlySet<string>>();

function publicHolidays(year: number): ReadonlySet<string> {
  let days = byYear.get(year);
  if (!days) {
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

const DAY_MS = 86_400_000;

function dateOf(day: string): { year: number; month: number; day: number } {
  const date = calendarDate(day);
  if (!date) throw new RangeError(`not a local date: ${day}`);
  return date;
}

/** A calendar date as milliseconds of its midnight in UTC: day arithmetic on dates needs no time zone. */
function utcDay(day: string): number {
  const date = dateOf(day);
  const midnight = new Date(0);
  midnight.setUTCFullYear(date.year, date.month - 1, date.day);
  return midnight.getTime();
}

/** The Amsterdam calendar date of an instant. */
export { localDayKey as localDate } from './local-time.js';

export function addCalendarDays(day: string, days: number): string {
  return new Date(utcDay(day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcDay(to) - utcDay(from)) / DAY_MS);
}

export function isPublicHoliday(day: string): boolean {
  return publicHolidays(dateOf(day).year).has(day);
}

export function isWorkingDay(day: string): boolean {
  const weekday = new Date(utcDay(day)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isPublicHoliday(day);
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
