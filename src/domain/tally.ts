// How many incidents fell in a stretch of time, answered from counts per local day plus the times of the
// incidents of the few days a question cuts mid-day (where a period ends now, or the same moment a year
// earlier). The store builds one from the kept counts; a list of incidents makes one too (tests, the
// demo), so the domain counts the same way from either.
import { dayNumber } from './count-query.js';
import { localDayKey, localInstant, localWallMs } from './local-time.js';
import { lowerBound } from './sorted.js';
import type { CountedIncident } from './types.js';

const DAY_MS = 86_400_000;

export interface Tally {
  /** The stretch held: the tally knows the incidents in [from, to) (epoch ms) and counts nothing outside. */
  readonly from: number;
  readonly to: number;
  readonly total: number;
  /** Incidents in [a, b); throws when a or b cuts a day inside the stretch whose times are not held. */
  count(a: number, b: number): number;
}

/** A tally, or the incidents themselves. */
export type Counted = Tally | readonly CountedIncident[];

export interface TallyCounts {
  from: Date;
  to: Date;
  /** Local day 'YYYY-MM-DD' → its incidents within [from, to). */
  perDay: ReadonlyMap<string, number>;
  /** Local day → the times (epoch ms) of its incidents within [from, to), for the days a count may cut. */
  times: ReadonlyMap<string, readonly number[]>;
}

export function tallyOfCounts(counts: TallyCounts): Tally {
  const from = counts.from.getTime();
  const to = counts.to.getTime();
  // Days as day numbers: a count finds its day from one clock offset, without formatting a date.
  const perDay = Array.from(counts.perDay, ([day, n]) => [dayNumber(day), n] as const).sort((x, y) => x[0] - y[0]);
  const days = perDay.map(([day]) => day);
  const before: number[] = [0];
  for (const [, n] of perDay) before.push(before[before.length - 1]! + n);
  const total = before[before.length - 1]!;
  const times = new Map([...counts.times].map(([day, list]) => [day, [...list].sort((a, b) => a - b)]));
  const countBefore = (t: number): number => {
    if (t <= from) return 0;
    if (t >= to) return total;
    const wall = localWallMs(t);
    const dayNo = Math.floor(wall / DAY_MS);
    const i = lowerBound(days, dayNo);
    const whole = before[i]!;
    if (wall === dayNo * DAY_MS || days[i] !== dayNo || !perDay[i]![1]) return whole;
    const day = localDayKey(new Date(t));
    const held = times.get(day);
    if (!held) throw new RangeError(`the tally holds no times of ${day}`);
    return whole + lowerBound(held, t);
  };
  return { from, to, total, count: (a, b) => (b <= a ? 0 : countBefore(b) - countBefore(a)) };
}

export function tallyOfIncidents(incidents: readonly CountedIncident[]): Tally {
  const times = incidents.map((i) => i.occurredAt.getTime()).sort((a, b) => a - b);
  return {
    from: Number.NEGATIVE_INFINITY,
    to: Number.POSITIVE_INFINITY,
    total: times.length,
    count: (a, b) => (b <= a ? 0 : lowerBound(times, b) - lowerBound(times, a)),
  };
}

export function asTally(counted: Counted): Tally {
  return Array.isArray(counted) ? tallyOfIncidents(counted as readonly CountedIncident[]) : (counted as Tally);
}

/** The count in each local month of `year` (12 numbers). */
export function countPerMonth(counted: Counted, year: number): number[] {
  const tally = asTally(counted);
  return Array.from({ length: 12 }, (_, m) => tally.count(localInstant(year, m + 1, 1).getTime(), localInstant(year, m + 2, 1).getTime()));
}
