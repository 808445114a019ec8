// Reads of incident detail (reference, moment, postcode area, history). Only commands that have asked the
// policy (src/domain/policy.ts) call these; the figures read the kept counts (incident-counts.ts).
import type { Incident } from '../domain/types.js';
import { normalReference } from '../domain/reference.js';
import type { Db } from './db.js';
import { countIncidents } from './incident-counts.js';

export interface IncidentDetail extends Incident {
  /** The former municipality as the source wrote it, when it named one (`Weesp`). */
  municipalityAsWritten?: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface IncidentChange {
  version: number;
  change: 'aangemaakt' | 'gecorrigeerd' | 'ingetrokken';
  reason: string | null;
  changedAt: Date;
}

interface Row {
  reference: string;
  occurred_at: Date;
  municipality_code: string;
  municipality_as_written: string | null;
  target: Incident['target'];
  outcome: Incident['outcome'];
  means: Incident['means'];
  postcode4: string | null;
  status: Incident['status'];
  source: Incident['source'];
  version: number;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'reference, occurred_at, municipality_code, municipality_as_written, target, outcome, means, postcode4, status, source, version, created_at, updated_at';

function toDetail(row: Row): IncidentDetail {
  return {
    reference: row.reference,
    occurredAt: new Date(row.occurred_at),
    municipalityCode: row.municipality_code,
    municipalityAsWritten: row.municipality_as_written,
    target: row.target,
    outcome: row.outcome,
    means: row.means,
    postcode4: row.postcode4,
    status: row.status,
    source: row.source,
    version: row.version,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/**
 * By reference, ignoring case and surrounding spaces. Of a pair that differs only in case (reported by
 * `ote referenties`) the spelling typed wins, else the one in normal form.
 */
export async function findIncident(db: Db, reference: string): Promise<IncidentDetail | null> {
  const typed = reference.trim();
  const rows = await db.query<Row>(
    `SELECT ${COLUMNS} FROM incidents WHERE upper(reference) = upper($1)
     ORDER BY (reference = $1) DESC, (reference = $2) DESC, reference LIMIT 1`,
    [typed, normalReference(typed)],
  );
  return rows[0] ? toDetail(rows[0]) : null;
}

export async function incidentHistory(db: Db, reference: string): Promise<IncidentChange[]> {
  const rows = await db.query<{ version: number; change: IncidentChange['change']; reason: string | null; changed_at: Date }>(
    'SELECT version, change, reason, changed_at FROM incident_history WHERE reference = $1 ORDER BY version, id',
    [reference],
  );
  return rows.map((r) => ({ version: r.version, change: r.change, reason: r.reason, changedAt: new Date(r.changed_at) }));
}

/** Counted incidents in [from, to), newest first, at most `limit` (read by index), with the total (from the counts). */
export async function listIncidentDetail(
  db: Db,
  from: Date,
  to: Date,
  municipalityCode: string | undefined,
  limit: number,
): Promise<{ total: number; incidents: IncidentDetail[] }> {
  const where = `status = 'actief' AND occurred_at >= $1 AND occurred_at < $2 ${municipalityCode ? 'AND municipality_code = $4' : ''}`;
  const [rows, counted] = await Promise.all([
    db.query<Row>(`SELECT ${COLUMNS} FROM incidents WHERE ${where} ORDER BY occurred_at DESC, reference LIMIT $3`, [
      from.toISOString(), to.toISOString(), limit, ...(municipalityCode ? [municipalityCode] : []),
    ]),
    countIncidents(db, { from, to, by: [], ...(municipalityCode ? { municipalityCode } : {}) }),
  ]);
  return { total: counted[0]?.n ?? 0, incidents: rows.map(toDetail) };
}
