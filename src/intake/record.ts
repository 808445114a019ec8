// Writes validated incidents from the chat form or the API: all in one transaction with their audit lines,
// and says per reference what happened. Sending the same incident again changes nothing. Only an API
// batch that says through when it is complete extends the register's coverage; a chat report never does.
import type { Db } from '../store/db.js';
import { auditMany, type AuditEntry, type AuditWho } from '../store/audit.js';
import { extendCoverageThrough } from '../store/coverage.js';
import { upsertIncidents, withdrawIncident, type IncidentInput } from '../store/incidents.js';

export type RecordOutcome = 'aangemaakt' | 'gecorrigeerd' | 'ongewijzigd';

export interface RecordResult {
  reference: string;
  outcome: RecordOutcome;
  version: number;
  status: 'actief' | 'ingetrokken';
}

export async function recordIncidents(
  db: Db,
  incidents: readonly IncidentInput[],
  source: 'chat' | 'api',
  who: AuditWho,
  completeThrough?: Date,
): Promise<RecordResult[]> {
  const references = incidents.map((i) => i.reference);
  return db.transaction(async (tx) => {
    // Requests for the same references take turns, so each sees what the one before it wrote.
    await tx.query(
      'SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtext(r) AS k FROM unnest($1::text[]) AS r ORDER BY 1) AS keys',
      [references],
      { keep: true },
    );
    const before = new Map(
      (await tx.query<{ reference: string; version: number }>('SELECT reference, version FROM incidents WHERE reference = ANY($1::text[])', [references], { keep: true }))
        .map((r) => [r.reference, r.version]),
    );
    await upsertIncidents(tx, incidents, source, who.actor);
    const after = await tx.query<{ reference: string; version: number; status: RecordResult['status']; municipality_code: string }>(
      'SELECT reference, version, status, municipality_code FROM incidents WHERE reference = ANY($1::text[])',
      [references],
      { keep: true },
    );
    const byReference = new Map(after.map((r) => [r.reference, r]));
    const results: RecordResult[] = [];
    const entries: AuditEntry[] = [];
    for (const reference of references) {
      const row = byReference.get(reference)!;
      const previous = before.get(reference);
      const outcome: RecordOutcome = previous === undefined ? 'aangemaakt' : row.version > previous ? 'gecorrigeerd' : 'ongewijzigd';
      results.push({ reference, outcome, version: row.version, status: row.status });
      if (outcome !== 'ongewijzigd') {
        entries.push({
          ...who,
          action: `incident.${outcome}`,
          subject: reference,
          detail: { bron: source, gemeente: row.municipality_code, versie: row.version },
        });
      }
    }
    if (completeThrough && source === 'api' && incidents.length > 0) {
      const first = incidents.reduce((min, i) => (i.occurredAt < min ? i.occurredAt : min), incidents[0]!.occurredAt);
      await extendCoverageThrough(tx, completeThrough, first, 'api', who.actor);
    }
    await auditMany(tx, entries);
    return results;
  });
}

/** Withdraws an incident and audits it (the reason stays in the incident history only: it is free text); false when there is no active incident by that reference. */
export async function withdrawAndAudit(db: Db, reference: string, reason: string, who: AuditWho): Promise<boolean> {
  return db.transaction(async (tx) => {
    const done = await withdrawIncident(tx, reference, reason, who.actor);
    if (done) await auditMany(tx, [{ ...who, action: 'incident.ingetrokken', subject: reference }]);
    return done;
  });
}
