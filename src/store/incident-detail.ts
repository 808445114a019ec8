// Reads of incident detail (reference, moment, postcode area, history). Only commands that have asked the
// policy (src/domain/policy.ts) call these; the figures read the kept counts (incident-counts.ts).
import { detailScopeSql, type DetailScope } from '../domain/policy.js';
import type { Incident } from '../domain/types.js';
import { normalReference } from '../domain/reference.js';
import { auditedRead, type AuditEntry } from './audit.js';
import { mirrorOf } from './count-mirror.js';
import type { Db } from './db.js';
import { countIncidents, countSql } from './incident-counts.js';
import { placeParams } from './sql-params.js';

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

/** What a listing shows of an incident. */
export type IncidentListing = Pick<Incident, 'reference' | 'occurredAt' | 'municipalityCode' | 'target' | 'outcome' | 'means' | 'postcode4'>;
type ListingRow = Pick<Row, 'reference' | 'occurred_at' | 'municipality_code' | 'target' | 'outcome' | 'means' | 'postcode4'>;
const LISTING_COLUMNS = 'reference, occurred_at, municipality_code, target, outcome, means, postcode4';

const toListing = (row: ListingRow): IncidentListing => ({
  reference: row.reference,
  occurredAt: new Date(row.occurred_at),
  municipalityCode: row.municipality_code,
  target: row.target,
  outcome: row.outcome,
  means: row.means,
  postcode4: row.postcode4,
});

function toDetail(row: Row): IncidentDetail {
  // Added to the listing rather than spread into a new object: a spread followed by new fields makes a new
  // hidden class every time in Node 20's V8.
  return Object.assign(toListing(row), {
    municipalityAsWritten: row.municipality_as_written,
    status: row.status,
    source: row.source,
    version: row.version,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  });
}

/**
 * By reference, ignoring case and surrounding spaces. Of a pair that differs only in case (reported by
 * `ote referenties`) the spelling typed wins, else the one in normal form.
 */
export async function findIncident(db: Db, reference: string): Promise<IncidentDetail | null> {
  const rows = await db.query<Row>(`SELECT ${COLUMNS} ${BY_REFERENCE}`, referenceParams(reference));
  return rows[0] ? toDetail(rows[0]) : null;
}

const BY_REFERENCE = `FROM incidents WHERE upper(reference) = upper($1::text)
  ORDER BY (reference = $1::text) DESC, (reference = $2::text) DESC, reference LIMIT 1`;
const referenceParams = (reference: string) => [reference.trim(), normalReference(reference.trim())];

/**
 * `/ote incident`'s look: the incident by reference, with its history where `scope` may see it, and `look`
 * written in the same statement (`incident.bekeken` when it is shown, else its action; the subject the
 * reference found, else the one asked for).
 */
export async function lookAtIncident(
  db: Db,
  reference: string,
  scope: DetailScope,
  look: AuditEntry,
): Promise<{ found: IncidentDetail | null; history: IncidentChange[] }> {
  const params: unknown[] = referenceParams(reference);
  const allowed = detailScopeSql(scope, 'municipality_code', placeParams(params));
  const history = `SELECT coalesce(json_agg(json_build_object('version', h.version, 'change', h.change, 'reason', h.reason,
    'changedAt', h.changed_at) ORDER BY h.version, h.id), '[]') FROM incident_history AS h WHERE h.reference = incidents.reference`;
  const [row] = await auditedRead<Row & { allowed: boolean; history: (Omit<IncidentChange, 'changedAt'> & { changedAt: string })[] | null }>(
    db,
    { sql: `SELECT ${COLUMNS}, ${allowed} AS allowed, CASE WHEN ${allowed} THEN (${history}) END AS history ${BY_REFERENCE}`, params, keep: true },
    look,
    { actionIf: { when: 'EXISTS (SELECT 1 FROM shown WHERE allowed)', then: 'incident.bekeken' }, subject: '(SELECT reference FROM shown)' },
  );
  return {
    found: row ? toDetail(row) : null,
    history: (row?.history ?? []).map((h) => ({ ...h, changedAt: new Date(h.changedAt) })),
  };
}

export async function incidentHistory(db: Db, reference: string): Promise<IncidentChange[]> {
  const rows = await db.query<{ version: number; change: IncidentChange['change']; reason: string | null; changed_at: Date }>(
    'SELECT version, change, reason, changed_at FROM incident_history WHERE reference = $1 ORDER BY version, id',
    [reference],
  );
  return rows.map((r) => ({ version: r.version, change: r.change, reason: r.reason, changedAt: new Date(r.changed_at) }));
}

/**
 * Counted incidents in [from, to), newest first, at most `limit` (read by index), with the total (from the
 * counts), and `look` written in the same statement with what was shown: `getoond` and `totaal`.
 */
export async function listIncidentDetail(
  db: Db,
  from: Date,
  to: Date,
  municipalityCode: string | undefined,
  limit: number,
  look: AuditEntry,
): Promise<{ total: number; incidents: IncidentListing[] }> {
  const params: unknown[] = [from.toISOString(), to.toISOString(), limit];
  const param = placeParams(params);
  const only = municipalityCode ? `AND municipality_code = ${param(municipalityCode, 'text')}` : '';
  const counts = { from, to, by: [], ...(municipalityCode ? { municipalityCode } : {}) };
  // The counts in memory answer without a statement; otherwise they are a sub-select of this one.
  const counted = mirrorOf(db) !== undefined || to <= from;
  const total = counted ? param((await countIncidents(db, counts))[0]?.n ?? 0, 'int') : `(${countSql(counts, param)})`;
  const rows = await auditedRead<ListingRow & { total: number }>(
    db,
    {
      sql: `SELECT ${LISTING_COLUMNS}, ${total} AS total FROM incidents
        WHERE status = 'actief' AND occurred_at >= $1::timestamptz AND occurred_at < $2::timestamptz ${only}
        ORDER BY occurred_at DESC, reference LIMIT $3::int`,
      params,
      orderBy: 'occurred_at DESC, reference',
      // The count's own statement varies with the period's shape; with the total as a parameter, the text does not.
      keep: counted,
    },
    look,
    { detail: { getoond: '(SELECT count(*) FROM shown)', totaal: 'coalesce((SELECT max(total) FROM shown), 0)' } },
  );
  // With nothing shown there is no row to carry the total: nothing was counted either.
  return { total: rows[0]?.total ?? 0, incidents: rows.map(toListing) };
}
