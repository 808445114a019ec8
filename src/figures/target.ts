// Loads what target progress needs from the store and hands it to the pure domain functions.
import { chooseBaselineSource, targetProgress, type TargetProgress, type TargetProgressInput } from '../domain/target-progress.js';
import { localInstant, localParts } from '../domain/local-time.js';
import type { TargetDefinition } from '../domain/types.js';
import type { Db } from '../store/db.js';
import { countedIncidents } from '../store/incidents.js';
import { listTargets, publishedTotals } from '../store/targets.js';

export type TargetLoad =
  | {
      kind: 'progress';
      progress: TargetProgress;
      /** The inputs, for charts (`cumulativePaths`). */
      input: TargetProgressInput;
      /** Set when `asOf` lies in a later year that has no target of its own: this is the final result. */
      laterYearWithoutTarget?: number;
    }
  | { kind: 'not-started'; target: TargetDefinition }
  | { kind: 'no-baseline'; target: TargetDefinition }
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
  const yearEnd = localInstant(target.year + 1, 1, 1);
  const until = asOf < yearEnd ? asOf : yearEnd;
  const [currentYear, registerIncidents, published] = await Promise.all([
    countedIncidents(db, yearStart, until),
    countedIncidents(db, localInstant(target.baselineYear, 1, 1), localInstant(target.baselineYear + 1, 1, 1)),
    publishedTotals(db, target.baselineYear),
  ]);
  const baseline = chooseBaselineSource({ registerIncidents, published });
  if (!baseline) return { kind: 'no-baseline', target };
  const input: TargetProgressInput = { target, asOf, currentYear, baseline };
  return {
    kind: 'progress',
    progress: targetProgress(input),
    input,
    ...(target.year < asOfYear ? { laterYearWithoutTarget: asOfYear } : {}),
  };
}
