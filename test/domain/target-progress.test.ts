import { describe, expect, it } from 'vitest';
import { localInstant } from '../../src/domain/local-time.js';
import {
  chooseBaselineSource,
  cumulativePaths,
  targetCap,
  targetProgress,
  type BaselineSource,
} from '../../src/domain/target-progress.js';
import type { CountedIncident, TargetDefinition } from '../../src/domain/types.js';

const TARGET: TargetDefinition = { year: 2025, baselineYear: 2024, reductionPercent: 10 };

function inc(occurredAt: Date): CountedIncident {
  return { occurredAt, municipalityCode: 'GM0599', target: 'woning', outcome: 'explosie', means: 'vuurwerk' };
}

/** `n` incidents at a local wall time. */
function many(n: number, year: number, month: number, day: number, hour = 3): CountedIncident[] {
  return Array.from({ length: n }, () => inc(localInstant(year, month, day, hour)));
}

/** `n` incidents on the first `days` local days of the year, round-robin. */
function spread(n: number, year: number, days: number): CountedIncident[] {
  return Array.from({ length: n }, (_, i) => inc(localInstant(year, 1, 1 + (i % days), 3)));
}

const yearly: BaselineSource = { kind: 'yearly', total: 1543 };

describe('the cap', () => {
  it('is 1,388 for at least 10% fewer than 1,543', () => {
    expect(targetCap(1543, 10)).toBe(1388);
    const p = targetProgress({ target: TARGET, asOf: localInstant(2025, 5, 1), currentYear: [], baseline: yearly });
    expect(p.cap).toBe(1388);
    expect(p.baselineTotal).toBe(1543);
  });

  it('survives floating point at exact values', () => {
    expect(targetCap(1000, 10)).toBe(900);
    expect(targetCap(1550, 10)).toBe(1395);
    expect(targetCap(1543, 12.5)).toBe(1350);
    expect(targetCap(0, 10)).toBe(0);
  });
});

describe('day-proportional (yearly total only)', () => {
  const half = localInstant(2025, 7, 2, 12); // 182.5 of 365 days

  it('halves the baseline after half a year', () => {
    const p = targetProgress({ target: TARGET, asOf: half, currentYear: spread(694, 2025, 180), baseline: yearly });
    expect(p.method).toBe('day-proportional');
    expect(p.yearComplete).toBe(false);
    expect(p.baselineSamePeriod).toBeCloseTo(771.5, 9);
    expect(p.allowanceToDate).toBeCloseTo(694.35, 9);
    expect(p.yearToDate).toBe(694);
    expect(p.status).toBe('op-koers');
    expect(p.projection).toBeCloseTo(1388, 9);
    expect(p.roomLeft).toBe(694);
    expect(p.changeAgainstBaseline).toBeCloseTo(694 / 771.5 - 1, 12);
  });

  it('is off course one attack above the allowance', () => {
    const p = targetProgress({ target: TARGET, asOf: half, currentYear: spread(695, 2025, 180), baseline: yearly });
    expect(p.status).toBe('niet-op-koers');
  });

  it('counts only the target year up to asOf (exclusive)', () => {
    const rows = [
      ...many(3, 2024, 12, 31, 23),
      ...many(2, 2025, 1, 1, 0),
      inc(half),
      ...many(4, 2025, 8, 1),
    ];
    const p = targetProgress({ target: TARGET, asOf: half, currentYear: rows, baseline: yearly });
    expect(p.yearToDate).toBe(2);
  });
});

