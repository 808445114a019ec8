// Progress against a reduction target ("at least 10% fewer attacks in 2025 than in 2024").
// The known part of the year (through the end of coverage) is compared with the same local period of the
// baseline year, as precisely as the baseline is known: per incident (register), the register's seasonal
// shape scaled to the published total (when both are known and differ), per month (published monthly
// totals) or only per year.
import type { PublishedTotal, TargetDefinition } from './types.js';
import { daysInMonth, daysOfYear, isLeapYear, localInstant, localParts } from './local-time.js';
import { relativeChange } from './statistics.js';
import { asTally, type Counted, type Tally } from './tally.js';

export type BaselineSource =
  | { kind: 'register'; incidents: Counted }
  /** The register's rows give the shape through the year, the published total its size. */
  | { kind: 'scaled'; incidents: Counted; publishedTotal: number }
  | { kind: 'monthly'; months: readonly number[] }
  | { kind: 'yearly'; total: number };

export type ProgressMethod = 'same-period' | 'scaled' | 'monthly' | 'day-proportional';

export interface TargetProgress {
  target: TargetDefinition;
  asOf: Date;
  /** The moment the figures stand on: `asOf`, or the end of coverage when that comes earlier. */
  standsOn: Date;
  /** True when the figures reach the end of the target year: the result is final. */
  yearComplete: boolean;
  /** True when `asOf` lies after the target year, whether or not the register covers all of it. */
  yearOver: boolean;
  /** Rows of the baseline year in the register, when its shape was used. */
  baselineRegisterCount: number | null;
  yearToDate: number;
  baselineTotal: number;
  baselineSamePeriod: number;
  allowanceToDate: number;
  cap: number;
  roomLeft: number;
  projection: number;
  changeAgainstBaseline: number | null;
  status: 'op-koers' | 'niet-op-koers';
  method: ProgressMethod;
}

export interface TargetProgressInput {
  target: TargetDefinition;
  asOf: Date;
  /** The target year's incidents (or their tally) from 1 January through the standing moment. */
  currentYear: Counted;
  baseline: BaselineSource;
  /** Through when the register is complete in the target year; absent: through `asOf`. */
  coveredThrough?: Date;
}

/** The moment progress is computed on: `asOf`, or the end of coverage when that comes first. */
export function standingMoment(input: Pick<TargetProgressInput, 'asOf' | 'coveredThrough'>): Date {
  const { asOf, coveredThrough } = input;
  return coveredThrough && coveredThrough < asOf ? coveredThrough : asOf;
}

/** floor(total × (100 − pct) / 100): "at least pct% fewer" allows no fraction above it. */
export function targetCap(baselineTotal: number, reductionPercent: number): number {
  return Math.max(0, Math.floor((baselineTotal * (100 - reductionPercent)) / 100 + 1e-9));
}

export function methodOf(source: BaselineSource): ProgressMethod {
  const methods = { register: 'same-period', scaled: 'scaled', monthly: 'monthly', yearly: 'day-proportional' } as const;
  return methods[source.kind];
}

/** Where an instant stands in a local calendar year, counted in local calendar days. */
interface YearPosition {
  year: number;
  complete: boolean;
  /** Local calendar month (1..12) and day of the position; meaningless when complete or not started. */
  month: number;
  day: number;
  /** Elapsed part of that local day, 0 ≤ f < 1 (a 23- or 25-hour day counts as one day). */
  dayFraction: number;
  /** Elapsed part of the year, 0..1. */
  yearFraction: number;
  started: boolean;
}

function yearPosition(year: number, instant: Date): YearPosition {
  const t = instant.getTime();
  const yearStart = localInstant(year, 1, 1).getTime();
  const yearEnd = localInstant(year + 1, 1, 1).getTime();
  if (t <= yearStart) return { year, complete: false, started: false, month: 1, day: 1, dayFraction: 0, yearFraction: 0 };
  if (t >= yearEnd) return { year, complete: true, started: true, month: 12, day: 31, dayFraction: 1, yearFraction: 1 };
  const p = localParts(instant);
  const dayStart = localInstant(year, p.month, p.day).getTime();
  const dayEnd = localInstant(year, p.month, p.day + 1).getTime();
  const dayFraction = (t - dayStart) / (dayEnd - dayStart);
  const dayIndex = (Date.UTC(year, p.month - 1, p.day) - Date.UTC(year, 0, 1)) / 86_400_000;
  const yearFraction = (dayIndex + dayFraction) / (isLeapYear(year) ? 366 : 365);
  return { year, complete: false, started: true, month: p.month, day: p.day, dayFraction, yearFraction };
}

