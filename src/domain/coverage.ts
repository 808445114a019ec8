// Coverage: the stretches of time for which the register is complete. Until a period's export has arrived,
// "no incidents" is "no data": figures say through which moment the register is complete, and target
// progress is computed only on the covered part.
import { localInstant, localParts } from './local-time.js';

/** A declared stretch [from, to): the register holds every incident in it. */
export interface CoverageSpan {
  from: Date;
  to: Date;
}

/** Declared stretches merged where they overlap or touch, in time order. */
export function mergeCoverage(declared: readonly CoverageSpan[]): CoverageSpan[] {
  const sorted = [...declared].filter((s) => s.to > s.from).sort((a, b) => a.from.getTime() - b.from.getTime());
  const merged: CoverageSpan[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.from.getTime() <= last.to.getTime()) {
      if (span.to > last.to) merged[merged.length - 1] = { from: last.from, to: span.to };
    } else merged.push({ from: span.from, to: span.to });
  }
  return merged;
}

/** The end of the covered stretch that holds `instant` (covered from at least `instant`), else null. */
export function coveredUntil(spans: readonly CoverageSpan[], instant: Date): Date | null {
  const t = instant.getTime();
  const span = spans.find((s) => s.from.getTime() <= t && t < s.to.getTime());
  return span ? span.to : null;
}

/** True when the whole of [from, to) lies in one covered stretch. */
export function isCovered(spans: readonly CoverageSpan[], from: Date, to: Date): boolean {
  const until = coveredUntil(spans, from);
  return until !== null && until.getTime() >= to.getTime();
}

/** The end of the latest covered stretch: through when the register is complete; null without coverage. */
export function latestCoverageEnd(spans: readonly CoverageSpan[]): Date | null {
  return spans.length === 0 ? null : spans[spans.length - 1]!.to;
}

/**
 * What a reply over [from, to) must say about coverage: nothing when it is covered; else the covered part
 * of the period that comes first (its start when that lies after the period's start), or that no part is.
 */
export type CoverageGap =
  | { kind: 'none-covered' }
  | { kind: 'partly'; coveredFrom: Date | null; coveredTo: Date };

export function coverageGap(spans: readonly CoverageSpan[], from: Date, to: Date): CoverageGap | null {
  if (isCovered(spans, from, to)) return null;
  const overlapping = spans.find((s) => s.to > from && s.from < to);
  if (!overlapping) {
    // Nothing of the period is covered; the last stretch before it still says how far the register goes.
    const before = [...spans].reverse().find((s) => s.to <= from);
    return before ? { kind: 'partly', coveredFrom: null, coveredTo: before.to } : { kind: 'none-covered' };
  }
  return { kind: 'partly', coveredFrom: overlapping.from > from ? overlapping.from : null, coveredTo: overlapping.to };
}

/** The covered part of a local year from 1 January: the instant it reaches (≤ asOf), or null when 1 January is not covered. */
export function coveredPartOfYear(spans: readonly CoverageSpan[], year: number, asOf: Date): Date | null {
  const start = localInstant(year, 1, 1);
  const end = localInstant(year + 1, 1, 1);
  const until = coveredUntil(spans, start);
  if (until === null) return null;
  return new Date(Math.min(until.getTime(), end.getTime(), Math.max(asOf.getTime(), start.getTime())));
}

/** Whole local days from `from` through `to` inclusive, as [local midnight, next local midnight). */
export function localDaysSpan(firstDay: Date, lastDay: Date): CoverageSpan {
  const a = localParts(firstDay);
  const b = localParts(lastDay);
  return { from: localInstant(a.year, a.month, a.day), to: localInstant(b.year, b.month, b.day + 1) };
}

/** What an import without a declared period covers: the whole local days from its first row to its last; none when empty. */
export function daysSpanned(moments: readonly Date[]): CoverageSpan | undefined {
  if (moments.length === 0) return undefined;
  let first = moments[0]!;
  let last = first;
  for (const m of moments) {
    if (m < first) first = m;
    if (m > last) last = m;
  }
  return localDaysSpan(first, last);
}

/** Days since the register's coverage ends, when that is more than `days` before `at`; else null. */
export function staleDays(spans: readonly CoverageSpan[], at: Date, days: number): { since: Date; days: number } | null {
  const end = latestCoverageEnd(spans);
  if (end === null || end >= at) return null;
  const behind = Math.floor((at.getTime() - end.getTime()) / 86_400_000);
  return behind > days ? { since: end, days: behind } : null;
}
