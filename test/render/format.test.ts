// Dates in replies are written from Amsterdam local time without luxon; they read as luxon's nl-NL and
// en-GB formats did: `1 maart 2025`, `1 March 2025 14:05`, and an exclusive end as the last whole day.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatNumber, formatThrough } from '../../src/render/format.js';

const LOCALES = { nl: 'nl-NL', en: 'en-GB' } as const;
const HOUR = 3_600_000;
const asLuxon = (instant: Date, lang: 'nl' | 'en', format: string) =>
  DateTime.fromJSDate(instant, { zone: 'Europe/Amsterdam' }).setLocale(LOCALES[lang]).toFormat(format);
function luxonThrough(end: Date, lang: 'nl' | 'en'): string {
  const local = DateTime.fromJSDate(end, { zone: 'Europe/Amsterdam' });
  if (local.equals(local.startOf('day'))) return asLuxon(local.minus({ days: 1 }).toJSDate(), lang, 'd LLLL yyyy');
  return asLuxon(end, lang, 'd LLLL yyyy HH:mm');
}

// Every month of two years a few times a day, and each hour of the days the clocks change.
const instants = [
  ...Array.from({ length: 2 * 365 * 3 }, (_, i) => new Date(Date.UTC(2024, 0, 1) + i * 8 * HOUR - 1)),
  ...[Date.UTC(2025, 2, 29), Date.UTC(2025, 9, 25), Date.UTC(2024, 11, 31)].flatMap((day) => Array.from({ length: 72 }, (_, h) => new Date(day + h * HOUR))),
  new Date('2025-06-30T22:00:00Z'),
  new Date('2025-06-30T22:00:00.001Z'),
];

describe('dates as text', () => {
  it.each(['nl', 'en'] as const)('writes %s dates and times as luxon did', (lang) => {
    const wrong = instants.filter(
      (d) =>
        formatDate(d, lang) !== asLuxon(d, lang, 'd LLLL yyyy') ||
        formatDateTime(d, lang) !== asLuxon(d, lang, 'd LLLL yyyy HH:mm') ||
        formatThrough(d, lang) !== luxonThrough(d, lang),
    );
    expect(wrong.map((d) => d.toISOString()).slice(0, 5)).toEqual([]);
  });

  it('writes an end at local midnight as the day before', () => {
    expect(formatThrough(new Date('2025-06-30T22:00:00Z'), 'nl')).toBe('30 juni 2025');
    expect(formatThrough(new Date('2025-06-30T22:00:00.001Z'), 'en')).toBe('1 July 2025 00:00');
    expect(formatDateTime(new Date('2025-10-26T01:30:00Z'), 'nl')).toBe('26 oktober 2025 02:30');
  });
});

describe('numbers as text', () => {
  it.each(['nl', 'en'] as const)('writes %s numbers as Intl does, the small counts it keeps once written included', (lang) => {
    const intl = (value: number, digits: number) =>
      new Intl.NumberFormat(LOCALES[lang], { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
    const values = [...Array.from({ length: 1100 }, (_, i) => i), -0, -1, -999, 0.5, 2.5, 999.4, 999.6, 1234.5, 1e21, Number.NaN];
    for (const digits of [0, 1, 2]) {
      // Twice: once writing a small count, once reading it back.
      for (let round = 0; round < 2; round++) {
        expect(values.filter((v) => formatNumber(v, lang, digits) !== intl(v, digits))).toEqual([]);
      }
    }
  });
});
