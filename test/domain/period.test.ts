import { describe, expect, it } from 'vitest';
import {
  dayOfYearFraction,
  isPeriodToken,
  parsePeriod,
  samePeriodPreviousYear,
  startOfLocalDay,
  yearToDate,
  type Period,
} from '../../src/domain/period.js';
import { localDayKey, localParts } from '../../src/domain/local-time.js';

// Friday 27 November 2026, 14:03 in Amsterdam (CET, UTC+1).
const NOW = new Date('2026-11-27T13:03:00Z');

function ok(token: string, now: Date = NOW): Period {
  const result = parsePeriod(token, now);
  if (!result.ok) throw new Error(`expected ${token} to parse: ${result.reason.en}`);
  return result.period;
}
function refused(token: string, now: Date = NOW): { nl: string; en: string } {
  const result = parsePeriod(token, now);
  if (result.ok) throw new Error(`expected ${token} to be refused`);
  return result.reason;
}
const iso = (d: Date): string => d.toISOString();
const hours = (p: Period): number => (p.end.getTime() - p.start.getTime()) / 3_600_000;

describe('local calendar helpers', () => {
  it('counts 00:20 on 1 July in Amsterdam as July, although it is still June in UTC', () => {
    const instant = new Date('2025-06-30T22:20:00Z');
    expect(localDayKey(instant)).toBe('2025-07-01');
    expect(localParts(instant).month).toBe(7);
    expect(instant.getTime()).toBeGreaterThanOrEqual(ok('2025-07').start.getTime());
    expect(instant.getTime()).toBeGreaterThanOrEqual(ok('2025-06').end.getTime());
  });

  it('counts 00:30 on 1 January local in the new year', () => {
    const instant = new Date('2024-12-31T23:30:00Z');
    expect(localParts(instant).year).toBe(2025);
    expect(localDayKey(instant)).toBe('2025-01-01');
  });

  it('finds local midnight in winter and summer time', () => {
    expect(iso(startOfLocalDay('2025-01-15'))).toBe('2025-01-14T23:00:00.000Z');
    expect(iso(startOfLocalDay('2025-07-15'))).toBe('2025-07-14T22:00:00.000Z');
    expect(iso(startOfLocalDay('2025-03-31'))).toBe('2025-03-30T22:00:00.000Z');
    expect(iso(startOfLocalDay('2025-10-27'))).toBe('2025-10-26T23:00:00.000Z');
    expect(() => startOfLocalDay('2025-02-29')).toThrow(RangeError);
    expect(() => startOfLocalDay('1 maart')).toThrow(RangeError);
  });

  it('measures the elapsed part of the year in local days, 365 or 366 of them', () => {
    expect(dayOfYearFraction(startOfLocalDay('2025-01-01'))).toBe(0);
    expect(dayOfYearFraction(startOfLocalDay('2024-07-02'))).toBeCloseTo(183 / 366, 12);
    expect(dayOfYearFraction(startOfLocalDay('2025-07-02'))).toBeCloseTo(182 / 365, 12);
    expect(dayOfYearFraction(new Date('2025-12-31T22:59:59.999Z'))).toBeCloseTo(1, 9);
  });

  it('counts a day of 23 or 25 hours as one day', () => {
    // 12:00 CEST on 30 March 2025: 11 of 23 hours elapsed.
    expect(dayOfYearFraction(new Date('2025-03-30T10:00:00Z'))).toBeCloseTo((88 + 11 / 23) / 365, 12);
    // 12:00 CET on 26 October 2025: 13 of 25 hours elapsed.
    expect(dayOfYearFraction(new Date('2025-10-26T11:00:00Z'))).toBeCloseTo((298 + 13 / 25) / 365, 12);
    expect(dayOfYearFraction(startOfLocalDay('2025-03-31'))).toBeCloseTo(89 / 365, 12);
  });
});

