// Check-ins on milestones: who answered a reminder, when, how (gereed, later, knelpunt) and with what note.
// Gereed and knelpunt answer the milestone (its reminders stop); later snoozes it.
import type { CheckInStatus } from '../domain/fieldlab.js';
import type { Db } from './db.js';
import { cachedBySettings } from './register-cache.js';

export interface CheckIn {
  id: number;
  milestoneId: number;
  interventionId: number;
  /** The milestone's day, for history lines. */
  day: number;
  status: CheckInStatus;
  note: string | null;
  snoozedUntil: Date | null;
  /** `platform:user`, e.g. `slack:U0123`. */
  actor: string;
  at: Date;
}

export interface CheckInInput {
  milestoneId: number;
  status: CheckInStatus;
  note?: string | null;
  /** Only for `later`. */
  snoozedUntil?: Date | null;
  actor: string;
  at: Date;
}

export type CheckInResult =
  | { kind: 'recorded'; checkIn: CheckIn }
  | { kind: 'already-answered'; checkIn: CheckIn | undefined }
  | { kind: 'not-open' };

interface Row {
  id: number | string;
  milestone_id: number | string;
  intervention_id: number | string;
  day: number;
  status: CheckInStatus;
  note: string | null;
  snoozed_until: Date | string | null;
  actor: string;
  at: Date | string;
}

const SELECT = `SELECT c.id, c.milestone_id, m.intervention_id, m.day, c.status, c.note, c.snoozed_until, c.actor, c.at
  FROM milestone_checkins c JOIN milestones m ON m.id = c.milestone_id`;

function toCheckIn(row: Row): CheckIn {
  return {
    id: Number(row.id),
    milestoneId: Number(row.milestone_id),
    interventionId: Number(row.intervention_id),
    day: row.day,
    status: row.status,
    note: row.note,
    snoozedUntil: row.snoozed_until ? new Date(row.snoozed_until) : null,
    actor: row.actor,
    at: new Date(row.at),
  };
}

/**
 * Records a check-in and applies it to the milestone, in one transaction with the milestone row locked, so
 * two people pressing at once give one answer. A milestone already answered keeps its first answer.
 */
export async function recordCheckIn(db: Db, input: CheckInInput): Promise<CheckInResult> {
  return db.transaction(async (tx) => {
    const milestones = await tx.query<{ state: string; dropped: boolean }>(
      `SELECT m.state, m.dropped_at IS NOT NULL AS dropped FROM milestones m WHERE m.id = $1 FOR UPDATE`,
      [input.milestoneId],
    );
    const milestone = milestones[0];
    if (!milestone || milestone.dropped) return { kind: 'not-open' };
    if (milestone.state !== 'open') {
      const last = await tx.query<Row>(`${SELECT} WHERE c.milestone_id = $1 AND c.status <> 'later' ORDER BY c.at DESC, c.id DESC LIMIT 1`, [input.milestoneId]);
      return { kind: 'already-answered', checkIn: last[0] && toCheckIn(last[0]) };
    }
    const snoozedUntil = input.status === 'later' ? (input.snoozedUntil ?? null) : null;
    if (input.status === 'later' && !snoozedUntil) throw new Error('a later check-in needs a snooze moment');
    const inserted = await tx.query<{ id: number | string }>(
      `INSERT INTO milestone_checkins (milestone_id, status, note, snoozed_until, actor, at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [input.milestoneId, input.status, input.note ?? null, snoozedUntil, input.actor, input.at],
    );
    if (input.status === 'later') {
      await tx.query('UPDATE milestones SET snoozed_until = $2 WHERE id = $1', [input.milestoneId, snoozedUntil]);
    } else {
      await tx.query('UPDATE milestones SET state = $2, snoozed_until = NULL WHERE id = $1', [input.milestoneId, input.status]);
    }
    const rows = await tx.query<Row>(`${SELECT} WHERE c.id = $1`, [Number(inserted[0]!.id)]);
    return { kind: 'recorded', checkIn: toCheckIn(rows[0]!) };
  });
}

export async function checkInById(db: Db, id: number): Promise<CheckIn | undefined> {
  const rows = await db.query<Row>(`${SELECT} WHERE c.id = $1`, [id]);
  return rows[0] ? toCheckIn(rows[0]) : undefined;
}

/** The check-ins of one intervention, newest first. */
export async function checkInHistory(db: Db, interventionId: number, limit = 20): Promise<CheckIn[]> {
  const rows = await db.query<Row>(`${SELECT} WHERE m.intervention_id = $1 ORDER BY c.at DESC, c.id DESC LIMIT $2`, [interventionId, limit]);
  return rows.map(toCheckIn);
}

/** The latest check-in of each intervention that has one (kept, shared: change nothing). */
export function lastCheckIns(db: Db): Promise<ReadonlyMap<number, CheckIn>> {
  return cachedBySettings(db, 'last-check-ins', async () => {
    const rows = await db.query<Row>(
      `SELECT DISTINCT ON (m.intervention_id) c.id, c.milestone_id, m.intervention_id, m.day, c.status, c.note, c.snoozed_until, c.actor, c.at
       FROM milestone_checkins c JOIN milestones m ON m.id = c.milestone_id
       ORDER BY m.intervention_id, c.at DESC, c.id DESC`,
    );
    return new Map(rows.map((r) => [Number(r.intervention_id), toCheckIn(r)]));
  });
}
