// Calendar and working days are counted on local dates without a time zone library; these compare them with
// luxon's answers for every day of several years, and the local times of a day around the clock changes.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, atLocalTime, daysBetween, isWorkingDay } from '../../src/domain/working-days.js';

const ZONE = 'Europe/Amsterdam';
const days: string[] = [];
for (let d = DateTime.fromISO('2023-01-01', { zone: ZONE }); d.year < 2031; d = d.plus({ days: 1 })) days.push(d.toISODate()!);

describe('working days', () => {
  it('add and count calendar days as luxon does, every day of 2023-2030', () => {
    const wrong: string[] = [];
    for (const day of days) {
      const luxon = DateTime.fromISO(day, { zone: ZONE });
      for (const k of [-400, -1, 0, 1, 6, 100]) {
        if (addCalendarDays(day, k) !== luxon.plus({ days: k }).toISODate()) wrong.push(`${day} + ${k}`);
      }
      if (daysBetween('2024-02-29', day) !== Math.round(luxon.diff(DateTime.fromISO('2024-02-29', { zone: ZONE }), 'days').days)) wrong.push(`between ${day}`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('know weekends and public holidays', () => {
    expect(isWorkingDay('2025-04-26')).toBe(false);
    expect(isWorkingDay('2025-04-27')).toBe(false);
    expect(isWorkingDay('2025-04-28')).toBe(true);
    expect(isWorkingDay('2025-12-25')).toBe(false);
    expect(days.filter((day) => DateTime.fromISO(day, { zone: ZONE }).weekday > 5).some(isWorkingDay)).toBe(false);
  });

  it('give the instant of every local hour as luxon does, on the days the clocks change too', () => {
    const wrong: string[] = [];
    for (const day of ['2025-03-30', '2025-10-26', '2024-03-31', '2024-10-27', '2025-06-15', '2025-01-15']) {
      for (let hour = 0; hour < 24; hour++) {
        for (const minute of [0, 30]) {
          const theirs = DateTime.fromISO(day, { zone: ZONE }).set({ hour, minute, second: 0, millisecond: 0 }).toMillis();
          if (atLocalTime(day, hour, minute).getTime() !== theirs) wrong.push(`${day} ${hour}:${minute}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuse what is not a local date', () => {
    for (const bad of ['2025-02-30', '2025-2-1', 'gisteren', '2025-13-01', '']) expect(() => addCalendarDays(bad, 1), bad).toThrow(RangeError);
  });
});
