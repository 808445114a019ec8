// Local time in Europe/Amsterdam, the one place every bucket (day, month, year) is computed from.
// Periods, labels and dates in replies are computed here rather than with luxon: asking Intl for a zone
// offset costs microseconds, and a reply needs dozens of them.
import { IANAZone } from 'luxon';
import { TIME_ZONE } from './types.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const CET = HOUR_MS;
const CEST = 2 * HOUR_MS;

// From 1996 on Amsterdam keeps the EU rule: summer time (UTC+2) from 01:00 UTC on the last Sunday of March
// to 01:00 UTC on the last Sunday of October. Other years ask the time zone database.
const RULE_FIRST_YEAR = 1996;
const RULE_LAST_YEAR = 2099;
const RULE_FROM = Date.UTC(RULE_FIRST_YEAR, 0, 1);
const RULE_TO = Date.UTC(RULE_LAST_YEAR + 1, 0, 1);
// Made on the first year outside the rule: making it loads the time-zone data (some 50 ms).
let zone: IANAZone | undefined;

/** Per year from RULE_FIRST_YEAR: the instants summer time starts and ends. */
const summerTime: number[] = [];
for (let year = RULE_FIRST_YEAR; year <= RULE_LAST_YEAR; year++) {
  for (const month of [3, 10]) {
    const lastDay = Date.UTC(year, month, 0, 1);
    summerTime.push(lastDay - new Date(lastDay).getUTCDay() * DAY_MS);
  }
}

/** The mean Gregorian year: it finds an instant's year without a Date, at worst a day off around New Year. */
const MEAN_YEAR_MS = 365.2425 * DAY_MS;

function offsetMs(ts: number): number {
  if (ts >= RULE_FROM && ts < RULE_TO) {
    // A day off around New Year gives the year beside it, whose summer time is as far away: winter time either way.
    const i = (1970 + Math.floor(ts / MEAN_YEAR_MS) - RULE_FIRST_YEAR) * 2;
    return ts >= summerTime[i]! && ts < summerTime[i + 1]! ? CEST : CET;
  }
  zone ??= IANAZone.create(TIME_ZONE);
  return zone.offset(ts) * 60_000;
}

/** A wall-clock time as milliseconds of the same reading in UTC; years below 100 are not taken for 19xx. */
function wallMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  if (year >= 100 || year < 0) return wall;
  const date = new Date(wall);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

/**
 * The instant a wall-clock reading stands for. In the hour that comes twice (October) the reading with offset
 * `prefer` wins when it is one of the two; a reading in the hour skipped in March moves an hour forward.
 * The same choices as luxon's, so that the periods and labels built here are those built with luxon before.
 */
function instantOfWall(wall: number, prefer = offsetMs(wall)): number {
  const guess = wall - prefer;
  const second = offsetMs(guess);
  if (second === prefer) return guess;
  const third = offsetMs(wall - second);
  if (third === second) return wall - second;
  return wall - Math.min(second, third);
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
  const ms = instant.getTime();
  const wall = ms + offsetMs(ms);
  const dayNo = Math.floor(wall / DAY_MS);
  const inDay = wall - dayNo * DAY_MS;
  const { year, month, day } = civilDate(dayNo);
  return { year, month, day, hour: Math.floor(inDay / HOUR_MS), minute: Math.floor((inDay % HOUR_MS) / 60_000) };
}

/** The calendar date of a day number (days since 1970-01-01), by the civil-from-days arithmetic, without a Date. */
export function civilDate(dayNo: number): { year: number; month: number; day: number } {
  const z = dayNo + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day: doy - Math.floor((153 * mp + 2) / 5) + 1 };
}

/** True at local midnight exactly (to the millisecond). */
export function isLocalMidnight(instant: Date): boolean {
  const wall = instant.getTime() + offsetMs(instant.getTime());
  return wall - Math.floor(wall / DAY_MS) * DAY_MS === 0;
}

/**
 * The instant of a local wall-clock time. Out-of-range fields roll over (day 32 → next month).
 * A time in the spring-forward gap moves forward by an hour; midnight never falls in it.
 */
export function localInstant(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  return new Date(instantOfWall(wallMs(year, month, day, hour, minute)));
}

/**
 * Whole years, months and days later (negative: earlier) on the local calendar, at the same wall-clock
 * time, as luxon's `plus` counts them: a day the target month lacks becomes its last (29 February → 28
 * February) before the days are added.
 */
export function addLocal(instant: Date, { years = 0, months = 0, days = 0 }: { years?: number; months?: number; days?: number }): Date {
  const ms = instant.getTime();
  const offset = offsetMs(ms);
  const wall = ms + offset;
  const dayNo = Math.floor(wall / DAY_MS);
  const from = civilDate(dayNo);
  const monthIndex = from.year * 12 + from.month - 1 + years * 12 + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  const day = Math.min(from.day, daysInMonth(year, month)) + days;
  return new Date(instantOfWall(wallMs(year, month, day) + (wall - dayNo * DAY_MS), offset));
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

/** The year, month and day of a `YYYY-MM-DD` calendar date; undefined when it names no such day. */
export function calendarDate(text: string): { year: number; month: number; day: number } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) ? { year, month, day } : undefined;
}

/** Every day of a year as 'YYYY-MM-DD', made once per year and shared: a caller copies it to change it. */
const yearDays = new Map<number, readonly string[]>();
export function daysOfYear(year: number): readonly string[] {
  let days = yearDays.get(year);
  if (days) return days;
  days = Array.from({ length: isLeapYear(year) ? 366 : 365 }, (_, i) => new Date(Date.UTC(year, 0, 1 + i)).toISOString().slice(0, 10));
  if (yearDays.size < 16) yearDays.set(year, days);
  return days;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month; a month past 12 (or before 1) is one of a later (or earlier) year. */
export function daysInMonth(year: number, month: number): number {
  const index = year * 12 + month - 1;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return m === 2 && isLeapYear(y) ? 29 : MONTH_DAYS[m - 1]!;
}
