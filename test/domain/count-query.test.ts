// A day key's number is the one Date.UTC gives for its year, month and day, on every day of the years
// the register can hold and on those before year 100 that Date.UTC takes for 19xx.
import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/domain/count-query.js';

const DAY_MS = 86_400_000;
const byDate = (key: string) => Date.UTC(Number(key.slice(0, 4)), Number(key.slice(5, 7)) - 1, Number(key.slice(8, 10))) / DAY_MS;

describe('dayNumber', () => {
  it('reads every day from 1990 to 2100 as its date does', () => {
    for (let day = Date.UTC(1990, 0, 1) / DAY_MS; day < Date.UTC(2101, 0, 1) / DAY_MS; day++) {
      const key = new Date(day * DAY_MS).toISOString().slice(0, 10);
      if (dayNumber(key) !== day) expect(dayNumber(key), key).toBe(day);
    }
  });

  it('rolls over and reads two-digit years as Date.UTC does', () => {
    for (const key of ['2025-02-29', '2025-12-32', '0025-06-01', '0099-12-31', '2024-00-10']) expect(dayNumber(key), key).toBe(byDate(key));
  });
});
