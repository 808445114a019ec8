// One municipality's attacks this year and the year before, counted up per local day, for the chart of a
// digest narrowed to that municipality. Pure: the incidents and the moment are passed in.
import { isLeapYear, localDayKey } from './local-time.js';
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
  const today = localDayKey(asOf);
  const result: MunicipalityPaths = { days: [], current: [], previous: [], total: 0 };
  let current = 0;
  let previous = 0;
  const dayCount = isLeapYear(year) ? 366 : 365;
  for (let i = 0; i < dayCount; i++) {
    const day = new Date(Date.UTC(year, 0, 1 + i)).toISOString().slice(0, 10);
    const monthDay = day.slice(5);
    current += perDay.get(day) ?? 0;
    if (!(monthDay === '02-29' && !isLeapYear(year - 1))) previous += perDay.get(`${year - 1}-${monthDay}`) ?? 0;
    // The previous year's 29 February (this year has none) counts on the 28th.
    if (monthDay === '02-28' && !isLeapYear(year) && isLeapYear(year - 1)) previous += perDay.get(`${year - 1}-02-29`) ?? 0;
    result.days.push(day);
    result.current.push(day <= today ? current : null);
    result.previous.push(previous);
    if (day <= today) result.total = current;
  }
  return result;
}