describe('same-period (register)', () => {
  it('has per-day precision: a December-only baseline allows nothing early in the year', () => {
    const baseline: BaselineSource = { kind: 'register', incidents: many(1543, 2024, 12, 15) };
    const p = targetProgress({
      target: TARGET,
      asOf: localInstant(2025, 2, 1),
      currentYear: many(1, 2025, 1, 10),
      baseline,
    });
    expect(p.method).toBe('same-period');
    expect(p.baselineTotal).toBe(1543);
    expect(p.baselineSamePeriod).toBe(0);
    expect(p.allowanceToDate).toBe(0);
    expect(p.status).toBe('niet-op-koers');
    expect(p.changeAgainstBaseline).toBeNull();
    expect(p.projection).toBeCloseTo(365 / 31, 9); // no seasonal reference: linear, 1 in 31 of 365 days
  });

  it('compares with the same local period and projects seasonally', () => {
    const baseline = [...many(100, 2024, 1, 10), ...many(60, 2024, 3, 10), ...many(1383, 2024, 11, 1)];
    const asOf = localInstant(2025, 3, 10, 12);
    const onTrack = targetProgress({
      target: TARGET,
      asOf,
      currentYear: [...many(85, 2025, 1, 5), ...many(50, 2025, 3, 10, 3), ...many(9, 2025, 3, 10, 18)],
      baseline: { kind: 'register', incidents: baseline },
    });
    expect(onTrack.baselineSamePeriod).toBe(160);
    expect(onTrack.allowanceToDate).toBeCloseTo(144, 9);
    expect(onTrack.yearToDate).toBe(135);
    expect(onTrack.status).toBe('op-koers');
    expect(onTrack.projection).toBeCloseTo((135 / 160) * 1543, 9);
    expect(onTrack.changeAgainstBaseline).toBeCloseTo(-25 / 160, 12);

    const offTrack = targetProgress({
      target: TARGET,
      asOf,
      currentYear: many(145, 2025, 2, 1),
      baseline: { kind: 'register', incidents: baseline },
    });
    expect(offTrack.status).toBe('niet-op-koers');
    expect(offTrack.roomLeft).toBe(1388 - 145);
  });

  it('uses the same time of day one year earlier', () => {
    const baseline = [...many(1, 2024, 2, 28, 10), ...many(1, 2024, 2, 28, 14)];
    const p = targetProgress({
      target: TARGET,
      asOf: localInstant(2025, 2, 28, 12),
      currentYear: [],
      baseline: { kind: 'register', incidents: baseline },
    });
    expect(p.baselineSamePeriod).toBe(1);
  });

  it('counts 29 February of a leap baseline in the period ending 1 March', () => {
    const baseline = [...many(10, 2024, 2, 28), ...many(5, 2024, 2, 29), ...many(7, 2024, 3, 1)];
    const run = (asOf: Date) =>
      targetProgress({ target: TARGET, asOf, currentYear: [], baseline: { kind: 'register', incidents: baseline } });
    expect(run(localInstant(2025, 2, 28, 23, 59)).baselineSamePeriod).toBe(10);
    expect(run(localInstant(2025, 3, 1)).baselineSamePeriod).toBe(15);
    expect(run(localInstant(2025, 3, 2)).baselineSamePeriod).toBe(22);
  });

  it('maps 29 February of a leap target year onto 1 March of the baseline', () => {
    const target = { year: 2028, baselineYear: 2027, reductionPercent: 10 };
    const baseline = [...many(4, 2027, 2, 28), ...many(3, 2027, 3, 1)];
    const p = targetProgress({
      target,
      asOf: localInstant(2028, 2, 29, 12),
      currentYear: [],
      baseline: { kind: 'register', incidents: baseline },
    });
    expect(p.baselineSamePeriod).toBe(4);
  });

  it('cuts exactly at local midnight across the DST changes', () => {
    const spring = localInstant(2025, 3, 31);
    const current = [inc(new Date('2025-03-30T21:59:59Z')), inc(new Date('2025-03-30T22:00:00Z'))];
    const baseline = [inc(new Date('2024-03-30T22:59:59Z')), inc(new Date('2024-03-30T23:00:00Z'))];
    const p = targetProgress({ target: TARGET, asOf: spring, currentYear: current, baseline: { kind: 'register', incidents: baseline } });
    expect(p.yearToDate).toBe(1);
    expect(p.baselineSamePeriod).toBe(1);

    // 27 October 2025 00:00 is CET; 27 October 2024 00:00 was still CEST.
    const autumn = localInstant(2025, 10, 27);
    expect(autumn.toISOString()).toBe('2025-10-26T23:00:00.000Z');
    const current2 = [inc(new Date('2025-10-26T22:59:59Z')), inc(new Date('2025-10-26T23:00:00Z'))];
    const baseline2 = [inc(new Date('2024-10-26T21:59:59Z')), inc(new Date('2024-10-26T22:00:00Z'))];
    const q = targetProgress({ target: TARGET, asOf: autumn, currentYear: current2, baseline: { kind: 'register', incidents: baseline2 } });
    expect(q.yearToDate).toBe(1);
    expect(q.baselineSamePeriod).toBe(1);

    const d = targetProgress({ target: TARGET, asOf: autumn, currentYear: [], baseline: yearly });
    expect(d.baselineSamePeriod).toBeCloseTo((1543 * 299) / 365, 9);
  });
});