describe('parsePeriod: calendar periods', () => {
  it('a year', () => {
    const p = ok('2024');
    expect(p).toMatchObject({ token: '2024', label: { nl: '2024', en: '2024' }, firstDay: '2024-01-01', lastDay: '2024-12-31' });
    expect(iso(p.start)).toBe('2023-12-31T23:00:00.000Z');
    expect(iso(p.end)).toBe('2024-12-31T23:00:00.000Z');
  });

  it('a month, across the change to summer time', () => {
    const p = ok('2025-03');
    expect(p).toMatchObject({ token: '2025-03', label: { nl: 'maart 2025', en: 'March 2025' }, lastDay: '2025-03-31' });
    expect(iso(p.start)).toBe('2025-02-28T23:00:00.000Z');
    expect(iso(p.end)).toBe('2025-03-31T22:00:00.000Z');
    expect(hours(p)).toBe(31 * 24 - 1);
    expect(hours(ok('2025-10'))).toBe(31 * 24 + 1);
  });

  it('February of a leap year', () => {
    expect(ok('2024-02').lastDay).toBe('2024-02-29');
    expect(ok('2025-02').lastDay).toBe('2025-02-28');
  });

  it('a quarter, case-insensitive', () => {
    const p = ok('2025-Q1');
    expect(p).toMatchObject({ token: '2025-q1', label: { nl: '1e kwartaal 2025', en: 'Q1 2025' } });
    expect([p.firstDay, p.lastDay]).toEqual(['2025-01-01', '2025-03-31']);
    expect(ok('2025-q4')).toMatchObject({ firstDay: '2025-10-01', lastDay: '2025-12-31' });
  });

  it('a day range, inclusive', () => {
    const p = ok('2025-01-01..2025-03-31');
    expect(p).toMatchObject({ label: { nl: '1 jan t/m 31 mrt 2025', en: '1 Jan – 31 Mar 2025' }, firstDay: '2025-01-01', lastDay: '2025-03-31' });
    expect(iso(p.end)).toBe('2025-03-31T22:00:00.000Z');
    expect(ok('2024-12-15..2025-01-10').label.nl).toBe('15 dec 2024 t/m 10 jan 2025');
    expect(ok('2025-05-05..2025-05-05').label.nl).toBe('5 mei 2025');
  });

  it('the days of the clock changes last 23 and 25 hours', () => {
    expect(hours(ok('2025-03-30..2025-03-30'))).toBe(23);
    expect(hours(ok('2025-10-26..2025-10-26'))).toBe(25);
    expect(hours(ok('2025-03-29..2025-03-31'))).toBe(71);
  });

  it('ends a period that includes today at now', () => {
    const year = ok('2026');
    expect(year.end).toEqual(NOW);
    expect(year).toMatchObject({ label: { nl: '2026 (tot nu toe)', en: '2026 (to date)' }, lastDay: '2026-11-27' });
    expect(ok('2026-q4').end).toEqual(NOW);
    expect(ok('2026-11-20..2026-12-31')).toMatchObject({ end: NOW, lastDay: '2026-11-27' });
  });

  it('refuses a period wholly in the future', () => {
    expect(refused('2030').nl).toBe('De periode 2030 ligt in de toekomst.');
    expect(refused('2030').en).toBe('The period 2030 lies in the future.');
    expect(refused('2026-12').nl).toBe('De periode december 2026 ligt in de toekomst.');
    expect(refused('2027-q1').nl).toContain('toekomst');
    expect(refused('2026-11-28..2026-11-30').nl).toContain('toekomst');
  });
});

