// Local time in Europe/Amsterdam, the one place every bucket (day, month, year) is computed from.
import { IANAZone } from 'luxon';
import { TIME_ZONE } from './types.js';

// Amsterdam's UTC offset only changes on whole UTC hours, so it is memoised per hour. The zone is made on
// the first question: making it loads the time-zone data (some 50 ms), which a reply without dates never needs.

let zone: IANAZone | undefined;
const HOUR_MS = 3_600_000;
const offsetCache = new Map<number, number>();

function offsetMs(ts: number): number {
  const hour = Math.floor(ts / HOUR_MS);
  let offset = offsetCache.get(hour);
  if (offset === undefined) {
    if (offsetCache.size > 200_000) offsetCache.clear();
    zone ??= IANAZone.create(TIME_ZONE);
    offset = zone.offset(hour * HOUR_MS) * 60_000;
    offsetCache.set(hour, offset);
  }
  return offset;
}

/** The local wall-clock time of an instant, as epoch ms of the same wall time in UTC (for bucketing). */
export function localWallMs(ms: number): number {
  return ms + offsetMs(ms);
}

export interface LocalParts {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export function localParts(instant: Date): LocalParts {
  const wall = new Date(instant.getTime() + offsetMs(instant.getTime()));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
  };
}

/**
 * The instant of a local wall-clock time. Out-of-range fields roll over (day 32 → next month).
 * A time in the spring-forward gap moves forward by an hour; midnight never falls in it.
 */
export function localInstant(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const guess = wall - offsetMs(wall);
  return new Date(wall - offsetMs(guess));
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** 'YYYY-MM-DD' of the local calendar day. */
export function localDayKey(instant: Date): string {
  const p = localParts(instant);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** 'YYYY-MM' of the local calendar month. */
export function localMonthKey(instant: Date): string {
  const p = localParts(instant);
  return `${pad(p.year, 4)}-${pad(p.month)}`;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
