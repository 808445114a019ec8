// The counted incidents repeats are computed from: reference, moment, municipality and postcode area.
import type { AreaIncident } from '../domain/repeats.js';
import type { Db } from './db.js';

export async function areaIncidents(db: Db, from: Date, to: Date, municipalityCode?: string | null): Promise<AreaIncident[]> {
  const rows = await db.query<{ reference: string; occurred_at: Date; municipality_code: string; postcode4: string | null }>(
    `SELECT reference, occurred_at, municipality_code, postcode4 FROM incidents
     WHERE status = 'actief' AND occurred_at >= $1 AND occurred_at < $2 AND ($3::text IS NULL OR municipality_code = $3)
     ORDER BY occurred_at`,
    [from, to, municipalityCode ?? null],
  );
  return rows.map((r) => ({ reference: r.reference, occurredAt: new Date(r.occurred_at), municipalityCode: r.municipality_code, postcode4: r.postcode4 }));
}

/** The counted incidents in the area of `incident` in the window before it (for one alert). */
export async function earlierInArea(db: Db, incident: AreaIncident, windowDays: number): Promise<AreaIncident[]> {
  const rows = await db.query<{ reference: string; occurred_at: Date; municipality_code: string; postcode4: string | null }>(
    `SELECT reference, occurred_at, municipality_code, postcode4 FROM incidents
     WHERE status = 'actief' AND reference <> $1 AND occurred_at >= $2 AND occurred_at < $3
       AND (CASE WHEN $4::text IS NULL THEN municipality_code = $5 ELSE postcode4 = $4 END)`,
    [incident.reference, new Date(incident.occurredAt.getTime() - windowDays * 86_400_000), incident.occurredAt, incident.postcode4, incident.municipalityCode],
  );
  return rows.map((r) => ({ reference: r.reference, occurredAt: new Date(r.occurred_at), municipalityCode: r.municipality_code, postcode4: r.postcode4 }));
}
