// Counts the incidents of a period and what to compare them with: the same period a year earlier from the
// register where it is complete for it, else the published figure for a whole year (or whole months),
// labelled as such; else no comparison at all, rather than a zero that means "no data". The counts come
// from the kept counts (src/store/incident-counts.ts), not from the rows.
import { isCovered, type CoverageSpan } from '../domain/coverage.js';
import { localParts } from '../domain/local-time.js';
import { mapsLeapDay, samePeriodPreviousYear, type Period } from '../domain/period.js';
import { relativeChange, type Breakdown } from '../domain/statistics.js';
import type { PublishedTotal } from '../domain/types.js';
import type { Db } from '../store/db.js';
import { registerCoverage } from '../store/coverage.js';
import { countBreakdown, countByMonth, countIncidents } from '../store/incident-counts.js';
import { publishedTotals } from '../store/targets.js';

export type PreviousFigure =
  | { kind: 'register'; count: number }
  | { kind: 'published'; count: number }
  | { kind: 'unknown' };

export interface PeriodFigures {
  period: Period;
  previous: Period;
  /** 'YYYY-MM' → count, for the months of the period that have incidents, in order. */
  months: Map<string, number>;
  current: Breakdown;
  previousFigure: PreviousFigure;
  /** Relative change against the previous figure; null without one or when it is 0. */
  change: number | null;
  /** The published total of the period itself, when it is a whole year (or whole months) that has one. */
  published: number | null;
  /** The period starts or ends on 29 February, compared with 28 February. */
  leapDay: boolean;
  coverage: CoverageSpan[];
}

export async function loadPeriodFigures(db: Db, period: Period, municipalityCode?: string): Promise<PeriodFigures> {
  const previous = samePeriodPreviousYear(period);
  const only = municipalityCode ? { municipalityCode } : {};
  const [current, months, [earlier], coverage, publishedNow, publishedBefore] = await Promise.all([
    countBreakdown(db, period.start, period.end, municipalityCode),
    countByMonth(db, period.start, period.end, municipalityCode),
    countIncidents(db, { from: previous.start, to: previous.end, by: [], ...only }),
    registerCoverage(db),
    municipalityCode ? Promise.resolve(null) : publishedFigure(db, period),
    municipalityCode ? Promise.resolve(null) : publishedFigure(db, previous),
  ]);
  let previousFigure: PreviousFigure;
  if (isCovered(coverage, previous.start, previous.end)) previousFigure = { kind: 'register', count: earlier?.n ?? 0 };
  else if (publishedBefore !== null) previousFigure = { kind: 'published', count: publishedBefore };
  else previousFigure = { kind: 'unknown' };
  return {
    period,
    previous,
    months,
    current,
    previousFigure,
    change: previousFigure.kind === 'unknown' ? null : relativeChange(current.total, previousFigure.count),
    published: publishedNow,
    leapDay: mapsLeapDay(period),
    coverage,
  };
}

/** The national published figure of a period made of whole months of one year, when every part is published. */
export async function publishedFigure(db: Db, period: Period): Promise<number | null> {
  const months = wholeMonths(period);
  if (!months) return null;
  return publishedSum(await publishedTotals(db, months.year), months.first, months.last);
}

/** Whole local months first..last of one year, or null. */
function wholeMonths(period: Period): { year: number; first: number; last: number } | null {
  const [y1, m1, d1] = period.firstDay.split('-').map(Number) as [number, number, number];
  const endParts = localParts(period.end);
  const startParts = localParts(period.start);
  const endsAtMonth = endParts.day === 1 && endParts.hour === 0 && endParts.minute === 0 && period.end.getTime() % 60_000 === 0;
  if (d1 !== 1 || startParts.hour !== 0 || !endsAtMonth) return null;
  const last = endParts.month === 1 ? { year: endParts.year - 1, month: 12 } : { year: endParts.year, month: endParts.month - 1 };
  if (last.year !== y1 || last.month < m1) return null;
  return { year: y1, first: m1, last: last.month };
}

export function publishedSum(rows: readonly PublishedTotal[], first: number, last: number): number | null {
  if (first === 1 && last === 12) {
    const year = rows.find((r) => r.month === null);
    if (year) return year.count;
  }
  let sum = 0;
  for (let m = first; m <= last; m++) {
    const row = rows.find((r) => r.month === m);
    if (!row) return null;
    sum += row.count;
  }
  return sum;
}