describe('monthly (published monthly totals)', () => {
  const months = [200, 100, 90, 80, 80, 80, 80, 90, 100, 150, 200, 293];

  it('takes full months and the current month pro rata by days', () => {
    const p = targetProgress({
      target: TARGET,
      asOf: localInstant(2025, 3, 16),
      currentYear: spread(320, 2025, 60),
      baseline: { kind: 'monthly', months },
    });
    expect(p.method).toBe('monthly');
    expect(p.baselineTotal).toBe(1543);
    expect(p.baselineSamePeriod).toBeCloseTo(300 + (90 * 15) / 31, 9);
    expect(p.allowanceToDate).toBeCloseTo((300 + (90 * 15) / 31) * 0.9, 9);
    expect(p.status).toBe('niet-op-koers');
    expect(p.projection).toBeCloseTo((320 / (300 + (90 * 15) / 31)) * 1543, 9);
  });

  it('reaches the full month at its end, also for February', () => {
    const p = targetProgress({ target: TARGET, asOf: localInstant(2025, 3, 1), currentYear: [], baseline: { kind: 'monthly', months } });
    expect(p.baselineSamePeriod).toBe(300);
    expect(p.status).toBe('op-koers');
  });
});

describe('a complete year', () => {
  const asOf = localInstant(2026, 2, 1);

  it('counts the whole year and judges by the cap', () => {
    const rows = [...spread(1388, 2025, 365), ...many(50, 2026, 1, 5)];
    const p = targetProgress({ target: TARGET, asOf, currentYear: rows, baseline: yearly });
    expect(p.yearComplete).toBe(true);
    expect(p.yearToDate).toBe(1388);
    expect(p.baselineSamePeriod).toBe(1543);
    expect(p.projection).toBe(1388);
    expect(p.roomLeft).toBe(0);
    expect(p.status).toBe('op-koers');
  });

  it('is not on course one attack above the cap', () => {
    const p = targetProgress({ target: TARGET, asOf, currentYear: spread(1389, 2025, 365), baseline: yearly });
    expect(p.status).toBe('niet-op-koers');
    expect(p.roomLeft).toBe(-1);
  });

  it('is complete exactly at local midnight of 1 January', () => {
    const p = targetProgress({ target: TARGET, asOf: localInstant(2026, 1, 1), currentYear: [], baseline: yearly });
    expect(p.yearComplete).toBe(true);
  });
});

describe('before the year starts', () => {
  it('has nothing elapsed and divides by nothing', () => {
    const p = targetProgress({ target: TARGET, asOf: localInstant(2025, 1, 1), currentYear: many(3, 2024, 12, 31), baseline: yearly });
    expect(p.yearToDate).toBe(0);
    expect(p.baselineSamePeriod).toBe(0);
    expect(p.projection).toBe(0);
    expect(p.changeAgainstBaseline).toBeNull();
    expect(p.status).toBe('op-koers');
  });
});

describe('cumulativePaths', () => {
  const baseline: BaselineSource = {
    kind: 'register',
    incidents: [...many(40, 2024, 1, 1), ...many(5, 2024, 2, 29), ...many(1498, 2024, 12, 31)],
  };
  const currentYear = [...many(30, 2025, 1, 1), ...many(2, 2025, 1, 2, 10), ...many(9, 2025, 6, 1)];
  const asOf = localInstant(2025, 1, 2, 12);
  const paths = cumulativePaths({ target: TARGET, asOf, currentYear, baseline });

  it('has one entry per local day', () => {
    expect(paths.days).toHaveLength(365);
    expect(paths.days[0]).toBe('2025-01-01');
    expect(paths.days[364]).toBe('2025-12-31');
  });

  it('follows the actual count up to asOf and stops there', () => {
    expect(paths.actual[0]).toBe(30);
    expect(paths.actual[1]).toBe(32);
    expect(paths.actual[2]).toBeNull();
  });

  it('follows the baseline by the same method as targetProgress', () => {
    expect(paths.baseline[0]).toBe(40);
    expect(paths.baseline[57]).toBe(40);
    expect(paths.baseline[58]).toBe(45); // 28 February 2025 ends where 29 February 2024 ended
    expect(paths.baseline[363]).toBe(45);
    expect(paths.baseline[364]).toBe(1543);
    // 1.543 × 0,9 = 1.388,7, but "at least 10% fewer" allows no fraction above the cap of 1.388.
    expect(paths.targetPath[363]).toBeCloseTo(40.5, 9);
    expect(paths.targetPath[364]).toBe(1388);
    const p = targetProgress({ target: TARGET, asOf: localInstant(2025, 6, 1), currentYear, baseline });
    expect(paths.baseline[150]).toBe(p.baselineSamePeriod);
    expect(paths.targetPath[150]).toBeCloseTo(p.allowanceToDate, 9);
  });
});