describe('parsePeriod: periods up to now', () => {
  it('vandaag and gisteren', () => {
    const today = ok('vandaag');
    expect(today).toMatchObject({ token: 'vandaag', label: { nl: 'vandaag (27 november 2026)', en: 'today (27 November 2026)' } });
    expect(iso(today.start)).toBe('2026-11-26T23:00:00.000Z');
    expect(today.end).toEqual(NOW);
    const yesterday = ok('Gisteren');
    expect(yesterday).toMatchObject({ token: 'gisteren', firstDay: '2026-11-26', lastDay: '2026-11-26' });
    expect(iso(yesterday.end)).toBe('2026-11-26T23:00:00.000Z');
  });

  it('vandaag shortly after midnight on the day summer time starts', () => {
    const p = ok('vandaag', new Date('2025-03-29T23:20:00Z'));
    expect(p.firstDay).toBe('2025-03-30');
    expect(iso(p.start)).toBe('2025-03-29T23:00:00.000Z');
  });

  it('gisteren on the day after the clocks go back lasts 25 hours', () => {
    expect(hours(ok('gisteren', new Date('2025-10-27T10:00:00Z')))).toBe(25);
  });

  it('week runs from Monday 00:00 local, also across a new year', () => {
    const p = ok('week');
    expect(p.firstDay).toBe('2026-11-23');
    expect(p.label.nl).toBe('deze week (week 48, 2026)');
    const newYear = ok('week', new Date('2026-01-01T11:00:00Z'));
    expect(newYear.firstDay).toBe('2025-12-29');
    expect(newYear.label.en).toBe('this week (week 1, 2026)');
    // Sunday 23:30 local still belongs to the week that started six days earlier.
    expect(ok('week', new Date('2026-11-29T22:30:00Z')).firstDay).toBe('2026-11-23');
  });

  it('maand and jaar', () => {
    expect(ok('maand')).toMatchObject({ firstDay: '2026-11-01', end: NOW, label: { nl: 'deze maand tot nu toe (november 2026)' } });
    expect(ok('jaar')).toMatchObject({ token: 'jaar', firstDay: '2026-01-01', lastDay: '2026-11-27', end: NOW });
    expect(ok('jaar').label).toEqual({ nl: 'dit jaar tot nu toe (2026)', en: 'year to date (2026)' });
  });

  it('Nd: the last N local days including today', () => {
    expect(ok('7d')).toMatchObject({ firstDay: '2026-11-21', lastDay: '2026-11-27', end: NOW, label: { nl: 'laatste 7 dagen', en: 'last 7 days' } });
    expect(ok('30d').firstDay).toBe('2026-10-29');
    expect(ok('1d').firstDay).toBe('2026-11-27');
    expect(ok('366d').firstDay).toBe('2025-11-27');
    // Across the start of summer time the first day still starts at local midnight.
    expect(iso(ok('7d', new Date('2025-03-31T10:00:00Z')).start)).toBe('2025-03-24T23:00:00.000Z');
    expect(refused('0d').nl).toContain('tussen 1 en 366');
    expect(refused('367d').en).toContain('between 1 and 366');
  });
});

describe('parsePeriod: bad tokens', () => {
  it('names unknown tokens and gives examples', () => {
    expect(refused('2025-13')).toEqual({
      nl: 'Onbekende periode ‘2025-13’. Voorbeelden: 2024, 2025-03, 2025-Q1, vandaag, 7d, 2025-01-01..2025-03-31.',
      en: 'Unknown period ‘2025-13’. Examples: 2024, 2025-03, 2025-Q1, vandaag, 7d, 2025-01-01..2025-03-31.',
    });
    for (const t of ['', 'morgen', '2025-q5', '25', '2025-3', '2025/03', '1000d', '2025-01-01..', 'Den Haag']) {
      expect(refused(t).nl).toMatch(/^Onbekende periode/);
    }
  });

  it('refuses years outside 2000-2099', () => {
    expect(refused('1999').nl).toContain('1999');
    expect(refused('2100-01').nl).toContain('2100');
    expect(refused('1999-12-01..2000-01-31').en).toContain('1999');
  });

  it('refuses invalid dates, reversed ranges and ranges over five years', () => {
    expect(refused('2025-02-29..2025-03-01').nl).toBe('‘2025-02-29’ is geen geldige datum.');
    expect(refused('2025-01-01..2025-04-31').en).toBe('‘2025-04-31’ is not a valid date.');
    expect(refused('2025-03-31..2025-01-01').nl).toContain('na de einddatum');
    expect(ok('2024-02-29..2024-02-29').lastDay).toBe('2024-02-29');
    expect(ok('2020-01-01..2024-12-31').lastDay).toBe('2024-12-31');
    expect(refused('2020-01-01..2025-01-01').nl).toContain('5 jaar');
  });
});

