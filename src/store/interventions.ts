// Field Lab interventions and their milestones. A dropped milestone stays (with its check-ins) but no longer
// counts; every query here leaves dropped milestones out.
import type { Intervention, InterventionStatus, Milestone, MilestoneKind, MilestonePlan, MilestoneState } from '../domain/fieldlab.js';
import { assertChannelAddress } from '../platforms/registry.js';
import type { Db } from './db.js';
import { cachedBySettings } from './register-cache.js';

interface InterventionRow {
  id: number | string;
  name: string;
  description: string;
  owners: string[];
  channel: string;
  start_date: string;
  length_days: number;
  status: InterventionStatus;
  lang: 'nl' | 'en';
  team_roles: string[];
}

interface MilestoneRow {
  id: number | string;
  intervention_id: number | string;
  day: number;
  kind: MilestoneKind;
  title: string | null;
  state: MilestoneState;
  snoozed_until: Date | string | null;
}

export type InterventionInput = Omit<Intervention, 'id' | 'milestones' | 'lang' | 'teamRoles'> & {
  milestones: (MilestonePlan & { state?: MilestoneState })[];
  /** Default `nl`. */
  lang?: Intervention['lang'];
  /** Default none: the team channel's members with a role. */
  teamRoles?: string[];
};

export type InterventionChanges = Partial<Omit<InterventionInput, 'milestones'>>;

const INTERVENTION_COLUMNS = 'id, name, description, owners, channel, start_date::text AS start_date, length_days, status, lang, team_roles';
const MILESTONE_COLUMNS = 'id, intervention_id, day, kind, title, state, snoozed_until';

function toMilestone(row: MilestoneRow): Milestone {
  return {
    id: Number(row.id),
    day: row.day,
    kind: row.kind,
    title: row.title,
    state: row.state,
    snoozedUntil: row.snoozed_until ? new Date(row.snoozed_until) : null,
  };
}

/** Interventions with their milestones (by day), by name; `ids` narrows the list. The whole list is kept (shared: change nothing). */
export function listInterventions(db: Db, ids?: readonly number[]): Promise<readonly Intervention[]> {
  return ids ? loadInterventions(db, ids) : cachedBySettings(db, 'interventions', () => loadInterventions(db));
}

async function loadInterventions(db: Db, ids?: readonly number[]): Promise<Intervention[]> {
  const rows = await db.query<InterventionRow>(
    `SELECT ${INTERVENTION_COLUMNS} FROM interventions WHERE ($1::bigint[] IS NULL OR id = ANY($1::bigint[])) ORDER BY lower(name)`,
    [ids ? [...ids] : null],
  );
  if (rows.length === 0) return [];
  const milestoneRows = await db.query<MilestoneRow>(
    `SELECT ${MILESTONE_COLUMNS} FROM milestones WHERE dropped_at IS NULL AND intervention_id = ANY($1::bigint[]) ORDER BY day, id`,
    [rows.map((r) => Number(r.id))],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    name: row.name,
    description: row.description,
    owners: row.owners,
    channel: row.channel,
    startDate: row.start_date,
    lengthDays: row.length_days,
    status: row.status,
    lang: row.lang,
    teamRoles: row.team_roles,
    milestones: milestoneRows.filter((m) => Number(m.intervention_id) === Number(row.id)).map(toMilestone),
  }));
}

export async function findIntervention(db: Db, id: number): Promise<Intervention | undefined> {
  return (await listInterventions(db, [id]))[0];
}

/** The intervention a milestone belongs to, with the milestone (also when it was dropped, so a late button still finds it). */
export async function findMilestone(db: Db, milestoneId: number): Promise<{ intervention: Intervention; milestone: Milestone; dropped: boolean } | undefined> {
  const rows = await db.query<MilestoneRow & { dropped: boolean }>(
    `SELECT ${MILESTONE_COLUMNS}, dropped_at IS NOT NULL AS dropped FROM milestones WHERE id = $1`,
    [milestoneId],
  );
  const row = rows[0];
  if (!row) return undefined;
  const intervention = await findIntervention(db, Number(row.intervention_id));
  return intervention && { intervention, milestone: toMilestone(row), dropped: row.dropped };
}

export async function findInterventionIdByName(db: Db, name: string): Promise<number | undefined> {
  const rows = await db.query<{ id: number | string }>('SELECT id FROM interventions WHERE lower(btrim(name)) = lower(btrim($1))', [name]);
  return rows[0] ? Number(rows[0].id) : undefined;
}