/** What yearPosition gives at the local midnight that begins day `index` (1 ≤ index < dayCount) of `year`, without the clock. */
function midnightPosition(year: number, index: number, dayCount: number): YearPosition {
  const date = new Date(Date.UTC(year, 0, 1 + index));
  return { year, complete: false, started: true, month: date.getUTCMonth() + 1, day: date.getUTCDate(), dayFraction: 0, yearFraction: index / dayCount };
}

/** The baseline, prepared once: its total and its value over the same period as a position. */
interface PreparedBaseline {
  total: number;
  samePeriod(position: YearPosition): number;
}

function prepareBaseline(source: BaselineSource, baselineYear: number): PreparedBaseline {
  if (source.kind === 'yearly') {
    return { total: source.total, samePeriod: (pos) => source.total * pos.yearFraction };
  }
  if (source.kind === 'monthly') {
    const months = Array.from({ length: 12 }, (_, i) => source.months[i] ?? 0);
    const total = months.reduce((a, b) => a + b, 0);
    return {
      total,
      samePeriod(pos) {
        if (pos.complete) return total;
        if (!pos.started) return 0;
        let sum = 0;
        for (let m = 0; m < pos.month - 1; m++) sum += months[m]!;
        // The month in progress pro rata by local days, measured in the target year's month.
        const monthFraction = (pos.day - 1 + pos.dayFraction) / daysInMonth(pos.year, pos.month);
        return sum + months[pos.month - 1]! * monthFraction;
      },
    };
  }
  const start = localInstant(baselineYear, 1, 1).getTime();
  const end = localInstant(baselineYear + 1, 1, 1).getTime();
  const tally = asTally(source.incidents);
  const rows = tally.count(start, end);
  const counted = registerSamePeriod(tally, rows, start, baselineYear);
  if (source.kind === 'register') return { total: rows, samePeriod: counted };
  // One row more or less changes the shape by one row in a thousand, never the size: no verdict flips on it.
  const scale = rows > 0 ? source.publishedTotal / rows : 0;
  return { total: source.publishedTotal, samePeriod: (pos) => (pos.complete ? source.publishedTotal : counted(pos) * scale) };
}

function registerSamePeriod(tally: Tally, total: number, start: number, baselineYear: number): (pos: YearPosition) => number {
  return (pos) => {
    if (pos.complete) return total;
    if (!pos.started) return 0;
    return tally.count(start, cutoffOf(pos, baselineYear));
  };
}

function cutoffOf(pos: YearPosition, baselineYear: number): number {
  if (pos.month === 2 && pos.day === 29 && !isLeapYear(baselineYear)) return localInstant(baselineYear, 3, 1).getTime();
  // Same local calendar date; the time of day as the same part of that local day.
  const dayStart = localInstant(baselineYear, pos.month, pos.day).getTime();
  if (pos.dayFraction === 0) return dayStart;
  const dayEnd = localInstant(baselineYear, pos.month, pos.day + 1).getTime();
  return dayStart + Math.round(pos.dayFraction * (dayEnd - dayStart));
}

/**
 * The moment of the baseline year that `standsOn` is compared with (its same local date and part of the
 * day), or null when the comparison takes the whole baseline year or none of it. A tally of the baseline
 * needs the times of that moment's day.
 */
export function baselineCutoff(target: TargetDefinition, standsOn: Date): Date | null {
  const pos = yearPosition(target.year, standsOn);
  return pos.complete || !pos.started ? null : new Date(cutoffOf(pos, target.baselineYear));
}

export function targetProgress(input: TargetProgressInput): TargetProgress {
  const { target, asOf, currentYear, baseline } = input;
  const standsOn = standingMoment(input);
  const prepared = prepareBaseline(baseline, target.baselineYear);
  const position = yearPosition(target.year, standsOn);
  const yearStart = localInstant(target.year, 1, 1).getTime();
  const yearEnd = localInstant(target.year + 1, 1, 1).getTime();
  const until = Math.min(standsOn.getTime(), yearEnd);
  const yearToDate = until <= yearStart ? 0 : asTally(currentYear).count(yearStart, until);

  const factor = (100 - target.reductionPercent) / 100;
  const baselineTotal = prepared.total;
  const baselineSamePeriod = prepared.samePeriod(position);
  const cap = targetCap(baselineTotal, target.reductionPercent);
  // "At least 10% fewer" allows no fraction above the cap, also on the year's last days.
  const allowanceToDate = Math.min(baselineSamePeriod * factor, cap);
  const method = methodOf(baseline);

  let projection: number;
  if (method !== 'day-proportional' && baselineSamePeriod > 0) {
    projection = (yearToDate / baselineSamePeriod) * baselineTotal;
  } else {
    // Without a seasonal reference for the elapsed period, extrapolate linearly by days.
    projection = position.yearFraction > 0 ? yearToDate / position.yearFraction : 0;
  }

  // A small tolerance keeps float noise (e.g. 694.35 as 694.3499…) from flipping the status.
  const withinAllowance = yearToDate <= allowanceToDate + 1e-9;
  const onTrack = withinAllowance && (!position.complete || yearToDate <= cap);
  return {
    target,
    asOf,
    standsOn,
    yearComplete: position.complete,
    yearOver: asOf.getTime() >= yearEnd,
    baselineRegisterCount: baseline.kind === 'register' || baseline.kind === 'scaled' ? baselineRows(baseline.incidents, target.baselineYear) : null,
    yearToDate,
    baselineTotal,
    baselineSamePeriod,
    allowanceToDate,
    cap,
    roomLeft: cap - yearToDate,
    projection,
    changeAgainstBaseline: relativeChange(yearToDate, baselineSamePeriod),
    status: onTrack ? 'op-koers' : 'niet-op-koers',
    method,
  };
}

