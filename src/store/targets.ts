// Targets and the published totals that stand in for years without incident rows.
import type { PublishedTotal, TargetDefinition } from '../domain/types.js';
import type { Db } from './db.js';
import { cachedBySettings } from './register-cache.js';

// Both are a handful of rows that change a few times a year, so they are held until the programme's marker moves.

export async function listTargets(db: Db): Promise<TargetDefinition[]> {
  const targets = await cachedBySettings(db, 'targets', async () => {
    const rows = await db.query<{ year: number; baseline_year: number; reduction_percent: string }>(
      'SELECT year, baseline_year, reduction_percent FROM targets ORDER BY year',
    );
    return rows.map((r) => ({ year: r.year, baselineYear: r.baseline_year, reductionPercent: Number(r.reduction_percent) }));
  });
  return targets.map((t) => ({ ...t }));
}

export async function saveTarget(db: Db, target: TargetDefinition): Promise<void> {
  await db.query(
    `INSERT INTO targets (year, baseline_year, reduction_percent) VALUES ($1, $2, $3)
     ON CONFLICT (year) DO UPDATE SET baseline_year = EXCLUDED.baseline_year, reduction_percent = EXCLUDED.reduction_percent`,
    [target.year, target.baselineYear, target.reductionPercent],
  );
}

export async function publishedTotals(db: Db, year: number): Promise<PublishedTotal[]> {
  const totals = await cachedBySettings(db, `published-totals ${year}`, async () => {
    const rows = await db.query<{ year: number; month: number; count: number }>(
      'SELECT year, month, count FROM published_totals WHERE year = $1 ORDER BY month',
      [year],
    );
    return rows.map((r) => ({ year: r.year, month: r.month === 0 ? null : r.month, count: r.count }));
  });
  return totals.map((t) => ({ ...t }));
}

/** Records a published total for a year (`month` null) or one month of it. */
export async function savePublishedTotal(db: Db, total: PublishedTotal, source: string): Promise<void> {
  await db.query(
    `INSERT INTO published_totals (year, month, count, source) VALUES ($1, $2, $3, $4)
     ON CONFLICT (year, month) DO UPDATE SET count = EXCLUDED.count, source = EXCLUDED.source`,
    [total.year, total.month ?? 0, total.count, source],
  );
}