export async function createIntervention(db: Db, input: InterventionInput, by: string): Promise<number> {
  assertChannelAddress(input.channel);
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ id: number | string }>(
      `INSERT INTO interventions (name, description, owners, channel, start_date, length_days, status, created_by, lang, team_roles)
       VALUES (btrim($1), $2, $3::text[], $4, $5::date, $6, $7, $8, $9, $10::text[]) RETURNING id`,
      [input.name, input.description, input.owners, input.channel, input.startDate, input.lengthDays, input.status, by, input.lang ?? 'nl', input.teamRoles ?? []],
    );
    const id = Number(rows[0]!.id);
    for (const milestone of input.milestones) await upsertMilestone(tx, id, milestone);
    return id;
  });
}

export async function updateIntervention(db: Db, id: number, changes: InterventionChanges): Promise<void> {
  const columns: [string, unknown, string?][] = [];
  if (changes.name !== undefined) columns.push(['name', changes.name.trim()]);
  if (changes.description !== undefined) columns.push(['description', changes.description]);
  if (changes.owners !== undefined) columns.push(['owners', changes.owners, '::text[]']);
  if (changes.channel !== undefined) {
    assertChannelAddress(changes.channel);
    columns.push(['channel', changes.channel]);
  }
  if (changes.startDate !== undefined) columns.push(['start_date', changes.startDate, '::date']);
  if (changes.lengthDays !== undefined) columns.push(['length_days', changes.lengthDays]);
  if (changes.status !== undefined) columns.push(['status', changes.status]);
  if (changes.lang !== undefined) columns.push(['lang', changes.lang]);
  if (changes.teamRoles !== undefined) columns.push(['team_roles', changes.teamRoles, '::text[]']);
  if (columns.length === 0) return;
  const before = await db.query<{ start_date: string }>('SELECT start_date::text AS start_date FROM interventions WHERE id = $1', [id]);
  const sets = columns.map(([column, , cast], i) => `${column} = $${i + 2}${cast ?? ''}`).join(', ');
  await db.query(`UPDATE interventions SET ${sets}, updated_at = now() WHERE id = $1`, [id, ...columns.map(([, value]) => value)]);
  if (changes.startDate !== undefined && changes.startDate !== before[0]?.start_date) {
    // A new start date moves every due moment; earlier snoozes no longer mean anything.
    await db.query('UPDATE milestones SET snoozed_until = NULL WHERE intervention_id = $1 AND dropped_at IS NULL', [id]);
  }
}

/** Adds a milestone, or (same day) updates its kind, title and, when given, its state. */
export async function upsertMilestone(db: Db, interventionId: number, plan: MilestonePlan & { state?: MilestoneState }): Promise<void> {
  await db.query(
    `INSERT INTO milestones (intervention_id, day, kind, title, state) VALUES ($1, $2, $3, $4, COALESCE($5, 'open'))
     ON CONFLICT (intervention_id, day) WHERE dropped_at IS NULL
     DO UPDATE SET kind = EXCLUDED.kind, title = EXCLUDED.title, state = COALESCE($5, milestones.state)`,
    [interventionId, plan.day, plan.kind, plan.title, plan.state ?? null],
  );
}

/** Moves an open milestone to another day; its snooze is cleared. False when there is no open milestone on `fromDay`. */
export async function moveMilestone(db: Db, interventionId: number, fromDay: number, toDay: number): Promise<boolean> {
  const rows = await db.query(
    `UPDATE milestones SET day = $3, snoozed_until = NULL
     WHERE intervention_id = $1 AND day = $2 AND dropped_at IS NULL AND state = 'open' RETURNING id`,
    [interventionId, fromDay, toDay],
  );
  return rows.length > 0;
}

export async function dropMilestone(db: Db, interventionId: number, day: number, at: Date): Promise<boolean> {
  const rows = await db.query(
    'UPDATE milestones SET dropped_at = $3 WHERE intervention_id = $1 AND day = $2 AND dropped_at IS NULL RETURNING id',
    [interventionId, day, at],
  );
  return rows.length > 0;
}

/**
 * Imports interventions by name, all in one transaction: a new name is created, a known one updated.
 * Milestones are added or updated by day and never dropped by an import.
 */
export async function importInterventions(db: Db, inputs: readonly InterventionInput[], by: string): Promise<{ created: number; updated: number }> {
  return db.transaction(async (tx) => {
    let created = 0;
    let updated = 0;
    for (const input of inputs) {
      const existing = await findInterventionIdByName(tx, input.name);
      if (existing === undefined) {
        await createIntervention(tx, input, by);
        created++;
        continue;
      }
      const { milestones, ...fields } = input;
      await updateIntervention(tx, existing, fields);
      for (const milestone of milestones) await upsertMilestone(tx, existing, milestone);
      updated++;
    }
    return { created, updated };
  });
}
