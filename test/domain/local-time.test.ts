// Amsterdam local time is computed from the EU summer-time rule instead of asking Intl (through luxon) for
// every offset; these compare it with luxon's answers hour by hour, around every clock change and at midnights.
import { DateTime, IANAZone } from 'luxon';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addLocal, civilDate, daysInMonth, isLocalMidnight, localInstant, localParts } from '../../src/domain/local-time.js';

const ZONE = 'Europe/Amsterdam';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const zone = IANAZone.create(ZONE);
const luxon = (ts: number) => DateTime.fromMillis(ts, { zone: ZONE });
const partsOf = (d: DateTime) => ({ year: d.year, month: d.month, day: d.day, hour: d.hour, minute: d.minute });

/** The instants within `hours` of each clock change of these years: every quarter of an hour and a millisecond either side. */
function aroundClockChanges(fromYear: number, toYear: number, hours = 3): number[] {
  const out: number[] = [];
  for (let year = fromYear; year <= toYear; year++) {
    for (const month of [3, 10]) {
      const lastDay = Date.UTC(year, month, 0, 1);
      const change = lastDay - new Date(lastDay).getUTCDay() * DAY;
      for (let t = change - hours * HOUR; t <= change + hours * HOUR; t += HOUR / 4) out.push(t - 1, t, t + 1);
    }
  }
  return out;
}

describe('Amsterdam local time against luxon', () => {
  it('reads the same local parts and midnights every hour from 2015 to 2030', () => {
    const wrong: string[] = [];
    for (let t = Date.UTC(2015, 0, 1); t < Date.UTC(2031, 0, 1); t += HOUR) {
      const wall = new Date(t + zone.offset(t) * 60_000);
      const theirs = { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate(), hour: wall.getUTCHours(), minute: wall.getUTCMinutes() };
      if (JSON.stringify(localParts(new Date(t))) !== JSON.stringify(theirs)) wrong.push(new Date(t).toISOString());
      if (isLocalMidnight(new Date(t)) !== (theirs.hour === 0)) wrong.push(`midnight ${new Date(t).toISOString()}`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  }, 60_000);

  it('reads the same local parts around every clock change to 2099, and before and after the rule', () => {
    const wrong: string[] = [];
    for (const t of [...aroundClockChanges(1975, 2099), Date.UTC(1900, 5, 1), Date.UTC(1940, 5, 1), Date.UTC(2100, 6, 1), Date.UTC(2150, 0, 1)]) {
      if (JSON.stringify(localParts(new Date(t))) !== JSON.stringify(partsOf(luxon(t)))) wrong.push(new Date(t).toISOString());
      if (isLocalMidnight(new Date(t)) !== (luxon(t).toMillis() === luxon(t).startOf('day').toMillis())) wrong.push(`midnight ${t}`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  }, 60_000);

  it('finds the same instant for every local hour of the days around a clock change and every midnight', () => {
    const wrong: string[] = [];
    const check = (year: number, month: number, day: number, hour: number, minute: number) => {
      const ours = localInstant(year, month, day, hour, minute).getTime();
      const theirs = DateTime.fromObject({ year, month, day, hour, minute }, { zone: ZONE }).toMillis();
      if (ours !== theirs) wrong.push(`${year}-${month}-${day} ${hour}:${minute}`);
    };
    for (let day = Date.UTC(1994, 0, 1); day < Date.UTC(2041, 0, 1); day += DAY) {
      const d = new Date(day);
      check(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), 0, 0);
    }
    for (const t of aroundClockChanges(1996, 2060).filter((_, i) => i % 3 === 1)) {
      const d = new Date(t);
      for (const minute of [0, 30, 59]) check(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), minute);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  }, 60_000);

  it('adds years, months and days as luxon does: clamped month ends, and the same choice in the hour that comes twice', () => {
    const wrong: string[] = [];
    const steps = [{ years: 1 }, { years: -1 }, { years: -5 }, { months: 1 }, { months: -1 }, { months: 3 }, { days: 1 }, { days: -1 }, { days: -6 }, { days: 7 }];
    const instants = [
      // A day before or after a change, a day step lands in the hour that comes twice or the one skipped.
      ...aroundClockChanges(2019, 2028, 26).filter((_, i) => i % 7 === 0),
      ...[2020, 2023, 2024, 2025, 2028].flatMap((y) => [Date.UTC(y, 1, 28, 23), Date.UTC(y, 1, 29, 11, 7, 5, 3), Date.UTC(y, 0, 30, 23), Date.UTC(y, 11, 31, 23, 30)]),
    ];
    for (const t of instants) {
      for (const step of steps) {
        if (addLocal(new Date(t), step).getTime() !== luxon(t).plus(step).toMillis()) wrong.push(`${new Date(t).toISOString()} ${JSON.stringify(step)}`);
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  }, 60_000);

  it('counts the days of each month, also past December', () => {
    expect([2023, 2024, 1900, 2000].map((y) => daysInMonth(y, 2))).toEqual([28, 29, 28, 29]);
    expect(daysInMonth(2024, 13)).toBe(31);
    expect(daysInMonth(2025, 14)).toBe(28);
    expect(daysInMonth(2025, 0)).toBe(31);
  });
});

describe('Amsterdam local time, what it loads', () => {
  afterEach(() => vi.restoreAllMocks());

  it('makes the time-zone data only for a year outside the summer-time rule, never on import', async () => {
    vi.resetModules();
    const create = vi.spyOn(IANAZone, 'create');
    const fresh = await import('../../src/domain/local-time.js');
    expect(fresh.localParts(new Date('2025-07-01T10:30:00Z'))).toEqual({ year: 2025, month: 7, day: 1, hour: 12, minute: 30 });
    expect(fresh.localParts(new Date('2025-01-01T10:30:00Z'))).toEqual({ year: 2025, month: 1, day: 1, hour: 11, minute: 30 });
    expect(create).not.toHaveBeenCalled();
    fresh.localParts(new Date('1950-07-01T10:30:00Z'));
    expect(create).toHaveBeenCalledTimes(1);
  });
});

describe('calendar dates of day numbers', () => {
  it('reads every day from 1600 to 2400 as the UTC calendar does, leap days and centuries included', () => {
    const wrong: number[] = [];
    for (let dayNo = Date.UTC(1600, 0, 1) / DAY; dayNo < Date.UTC(2400, 0, 1) / DAY; dayNo++) {
      const date = new Date(dayNo * DAY);
      const { year, month, day } = civilDate(dayNo);
      if (year !== date.getUTCFullYear() || month !== date.getUTCMonth() + 1 || day !== date.getUTCDate()) wrong.push(dayNo);
    }
    expect(wrong).toEqual([]);
  });
});