describe('isPeriodToken', () => {
  const shapes = ['2024', '2025-03', '2025-Q1', '2025-q4', 'vandaag', 'GISTEREN', 'week', 'maand', 'jaar', '7d', '30d', '0d', '999d', '1999', '2030', '2025-01-01..2025-03-31', '2025-02-30..2025-01-01'];
  const others = ['2025-13', '2025-00', '2025-q5', 'morgen', '1000d', 'd', '2025-1', 'den', 'Rotterdam', '2025-01-01..2025-3-1', ''];

  it('recognises the shapes parsePeriod accepts', () => {
    for (const t of shapes) expect(isPeriodToken(t), t).toBe(true);
    for (const t of others) expect(isPeriodToken(t), t).toBe(false);
  });

  it('agrees with parsePeriod: only tokens without the shape are unknown', () => {
    for (const t of [...shapes, ...others]) {
      const result = parsePeriod(t, NOW);
      const unknown = !result.ok && result.reason.nl.startsWith('Onbekende periode');
      expect(unknown, t).toBe(!isPeriodToken(t));
    }
  });
});

describe('samePeriodPreviousYear', () => {
  it('maps calendar periods to the same calendar period', () => {
    expect(samePeriodPreviousYear(ok('2025'))).toMatchObject({ token: '2024', label: { nl: '2024' }, lastDay: '2024-12-31' });
    expect(samePeriodPreviousYear(ok('2025-q1'))).toMatchObject({ token: '2024-q1', label: { nl: '1e kwartaal 2024', en: 'Q1 2024' } });
    expect(samePeriodPreviousYear(ok('2025-02'))).toMatchObject({ token: '2024-02', lastDay: '2024-02-29' });
    expect(samePeriodPreviousYear(ok('2024-02'))).toMatchObject({ token: '2023-02', firstDay: '2023-02-01', lastDay: '2023-02-28' });
  });

  it('maps a leap day to 28 February', () => {
    const p = samePeriodPreviousYear(ok('2024-02-29..2024-02-29'));
    expect(p).toMatchObject({ token: '2023-02-28..2023-02-28', firstDay: '2023-02-28', lastDay: '2023-02-28', label: { nl: '28 feb 2023' } });
    expect(hours(p)).toBe(24);
  });

  it('keeps the local clock time of a to-date end', () => {
    const p = samePeriodPreviousYear(ok('jaar'));
    expect(iso(p.start)).toBe('2024-12-31T23:00:00.000Z');
    expect(iso(p.end)).toBe('2025-11-27T13:03:00.000Z');
    expect(p).toMatchObject({ token: '2025-01-01..2025-11-27', label: { nl: '1 jan t/m 27 nov 2025', en: '1 Jan – 27 Nov 2025' } });
    // 14:03 in summer stays 14:03 local when the year before was in winter time on that date.
    const summer = samePeriodPreviousYear(ok('vandaag', new Date('2025-03-30T12:03:00Z')));
    expect(iso(summer.end)).toBe('2024-03-30T13:03:00.000Z');
  });
});

describe('yearToDate', () => {
  it('runs from 1 January local to asOf', () => {
    const p = yearToDate(2026, NOW);
    expect(iso(p.start)).toBe('2025-12-31T23:00:00.000Z');
    expect(p.end).toEqual(NOW);
    expect(p).toMatchObject({ firstDay: '2026-01-01', lastDay: '2026-11-27', label: { nl: '1 jan t/m 27 nov 2026' } });
  });

  it('stops at the end of the year', () => {
    const p = yearToDate(2024, NOW);
    expect(p).toMatchObject({ token: '2024', lastDay: '2024-12-31' });
    expect(iso(p.end)).toBe('2024-12-31T23:00:00.000Z');
  });

  it('is empty before the year has begun', () => {
    const p = yearToDate(2027, NOW);
    expect(p.end).toEqual(p.start);
  });
});
