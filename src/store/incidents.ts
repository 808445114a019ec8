// The incident register: reads for the figures, writes with a history row for every change.
import { normalReference } from '../domain/reference.js';
import type { CountedIncident, Incident, IncidentSource } from '../domain/types.js';
import type { Db } from './db.js';
import { cachedHasDemo } from './register-cache.js';

export interface IncidentInput {
  reference: string;
  occurredAt: Date;
  municipalityCode: string;
  target: Incident['target'];
  outcome: Incident['outcome'];
  means: Incident['means'];
  postcode4: string | null;
  /** The former municipality's name or code as the source wrote it (`Weesp`), when it named one. */
  municipalityAsWritten?: string | null;
}

export interface UpsertSummary {
  created: number;
  corrected: number;
  unchanged: number;
}

const BATCH = 500;

/** A write to a reference that the register holds in several spellings (see `referenceCasePairs`). */
export class ReferenceCaseConflict extends Error {
  constructor(readonly references: readonly string[]) {
    super(`references held in several spellings: ${references.join(', ')}`);
  }
}

export interface ReferenceCasePair {
  normalReference: string;
  references: string[];
}

/** References that differ only in case, found when references got their normal form and still there. */
export async function referenceCasePairs(db: Db): Promise<ReferenceCasePair[]> {
  const rows = await db.query<{ normal_reference: string; refs: string[] }>(
    `SELECT p.normal_reference, array_agg(p.reference ORDER BY p.reference COLLATE "C") AS refs
     FROM reference_case_pairs p JOIN incidents i ON i.reference = p.reference
     GROUP BY p.normal_reference HAVING count(*) > 1 ORDER BY p.normal_reference COLLATE "C"`,
  );
  return rows.map((r) => ({ normalReference: r.normal_reference, references: r.refs }));
}

/** Refuses references of a reported pair none of whose spellings is the normal form: a write would add a third. */
async function refuseNewSpellings(tx: Db, references: readonly string[]): Promise<void> {
  const rows = await tx.query<{ normal_reference: string }>(
    `SELECT DISTINCT p.normal_reference FROM reference_case_pairs p
     WHERE p.normal_reference = ANY($1::text[]) AND NOT EXISTS (SELECT 1 FROM incidents i WHERE i.reference = p.normal_reference)`,
    [references],
    { keep: true },
  );
  if (rows.length > 0) throw new ReferenceCaseConflict(rows.map((r) => r.normal_reference));
}

/**
 * Inserts new incidents and corrects changed ones (same reference), in the caller's transaction.
 * A withdrawn incident stays withdrawn; unchanged rows are not touched.
 */
export async function upsertIncidents(
  tx: Db,
  rows: readonly IncidentInput[],
  source: IncidentSource,
  changedBy: string,
): Promise<UpsertSummary> {
  const summary: UpsertSummary = { created: 0, corrected: 0, unchanged: 0 };
  const normal = rows.map((r) => ({ ...r, reference: normalReference(r.reference) }));
  await refuseNewSpellings(tx, normal.map((r) => r.reference));
  for (let i = 0; i < normal.length; i += BATCH) {
    const batch = normal.slice(i, i + BATCH);
    const written = await tx.query<{ reference: string; version: number; snapshot: unknown }>(
      `INSERT INTO incidents AS i (reference, occurred_at, municipality_code, target, outcome, means, postcode4, source, municipality_as_written)
       SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
       ON CONFLICT (reference) DO UPDATE SET
         occurred_at = EXCLUDED.occurred_at, municipality_code = EXCLUDED.municipality_code, target = EXCLUDED.target,
         outcome = EXCLUDED.outcome, means = EXCLUDED.means, postcode4 = EXCLUDED.postcode4,
         municipality_as_written = EXCLUDED.municipality_as_written, version = i.version + 1, updated_at = now()
       WHERE (i.occurred_at, i.municipality_code, i.target, i.outcome, i.means, i.postcode4, i.municipality_as_written)
         IS DISTINCT FROM (EXCLUDED.occurred_at, EXCLUDED.municipality_code, EXCLUDED.target, EXCLUDED.outcome, EXCLUDED.means, EXCLUDED.postcode4, EXCLUDED.municipality_as_written)
       RETURNING reference, version, to_jsonb(i.*) - 'created_at' - 'updated_at' AS snapshot`,
      [
        batch.map((r) => r.reference),
        batch.map((r) => r.occurredAt.toISOString()),
        batch.map((r) => r.municipalityCode),
        batch.map((r) => r.target),
        batch.map((r) => r.outcome),
        batch.map((r) => r.means),
        batch.map((r) => r.postcode4),
        batch.map(() => source),
        batch.map((r) => r.municipalityAsWritten ?? null),
      ],
      { keep: true },
    );
    if (written.length > 0) {
      await tx.query(
        `INSERT INTO incident_history (reference, version, change, changed_by, snapshot)
         SELECT r, v, CASE WHEN v = 1 THEN 'aangemaakt' ELSE 'gecorrigeerd' END, $3, s
         FROM unnest($1::text[], $2::int[], $4::jsonb[]) AS x(r, v, s)`,
        [written.map((w) => w.reference), written.map((w) => w.version), changedBy, written.map((w) => JSON.stringify(w.snapshot))],
        { keep: true },
      );
    }
    const created = written.filter((w) => w.version === 1).length;
    summary.created += created;
    summary.corrected += written.length - created;
    summary.unchanged += batch.length - written.length;
  }
  return summary;
}

