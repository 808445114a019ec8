// Counting the register: breakdowns, period comparison and local-time buckets (Europe/Amsterdam).
import { IANAZone } from 'luxon';
import {
  MEANS,
  OUTCOMES,
  TARGETS,
  TIME_ZONE,
  type CountedIncident,
  type IncidentMeans,
  type IncidentOutcome,
  type IncidentTarget,
} from './types.js';

// ---------------------------------------------------------------------------------------------
// Local time. Amsterdam's UTC offset only changes on whole UTC hours, so it is memoised per hour.

const zone = IANAZone.create(TIME_ZONE);
const HOUR_MS = 3_600_000;
const offsetCache = new Map<number, number>();

function offsetMs(ts: number): number {
  const hour = Math.floor(ts / HOUR_MS);
  let offset = offsetCache.get(hour);
  if (offset === undefined) {
    if (offsetCache.size > 200_000) offsetCache.clear();
    offset = zone.offset(hour * HOUR_MS) * 60_000;
    offsetCache.set(hour, offset);
  }
  return offset;
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

// ---------------------------------------------------------------------------------------------
// Breakdowns

export interface Breakdown {
  total: number;
  byTarget: Record<IncidentTarget, number>;
  byOutcome: Record<IncidentOutcome, number>;
  byMeans: Record<IncidentMeans, number>;
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const key of keys) out[key] = 0;
  return out;
}

export function breakdown(incidents: readonly CountedIncident[]): Breakdown {
  const result: Breakdown = {
    total: incidents.length,
    byTarget: zeros(TARGETS),
    byOutcome: zeros(OUTCOMES),
    byMeans: zeros(MEANS),
  };
  for (const incident of incidents) {
    result.byTarget[incident.target] += 1;
    result.byOutcome[incident.outcome] += 1;
    result.byMeans[incident.means] += 1;
  }
  return result;
}

export interface PeriodComparison {
  current: Breakdown;
  previous: Breakdown;
  /** (current - previous) / previous as a fraction; null when previous is 0. */
  change: number | null;
}

export function relativeChange(current: number, previous: number): number | null {
  return previous === 0 ? null : (current - previous) / previous;
}

export function comparePeriods(
  current: readonly CountedIncident[],
  previous: readonly CountedIncident[],
): PeriodComparison {
  const cur = breakdown(current);
  const prev = breakdown(previous);
  return { current: cur, previous: prev, change: relativeChange(cur.total, prev.total) };
}

// ---------------------------------------------------------------------------------------------
// Time buckets

/** Twelve counts (January first) of the incidents in the given local year. */
export function countByLocalMonth(incidents: readonly CountedIncident[], year: number): number[] {
  const counts = new Array<number>(12).fill(0);
  for (const incident of incidents) {
    const p = localParts(incident.occurredAt);
    if (p.year === year) counts[p.month - 1]! += 1;
  }
  return counts;
}

/** 'YYYY-MM' → count, in chronological key order. */
export function countByLocalMonthKey(incidents: readonly CountedIncident[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const incident of incidents) {
    const key = localMonthKey(incident.occurredAt);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return new Map([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** 'YYYY-MM-DD' → count, in chronological key order. */
export function countByLocalDay(incidents: readonly CountedIncident[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const incident of incidents) {
    const key = localDayKey(incident.occurredAt);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return new Map([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** 24 counts by local clock hour (0 = 00:00–00:59). */
export function countByLocalHour(incidents: readonly CountedIncident[]): number[] {
  const counts = new Array<number>(24).fill(0);
  for (const incident of incidents) counts[localParts(incident.occurredAt).hour]! += 1;
  return counts;
}

export const HOUR_BANDS = ['nacht', 'ochtend', 'middag', 'avond'] as const;
export type HourBand = (typeof HOUR_BANDS)[number];

/** nacht 00–06, ochtend 06–12, middag 12–18, avond 18–24 (local). */
export function hourBand(hour: number): HourBand {
  return HOUR_BANDS[Math.min(3, Math.floor(hour / 6))]!;
}

export function countByHourBand(incidents: readonly CountedIncident[]): Record<HourBand, number> {
  const counts = zeros(HOUR_BANDS);
  for (const incident of incidents) counts[hourBand(localParts(incident.occurredAt).hour)] += 1;
  return counts;
}

/** Share of incidents with local time in [fromHour, toHour); null without incidents. */
export function shareBetweenHours(
  incidents: readonly CountedIncident[],
  fromHour: number,
  toHour: number,
): number | null {
  if (incidents.length === 0) return null;
  let inside = 0;
  for (const incident of incidents) {
    const hour = localParts(incident.occurredAt).hour;
    if (hour >= fromHour && hour < toHour) inside += 1;
  }
  return inside / incidents.length;
}

/** Share between 02:00 and 05:00 local, the hours the police name; null without incidents. */
export function nightShare(incidents: readonly CountedIncident[]): number | null {
  return shareBetweenHours(incidents, 2, 5);
}
