// The municipality chart's paths, worked out from the days that have incidents, are those of walking every
// day of both years and looking each up by its date: across leap years on either side, with days outside
// the two years, and with the moment before, inside and after the year.
import { describe, expect, it } from 'vitest';
import { isLeapYear, localDayKey, localInstant } from '../../src/domain/local-time.js';
import { municipalityPathsOfDays, type MunicipalityPaths } from '../../src/domain/municipality-paths.js';
import { seededRandom } from '../../src/domain/seeded-random.js';

/** The paths as they were first written: a look-up per day by its 'YYYY-MM-DD' key. */
function referencePaths(perDay: ReadonlyMap<string, number>, year: number, asOf: Date): MunicipalityPaths {
  const today = localDayKey(asOf);
  const result: MunicipalityPaths = { days: [], current: [], previous: [], total: 0 };
  let current = 0;
  let previous = 0;
  for (let i = 0; i < (isLeapYear(year) ? 366 : 365); i++) {
    const day = new Date(Date.UTC(year, 0, 1 + i)).toISOString().slice(0, 10);
    const monthDay = day.slice(5);
    current += perDay.get(day) ?? 0;
    if (!(monthDay === '02-29' && !isLeapYear(year - 1))) previous += perDay.get(`${year - 1}-${monthDay}`) ?? 0;
    if (monthDay === '02-28' && !isLeapYear(year) && isLeapYear(year - 1)) previous += perDay.get(`${year - 1}-02-29`) ?? 0;
    result.days.push(day);
    result.current.push(day <= today ? current : null);
    result.previous.push(previous);
    if (day <= today) result.total = current;
  }
  return result;
}

const random = seededRandom(11);
const dayKey = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('municipality paths from counts per day', () => {
  it('match a look-up per day on random counts', () => {
    for (const year of [2023, 2024, 2025, 2028, 2029]) {
      for (let round = 0; round < 25; round++) {
        const perDay = new Map<string, number>();
        const spread = Math.floor(random() * 400);
        // Days from the year before last to the year after, so some fall outside both years.
        const start = Date.UTC(year - 2, 11, 1);
        for (let k = 0; k < spread; k++) {
          const key = dayKey(start + Math.floor(random() * 800) * 86_400_000);
          perDay.set(key, (perDay.get(key) ?? 0) + 1 + Math.floor(random() * 3));
        }
        // Always the leap days and the days around them, which the years line up differently.
        for (const y of [year - 1, year]) {
          for (const key of [`${y}-02-28`, ...(isLeapYear(y) ? [`${y}-02-29`] : []), `${y}-03-01`]) {
            if (random() < 0.7) perDay.set(key, 1 + Math.floor(random() * 5));
          }
        }
        const asOf = localInstant(year - 1 + Math.floor(random() * 3), 1 + Math.floor(random() * 12), 1 + Math.floor(random() * 28), Math.floor(random() * 24));
        expect(municipalityPathsOfDays(perDay, year, asOf), `${year} ${asOf.toISOString()}`).toEqual(referencePaths(perDay, year, asOf));
      }
    }
  });

  it('are counted from 1 January on the last and the first moment of the year', () => {
    const perDay = new Map([['2024-12-31', 2], ['2025-01-01', 3], ['2025-12-31', 4]]);
    for (const asOf of [localInstant(2025, 1, 1), localInstant(2025, 12, 31, 23, 59), localInstant(2026, 1, 1)]) {
      expect(municipalityPathsOfDays(perDay, 2025, asOf)).toEqual(referencePaths(perDay, 2025, asOf));
    }
  });

  it('give every chart its own list of days', () => {
    const a = municipalityPathsOfDays(new Map(), 2025, localInstant(2025, 6, 1));
    a.days.pop();
    expect(municipalityPathsOfDays(new Map(), 2025, localInstant(2025, 6, 1)).days).toHaveLength(365);
  });
});