describe('chooseBaselineSource', () => {
  const rows = many(1543, 2024, 6, 1);
  const allMonths = Array.from({ length: 12 }, (_, i) => ({ year: 2024, month: i + 1, count: i === 0 ? 140 : 127 }));

  it('uses the register when nothing is published', () => {
    expect(chooseBaselineSource({ registerIncidents: rows, published: [] })?.kind).toBe('register');
  });

  it('uses the register when it holds at least the published year total', () => {
    const published = [{ year: 2024, month: null, count: 1543 }, ...allMonths];
    expect(chooseBaselineSource({ registerIncidents: rows, published })?.kind).toBe('register');
    expect(chooseBaselineSource({ registerIncidents: rows, published: [{ year: 2024, month: 0, count: 1543 }] })?.kind).toBe('register');
  });

  it('prefers published months over an incomplete register', () => {
    const published = [{ year: 2024, month: null, count: 1543 }, ...allMonths];
    const source = chooseBaselineSource({ registerIncidents: rows.slice(0, 1000), published });
    expect(source).toEqual({ kind: 'monthly', months: allMonths.map((m) => m.count) });
  });

  it('falls back to the year total when months are missing', () => {
    const published = [{ year: 2024, month: null, count: 1543 }, ...allMonths.slice(0, 11)];
    expect(chooseBaselineSource({ registerIncidents: rows.slice(0, 10), published })).toEqual({ kind: 'yearly', total: 1543 });
  });

  it('is null when nothing is known', () => {
    expect(chooseBaselineSource({ registerIncidents: [], published: [] })).toBeNull();
  });

  it('scales the shape of a register that covers the year to a published total that differs, either way', () => {
    const published = [{ year: 2024, month: null, count: 1543 }];
    expect(chooseBaselineSource({ registerIncidents: rows.slice(1), published, registerComplete: true })).toMatchObject({ kind: 'scaled', publishedTotal: 1543 });
    expect(chooseBaselineSource({ registerIncidents: [...rows, ...many(3, 2024, 7, 1)], published, registerComplete: true })?.kind).toBe('scaled');
    expect(chooseBaselineSource({ registerIncidents: rows, published, registerComplete: true })?.kind).toBe('register');
    // A register not known to be complete for the year gives no shape when a total is published.
    expect(chooseBaselineSource({ registerIncidents: rows.slice(1), published, registerComplete: false })).toEqual({ kind: 'yearly', total: 1543 });
  });
});

describe('the scaled baseline', () => {
  const published = 1543;
  const shape = [...many(500, 2024, 3, 1), ...many(1043, 2024, 11, 1)];
  const asOf = localInstant(2025, 7, 1);
  const progress = (incidents: CountedIncident[]) =>
    targetProgress({ target: TARGET, asOf, currentYear: many(460, 2025, 3, 2), baseline: { kind: 'scaled', incidents, publishedTotal: published } });

  it('takes the size from the published total and the season from the rows, and one row moves it by less than one', () => {
    const whole = progress(shape);
    expect(whole.method).toBe('scaled');
    expect(whole.baselineTotal).toBe(1543);
    expect(whole.cap).toBe(1388);
    expect(whole.baselineSamePeriod).toBe(500);
    const withdrawn = progress(shape.slice(1));
    expect(withdrawn.baselineRegisterCount).toBe(1542);
    expect(withdrawn.baselineSamePeriod).toBeCloseTo((499 * 1543) / 1542, 9);
    expect(Math.abs(withdrawn.allowanceToDate - whole.allowanceToDate)).toBeLessThan(1);
    expect(withdrawn.status).toBe(whole.status);
    expect(withdrawn.cap).toBe(1388);
  });
});
