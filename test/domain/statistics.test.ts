import { describe, expect, it } from 'vitest';
import {
  breakdown,
  comparePeriods,
  countByHourBand,
  countByLocalDay,
  countByLocalHour,
  countByLocalMonth,
  countByLocalMonthKey,
  nightShare,
} from '../../src/domain/statistics.js';
import { localDayKey, localInstant, localParts } from '../../src/domain/local-time.js';
import type { CountedIncident } from '../../src/domain/types.js';

function at(iso: string, extra: Partial<CountedIncident> = {}): CountedIncident {
  return {
    occurredAt: new Date(iso),
    municipalityCode: 'GM0363',
    target: 'woning',
    outcome: 'explosie',
    means: 'vuurwerk',
    ...extra,
  };
}

describe('local time', () => {
  it('converts to Amsterdam wall time in winter and summer', () => {
    expect(localParts(new Date('2025-01-15T23:30:00Z'))).toMatchObject({ year: 2025, month: 1, day: 16, hour: 0 });
    expect(localParts(new Date('2025-06-30T22:20:00Z'))).toMatchObject({ month: 7, day: 1, hour: 0, minute: 20 });
  });

  it('finds local midnight on both sides of the DST changes', () => {
    expect(localInstant(2025, 3, 30).toISOString()).toBe('2025-03-29T23:00:00.000Z');
    expect(localInstant(2025, 3, 31).toISOString()).toBe('2025-03-30T22:00:00.000Z');
    expect(localInstant(2025, 10, 26).toISOString()).toBe('2025-10-25T22:00:00.000Z');
    expect(localInstant(2025, 10, 27).toISOString()).toBe('2025-10-26T23:00:00.000Z');
    expect(localInstant(2024, 12, 32).toISOString()).toBe('2024-12-31T23:00:00.000Z');
  });

  it('moves a time in the spring-forward gap forward', () => {
    expect(localInstant(2025, 3, 30, 2, 30).toISOString()).toBe('2025-03-30T01:30:00.000Z');
  });

  it('keys days in local time', () => {
    expect(localDayKey(new Date('2024-12-31T23:05:00Z'))).toBe('2025-01-01');
  });
});

describe('breakdown', () => {
  it('counts every category, zeros included', () => {
    const b = breakdown([
      at('2025-01-01T01:00:00Z'),
      at('2025-01-02T01:00:00Z', { target: 'bedrijf', outcome: 'poging', means: 'handgranaat' }),
      at('2025-01-03T01:00:00Z', { target: 'bedrijf' }),
    ]);
    expect(b).toEqual({
      total: 3,
      byTarget: { woning: 1, bedrijf: 2, voertuig: 0, overig: 0 },
      byOutcome: { explosie: 2, poging: 1 },
      byMeans: { vuurwerk: 2, explosief: 0, handgranaat: 1, onbekend: 0 },
    });
  });

  it('is all zeros for no incidents', () => {
    expect(breakdown([]).total).toBe(0);
    expect(breakdown([]).byTarget.overig).toBe(0);
  });
});

describe('comparePeriods', () => {
  it('gives the change as a fraction', () => {
    const cur = Array.from({ length: 1543 }, () => at('2024-05-01T12:00:00Z'));
    const prev = Array.from({ length: 901 }, () => at('2023-05-01T12:00:00Z'));
    const c = comparePeriods(cur, prev);
    expect(c.current.total).toBe(1543);
    expect(c.previous.total).toBe(901);
    expect(c.change).toBeCloseTo(0.7125, 4); // the letter's "+71%"
  });

  it('has no change against an empty previous period', () => {
    expect(comparePeriods([at('2025-01-01T12:00:00Z')], []).change).toBeNull();
    expect(comparePeriods([], []).change).toBeNull();
  });
});

describe('buckets', () => {
  it('puts 00:20 local on 1 July in July', () => {
    const months = countByLocalMonth([at('2025-06-30T22:20:00Z'), at('2025-06-30T21:59:00Z')], 2025);
    expect(months).toHaveLength(12);
    expect(months[5]).toBe(1);
    expect(months[6]).toBe(1);
  });

  it('counts only the requested local year', () => {
    const months = countByLocalMonth([at('2024-12-31T23:30:00Z'), at('2024-12-31T22:30:00Z')], 2025);
    expect(months[0]).toBe(1);
    expect(months.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('counts by local day and month key, sorted', () => {
    const rows = [at('2025-10-26T23:30:00Z'), at('2025-10-26T22:30:00Z'), at('2025-03-01T10:00:00Z')];
    expect([...countByLocalDay(rows)]).toEqual([
      ['2025-03-01', 1],
      ['2025-10-26', 1],
      ['2025-10-27', 1],
    ]);
    expect([...countByLocalMonthKey(rows)]).toEqual([
      ['2025-03', 1],
      ['2025-10', 2],
    ]);
  });

  it('counts by local hour and hour band', () => {
    const rows = [
      at('2025-01-10T01:30:00Z'), // 02:30 CET
      at('2025-07-10T01:30:00Z'), // 03:30 CEST
      at('2025-07-10T03:30:00Z'), // 05:30 CEST
      at('2025-07-10T10:00:00Z'), // 12:00 CEST
      at('2025-07-10T21:00:00Z'), // 23:00 CEST
    ];
    const hours = countByLocalHour(rows);
    expect(hours[2]).toBe(1);
    expect(hours[3]).toBe(1);
    expect(hours[5]).toBe(1);
    expect(countByHourBand(rows)).toEqual({ nacht: 3, ochtend: 0, middag: 1, avond: 1 });
    expect(nightShare(rows)).toBeCloseTo(2 / 5);
  });

  it('has no night share without incidents', () => {
    expect(nightShare([])).toBeNull();
  });
});