function baselineRows(incidents: Counted, year: number): number {
  return asTally(incidents).count(localInstant(year, 1, 1).getTime(), localInstant(year + 1, 1, 1).getTime());
}

export interface CumulativePaths {
  /** Every local day of the target year, 'YYYY-MM-DD'. */
  days: string[];
  /** Cumulative count at the end of each day (or at asOf on its day); null for days not begun. */
  actual: (number | null)[];
  /** Cumulative baseline over the same period, by the same method as targetProgress. */
  baseline: number[];
  /** baseline × (1 − pct/100). */
  targetPath: number[];
}

export function cumulativePaths(input: TargetProgressInput): CumulativePaths {
  const { target, currentYear, baseline } = input;
  const year = target.year;
  const prepared = prepareBaseline(baseline, target.baselineYear);
  const factor = (100 - target.reductionPercent) / 100;
  const cap = targetCap(prepared.total, target.reductionPercent);
  const tally = asTally(currentYear);
  const asOfMs = standingMoment(input).getTime();
  const yearStart = localInstant(year, 1, 1).getTime();
  const days = daysOfYear(year);
  const dayCount = days.length;
  const result: CumulativePaths = { days: [...days], actual: [], baseline: [], targetPath: [] };
  let dayStart = yearStart;
  for (let i = 0; i < dayCount; i++) {
    // The end of day i is the start of day i + 1 (or the end of the year).
    const dayEnd = localInstant(year, 1, 2 + i).getTime();
    result.actual.push(dayStart < asOfMs ? tally.count(yearStart, Math.min(dayEnd, asOfMs)) : null);
    const position = i + 1 < dayCount ? midnightPosition(year, i + 1, dayCount) : yearPosition(year, new Date(dayEnd));
    const value = prepared.samePeriod(position);
    result.baseline.push(value);
    result.targetPath.push(Math.min(value * factor, cap));
    dayStart = dayEnd;
  }
  return result;
}

/**
 * Which baseline to trust. The register's rows give the shape of the year when the register is complete
 * for it (or nothing else is known); when a published total is known too and differs, the shape is scaled
 * to it, so one correction or withdrawal moves the allowance by about one incident and never switches the
 * method. Otherwise the published months (all twelve), else the published year total; null when nothing
 * is known.
 */
export function chooseBaselineSource(input: {
  registerIncidents: Counted;
  published: readonly PublishedTotal[];
  /** The register's coverage holds the whole baseline year; absent: assumed when it has at least the published total. */
  registerComplete?: boolean;
}): BaselineSource | null {
  const { registerIncidents, published } = input;
  let yearTotal: number | undefined;
  const months = new Map<number, number>();
  for (const row of published) {
    if (row.month === null || row.month === 0) yearTotal = row.count;
    else if (row.month >= 1 && row.month <= 12) months.set(row.month, row.count);
  }
  const monthly = months.size === 12 ? Array.from({ length: 12 }, (_, i) => months.get(i + 1)!) : null;
  const knownTotal = yearTotal ?? (monthly ? monthly.reduce((a, b) => a + b, 0) : undefined);
  const registerCount = asTally(registerIncidents).total;
  const complete = input.registerComplete ?? (knownTotal === undefined || registerCount >= knownTotal);
  if (registerCount > 0 && (complete || knownTotal === undefined)) {
    if (knownTotal === undefined || knownTotal === registerCount) return { kind: 'register', incidents: registerIncidents };
    return { kind: 'scaled', incidents: registerIncidents, publishedTotal: knownTotal };
  }
  if (monthly) return { kind: 'monthly', months: monthly };
  if (yearTotal !== undefined) return { kind: 'yearly', total: yearTotal };
  return null;
}
