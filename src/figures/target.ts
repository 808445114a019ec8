// Loads what target progress needs from the store and hands it to the pure domain functions. Progress is
// computed on what the register knows: through the end of its coverage in the target year.
import { coveredPartOfYear, isCovered, latestCoverageEnd } from '../domain/coverage.js';
import { localInstant, localParts } from '../domain/local-time.js';
import { relativeChange } from '../domain/statistics.js';
import { baselineCutoff, chooseBaselineSource, standingMoment, targetProgress, type TargetProgress, type TargetProgressInput } from '../domain/target-progress.js';
import type { TargetDefinition } from '../domain/types.js';
import type { Db } from '../store/db.js';
import { registerCoverage } from '../store/coverage.js';
import { countIncidents, loadTally } from '../store/incident-counts.js';
import { listTargets, publishedTotals } from '../store/targets.js';

/** A later year's figures against the same part of the year before, next to a closed target year. */
export interface LaterYear {
  year: number;
  /** Through when the figures count: `asOf`, or the end of coverage. */
  standsOn: Date;
  count: number;
  previous: number;
  change: number | null;
}

export type TargetLoad =
  | {
      kind: 'progress';
      progress: TargetProgress;
      /** The inputs, for charts (`cumulativePaths`). */
      input: TargetProgressInput;
      /** Set when `asOf` lies in a later year that has no target of its own: that year so far. */
      laterYear?: LaterYear;
    }
  | { kind: 'not-started'; target: TargetDefinition }
  | { kind: 'no-baseline'; target: TargetDefinition }
  /** The register is not complete from 1 January of the target year: no status at all. */
  | { kind: 'no-coverage'; target: TargetDefinition; coveredTo: Date | null; baselineTotal: number; cap: number }
  | { kind: 'no-target' };

/** The target of `asOf`'s year; else the latest earlier one (complete); else the first, not begun yet. */
export function pickTarget(targets: readonly TargetDefinition[], year: number): TargetDefinition | undefined {
  return (
    targets.find((t) => t.year === year) ??
    [...targets].reverse().find((t) => t.year < year) ??
    targets.find((t) => t.year > year)
  );
}

export async function loadTargetProgress(db: Db, asOf: Date, year?: number): Promise<TargetLoad> {
  const asOfYear = localParts(asOf).year;
  const targets = await listTargets(db);
  const target = year ? targets.find((t) => t.year === year) : pickTarget(targets, asOfYear);
  if (!target) return { kind: 'no-target' };
  if (target.year > asOfYear) return { kind: 'not-started', target };

  const yearStart = localInstant(target.year, 1, 1);
  const baselineStart = localInstant(target.baselineYear, 1, 1);
  const baselineEnd = localInstant(target.baselineYear + 1, 1, 1);
  const [coverage, published] = await Promise.all([registerCoverage(db), publishedTotals(db, target.baselineYear)]);
  const coveredThrough = coveredPartOfYear(coverage, target.year, asOf);
  // The baseline is compared up to the same moment of its year as the standing, so its tally holds that day's times.
  const standsOn = coveredThrough === null ? null : standingMoment({ asOf, coveredThrough });
  // Both tallies at once; the target year's is unused when there is no baseline.
  const [registerIncidents, currentYear] = await Promise.all([
    loadTally(db, baselineStart, baselineEnd, [standsOn && baselineCutoff(target, standsOn)]),
    coveredThrough === null ? null : loadTally(db, yearStart, coveredThrough, [standsOn]),
  ]);
  const baseline = chooseBaselineSource({ registerIncidents, published, registerComplete: isCovered(coverage, baselineStart, baselineEnd) });
  if (!baseline) return { kind: 'no-baseline', target };
  if (coveredThrough === null || currentYear === null) {
    // The cap is known from the baseline alone; the standing needs the target year's data.
    const { baselineTotal, cap } = targetProgress({ target, asOf: yearStart, currentYear: [], baseline });
    return { kind: 'no-coverage', target, coveredTo: latestCoverageEnd(coverage), baselineTotal, cap };
  }
  const input: TargetProgressInput = { target, asOf, currentYear, baseline, coveredThrough };
  const progress = targetProgress(input);
  const laterYear = target.year < asOfYear ? await loadLaterYear(db, asOfYear, asOf) : undefined;
  return { kind: 'progress', progress, input, ...(laterYear ? { laterYear } : {}) };
}

/** The year of `asOf` so far (through coverage) against the same part of the year before. */
async function loadLaterYear(db: Db, year: number, asOf: Date): Promise<LaterYear | undefined> {
  const coveredThrough = coveredPartOfYear(await registerCoverage(db), year, asOf);
  if (coveredThrough === null) return undefined;
  const start = localInstant(year, 1, 1);
  const span = coveredThrough.getTime() - start.getTime();
  const p = localParts(coveredThrough);
  // The same local date and time a year earlier (29 February becomes 28 February).
  const previousDay = p.month === 2 && p.day === 29 ? 28 : p.day;
  const previousEnd = span <= 0 ? localInstant(year - 1, 1, 1) : localInstant(year - 1, p.month, previousDay, p.hour, p.minute);
  const [[current], [previous]] = await Promise.all([
    countIncidents(db, { from: start, to: coveredThrough, by: [] }),
    countIncidents(db, { from: localInstant(year - 1, 1, 1), to: previousEnd, by: [] }),
  ]);
  const count = current?.n ?? 0;
  const before = previous?.n ?? 0;
  return { year, standsOn: coveredThrough, count, previous: before, change: relativeChange(count, before) };
}
