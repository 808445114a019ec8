// Day arithmetic on local dates is done on the calendar alone, without luxon; it agrees with luxon's
// Amsterdam answers on every day of ten years, across clock changes and leap days.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, daysBetween, isWorkingDay } from '../../src/domain/working-days.js';

const local = (day: string) => DateTime.fromISO(day, { zone: 'Europe/Amsterdam' });
const days = Array.from({ length: 3653 }, (_, i) => new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10));

describe('local dates without luxon', () => {
  it('adds days, counts days between and knows the weekend as luxon does, every day of 2020–2029', () => {
    const wrong: string[] = [];
    for (const [i, day] of days.entries()) {
      const step = (i % 61) - 30;
      if (addCalendarDays(day, step) !== local(day).plus({ days: step }).toISODate()) wrong.push(`${day} + ${step}`);
      const other = days[(i * 7919) % days.length]!;
      if (daysBetween(day, other) !== Math.round(local(other).diff(local(day), 'days').days)) wrong.push(`${day} → ${other}`);
      if (local(day).weekday > 5 && isWorkingDay(day)) wrong.push(`weekend ${day}`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('refuses what is not a date', () => {
    expect(() => addCalendarDays('2025-02-29', 1)).toThrow(RangeError);
    expect(() => daysBetween('2025-13-01', '2025-01-01')).toThrow(RangeError);
    expect(() => isWorkingDay('1 maart')).toThrow(RangeError);
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(daysBetween('2025-03-29', '2025-03-31')).toBe(2);
  });
});
