// One municipality's attacks this year and the year before, counted up per local day, for the chart of a
// digest narrowed to that municipality. Pure: the incidents and the moment are passed in.
import { dayNumber } from './count-query.js';
import { daysOfYear, isLeapYear, localDayKey } from './local-time.js';
import type { CountedIncident } from './types.js';

export interface MunicipalityPaths {
  /** Every local day of `year`, `YYYY-MM-DD`. */
  days: string[];
  /** This year's count up to and including each day; null for days after `asOf`'s. */
  current: (number | null)[];
  /** The previous year's count up to the same calendar day (28 February stands in for the 29th). */
  previous: number[];
  /** This year's count up to `asOf`. */
  total: number;
}

export function municipalityPaths(incidents: readonly CountedIncident[], municipalityCode: string, year: number, asOf: Date): MunicipalityPaths {
  const perDay = new Map<string, number>();
  for (const incident of incidents) {
    if (incident.municipalityCode !== municipalityCode || incident.occurredAt.getTime() >= asOf.getTime()) continue;
    const day = localDayKey(incident.occurredAt);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  return municipalityPathsOfDays(perDay, year, asOf);
}

/** The same paths from the municipality's counts per local day ('YYYY-MM-DD' → count, before `asOf`). */
export function municipalityPathsOfDays(perDay: ReadonlyMap<string, number>, year: number, asOf: Date): MunicipalityPaths {
  const first = dayNumber(`${year}-01-01`);
  const previousFirst = dayNumber(`${year - 1}-01-01`);
  const days = daysOfYear(year);
  // Each day's count at its index in `year`, from the few days that have incidents rather than a look-up per day.
  const current = new Array<number>(days.length).fill(0);
  const previous = new Array<number>(days.length).fill(0);
  const shift = isLeapYear(year - 1) ? -1 : isLeapYear(year) ? 1 : 0;
  for (const [key, n] of perDay) {
    const day = dayNumber(key);
    if (day >= first && day < first + days.length) current[day - first]! += n;
    else if (day >= previousFirst && day < first) previous[sameDayIndex(day - previousFirst, shift)]! += n;
  }
  const today = dayNumber(localDayKey(asOf)) - first;
  const result: MunicipalityPaths = { days: [...days], current: [], previous: [], total: 0 };
  let currentSum = 0;
  let previousSum = 0;
  for (let i = 0; i < days.length; i++) {
    currentSum += current[i]!;
    previousSum += previous[i]!;
    result.current.push(i <= today ? currentSum : null);
    result.previous.push(previousSum);
    if (i <= today) result.total = currentSum;
  }
  return result;
}

/** Index of 29 February in a leap year, of 1 March in another. */
const LEAP_DAY = 59;

/**
 * The index in the year of the same calendar day as day `i` of the year before; `shift` is -1 when that year
 * was a leap year (its 29 February counts on the 28th), 1 when this one is, else 0.
 */
function sameDayIndex(i: number, shift: number): number {
  if (i < LEAP_DAY) return i;
  if (shift < 0 && i === LEAP_DAY) return LEAP_DAY - 1;
  return i + shift;
}
