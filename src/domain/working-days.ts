// Dutch working days in Europe/Amsterdam: no weekend, no public holiday (date-holidays 'NL', type `public`
// only, so Good Friday and Liberation Day, which are not general days off, stay working days).
// Local dates are `YYYY-MM-DD` strings; moments are instants computed from the Amsterdam wall clock.
// date-holidays (every country's rules: some 25 MB and 100+ ms to load) is required on the first holiday
// question, not on import: most commands that import this module only count calendar days.
import { createRequire } from 'node:module';
import type Holidays from 'date-holidays';
import { calendarDate, localInstant, localWallMs } from './local-time.js';

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

const DAY_MS = 86_400_000;

/** A local date's year, month and day, or a RangeError. */
function dateOf(day: string): { year: number; month: number; day: number } {
  const date = calendarDate(day);
  // Date.UTC takes years below 100 for 19xx.
  if (!date || date.year < 100) throw new RangeError(`not a local date: ${day}`);
  return date;
}

/** A local date as its day number (days since 1970-01-01): calendar days need no time zone. */
function parse(day: string): number {
  const date = dateOf(day);
  return Date.UTC(date.year, date.month - 1, date.day) / DAY_MS;
}

const dayOf = (dayNumber: number) => new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);

/** The Amsterdam calendar date of an instant. */
export { localDayKey as localDate } from './local-time.js';

export function addCalendarDays(day: string, days: number): string {
  return dayOf(parse(day) + days);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return parse(to) - parse(from);
}

export function isPublicHoliday(day: string): boolean {
  return publicHolidays(dateOf(day).year).has(day);
}

export function isWorkingDay(day: string): boolean {
  const date = dateOf(day);
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !publicHolidays(date.year).has(day);
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
  const date = new Date(parse(day) * DAY_MS);
  const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  // In October's hour that comes twice, the reading with the day's first offset (summer time) wins.
  const midnight = localInstant(y, m, d).getTime();
  const offset = localWallMs(midnight) - midnight;
  const instant = Date.UTC(y, m - 1, d, hour, minute) - offset;
  return localWallMs(instant) - instant === offset ? new Date(instant) : localInstant(y, m, d, hour, minute);
}