/** Withdraws an incident (it stops counting everywhere); returns false when the reference is unknown. */
export async function withdrawIncident(db: Db, reference: string, reason: string, changedBy: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ version: number; snapshot: unknown }>(
      `UPDATE incidents AS i SET status = 'ingetrokken', version = version + 1, updated_at = now()
       WHERE reference = $1 AND status = 'actief'
       RETURNING version, to_jsonb(i.*) - 'created_at' - 'updated_at' AS snapshot`,
      [reference],
    );
    const row = rows[0];
    if (!row) return false;
    await tx.query(
      `INSERT INTO incident_history (reference, version, change, reason, changed_by, snapshot) VALUES ($1, $2, 'ingetrokken', $3, $4, $5)`,
      [reference, row.version, reason, changedBy, JSON.stringify(row.snapshot)],
    );
    return true;
  });
}

/**
 * Counted (not withdrawn) incidents in [from, to), optionally of one municipality, ordered by time: the
 * rows themselves, for checks and exports; figures read the kept counts (incident-counts.ts) instead.
 */
export async function countedIncidents(db: Db, from: Date, to: Date, municipalityCode?: string): Promise<CountedIncident[]> {
  const rows = await db.query<{ occurred_at: Date; municipality_code: string; target: CountedIncident['target']; outcome: CountedIncident['outcome']; means: CountedIncident['means'] }>(
    `SELECT occurred_at, municipality_code, target, outcome, means FROM incidents
     WHERE status = 'actief' AND occurred_at >= $1 AND occurred_at < $2 ${municipalityCode ? 'AND municipality_code = $3' : ''}
     ORDER BY occurred_at, reference`,
    [from.toISOString(), to.toISOString(), ...(municipalityCode ? [municipalityCode] : [])],
  );
  return rows.map((r) => ({ occurredAt: new Date(r.occurred_at), municipalityCode: r.municipality_code, target: r.target, outcome: r.outcome, means: r.means }));
}

export async function countIncidents(db: Db): Promise<number> {
  const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM incidents');
  return rows[0]?.n ?? 0;
}

export function hasDemoIncidents(db: Db): Promise<boolean> {
  return cachedHasDemo(db);
}

/** Removes the demo register (incidents, their history, demo arrests and the demo's coverage). */
export async function deleteDemoData(tx: Db): Promise<number> {
  await tx.query("DELETE FROM coverage_declarations WHERE source = 'demo'");
  await tx.query("DELETE FROM incident_history WHERE reference IN (SELECT reference FROM incidents WHERE source = 'demo')");
  const removed = await tx.query("DELETE FROM incidents WHERE source = 'demo' RETURNING reference");
  await tx.query("DELETE FROM arrests WHERE source = 'demo'");
  return removed.length;
}
