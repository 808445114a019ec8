// Coverage declarations: which stretches of time the register is complete for (migration 007).
import { localDaysSpan, mergeCoverage, type CoverageSpan } from '../domain/coverage.js';
import type { Db } from './db.js';
import { cachedBySettings } from './register-cache.js';

export type CoverageSource = 'import' | 'api' | 'programma' | 'demo';

export interface CoverageDeclaration extends CoverageSpan {
  id: number;
  source: string;
  declaredBy: string;
  declaredAt: Date;
}

export async function declareCoverage(db: Db, span: CoverageSpan, source: CoverageSource, declaredBy: string): Promise<number> {
  const [row] = await db.query<{ id: string }>(
    'INSERT INTO coverage_declarations (covers_from, covers_to, source, declared_by) VALUES ($1, $2, $3, $4) RETURNING id',
    [span.from.toISOString(), span.to.toISOString(), source, declaredBy],
  );
  return Number(row!.id);
}

export async function listCoverageDeclarations(db: Db): Promise<CoverageDeclaration[]> {
  const rows = await db.query<{ id: string; covers_from: Date; covers_to: Date; source: string; declared_by: string; declared_at: Date }>(
    'SELECT id, covers_from, covers_to, source, declared_by, declared_at FROM coverage_declarations ORDER BY covers_from, id',
  );
  return rows.map((r) => ({
    id: Number(r.id),
    from: new Date(r.covers_from),
    to: new Date(r.covers_to),
    source: r.source,
    declaredBy: r.declared_by,
    declaredAt: new Date(r.declared_at),
  }));
}

/** Removes one declaration (a wrong one); false when there is none by that id. */
export async function removeCoverageDeclaration(db: Db, id: number): Promise<boolean> {
  return (await db.query('DELETE FROM coverage_declarations WHERE id = $1 RETURNING id', [id])).length > 0;
}


/** The merged covered stretches, kept until the programme's marker moves. */
export function registerCoverage(db: Db): Promise<CoverageSpan[]> {
  return cachedBySettings(db, 'coverage', async () => mergeCoverage(await listCoverageDeclarations(db)));
}

/** True the first time it is asked for this coverage end (over all processes): the programme office is told once. */
export async function claimStaleNotice(db: Db, coveredTo: Date): Promise<boolean> {
  const rows = await db.query('INSERT INTO coverage_stale_notices (covered_to) VALUES ($1) ON CONFLICT DO NOTHING RETURNING covered_to', [coveredTo.toISOString()]);
  return rows.length > 0;
}

/**
 * A delivery says the register is complete through `through`: the covered stretch before it is extended
 * to it, or, without one, a stretch from the local day of `firstRow` is declared. Nothing when it is
 * covered already. In the caller's transaction.
 */
export async function extendCoverageThrough(tx: Db, through: Date, firstRow: Date, source: CoverageSource, declaredBy: string): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('ote-coverage'))");
  const spans = mergeCoverage(await listCoverageDeclarations(tx));
  const before = [...spans].reverse().find((s) => s.from < through);
  if (before && before.to >= through) return;
  const from = before ? before.to : localDaysSpan(firstRow, firstRow).from;
  if (from >= through) return;
  await declareCoverage(tx, { from, to: through }, source, declaredBy);
}
