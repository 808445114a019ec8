import { describe, expect, it } from 'vitest';
import { coverageGap, coveredPartOfYear, daysSpanned, isCovered, latestCoverageEnd, mergeCoverage, staleDays } from '../../src/domain/coverage.js';
import { localInstant } from '../../src/domain/local-time.js';

const d = (year: number, month: number, day: number, hour = 0) => localInstant(year, month, day, hour);
const span = (from: Date, to: Date) => ({ from, to });

describe('coverage', () => {
  const spans = mergeCoverage([
    span(d(2025, 4, 1), d(2025, 7, 1)),
    span(d(2024, 1, 1), d(2025, 1, 1)),
    span(d(2025, 1, 1), d(2025, 4, 1)),
    span(d(2025, 9, 1), d(2025, 10, 1)),
  ]);

  it('merges stretches that touch or overlap, in time order', () => {
    expect(spans).toEqual([span(d(2024, 1, 1), d(2025, 7, 1)), span(d(2025, 9, 1), d(2025, 10, 1))]);
    expect(latestCoverageEnd(spans)).toEqual(d(2025, 10, 1));
    expect(latestCoverageEnd([])).toBeNull();
  });

  it('knows whether a period lies in one covered stretch', () => {
    expect(isCovered(spans, d(2024, 3, 1), d(2025, 6, 30))).toBe(true);
    expect(isCovered(spans, d(2025, 6, 1), d(2025, 9, 15))).toBe(false);
    expect(isCovered(spans, d(2023, 12, 1), d(2024, 2, 1))).toBe(false);
  });

  it('says what of a period is covered', () => {
    expect(coverageGap(spans, d(2025, 1, 1), d(2025, 1, 31))).toBeNull();
    expect(coverageGap(spans, d(2025, 1, 1), d(2025, 8, 1))).toEqual({ kind: 'partly', coveredFrom: null, coveredTo: d(2025, 7, 1) });
    expect(coverageGap(spans, d(2023, 1, 1), d(2024, 6, 1))).toEqual({ kind: 'partly', coveredFrom: d(2024, 1, 1), coveredTo: d(2025, 7, 1) });
    expect(coverageGap(spans, d(2025, 11, 1), d(2025, 12, 1))).toEqual({ kind: 'partly', coveredFrom: null, coveredTo: d(2025, 10, 1) });
    expect(coverageGap([], d(2025, 1, 1), d(2025, 2, 1))).toEqual({ kind: 'none-covered' });
  });

  it('gives the covered part of a year from 1 January, never past asOf', () => {
    expect(coveredPartOfYear(spans, 2025, d(2025, 12, 1))).toEqual(d(2025, 7, 1));
    expect(coveredPartOfYear(spans, 2025, d(2025, 5, 1, 12))).toEqual(d(2025, 5, 1, 12));
    expect(coveredPartOfYear(spans, 2024, d(2026, 1, 1))).toEqual(d(2025, 1, 1));
    expect(coveredPartOfYear(spans, 2026, d(2026, 5, 1))).toBeNull();
  });

  it('covers the whole local days an import spans', () => {
    expect(daysSpanned([d(2025, 3, 2, 3), d(2025, 3, 1, 23), d(2025, 3, 30, 23)])).toEqual(span(d(2025, 3, 1), d(2025, 3, 31)));
    expect(daysSpanned([])).toBeUndefined();
  });

  it('is stale when coverage ends more than the set number of days before now', () => {
    const end = [span(d(2025, 1, 1), d(2025, 7, 1))];
    expect(staleDays(end, d(2025, 7, 8), 7)).toBeNull();
    expect(staleDays(end, d(2025, 7, 9), 7)).toEqual({ since: d(2025, 7, 1), days: 8 });
    expect(staleDays(end, d(2025, 7, 3), 1)).toEqual({ since: d(2025, 7, 1), days: 2 });
    expect(staleDays([], d(2025, 7, 9), 7)).toBeNull();
  });
});
