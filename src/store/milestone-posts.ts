// The reminder post log: one row per reminder moment of a milestone and one escalation per milestone.
// Claiming the row before posting keeps a retried or restarted job from posting what was already posted.
import type { PostLogEntry, ReminderJobKind } from '../domain/reminder-plan.js';
import type { Db } from './db.js';
import type { PostClaim } from './digest-posts.js';
import { cachedBySettings } from './register-cache.js';

export interface MilestonePostKey {
  milestoneId: number;
  kind: ReminderJobKind;
  remindAt: Date;
}

/**
 * Claims the post for one attempt: creates the row, or takes it over while it is still `bezig` (an earlier
 * attempt failed or its process died). Returns the attempt, or undefined when it was already posted or
 * given up on, or (escalation) the milestone was escalated before.
 */
export async function claimMilestonePost(db: Db, key: MilestonePostKey, channel: string): Promise<PostClaim | undefined> {
  const conflict =
    key.kind === 'escalatie'
      ? `ON CONFLICT (milestone_id) WHERE kind = 'escalatie'`
      : `ON CONFLICT (milestone_id, kind, remind_at)`;
  const rows = await db.query<{ attempts: number; created_at: Date | string }>(
    `INSERT INTO milestone_posts (milestone_id, kind, remind_at, channel, status) VALUES ($1, $2, $3, $4, 'bezig')
     ${conflict} DO UPDATE SET attempts = milestone_posts.attempts + 1, channel = EXCLUDED.channel, remind_at = EXCLUDED.remind_at
       WHERE milestone_posts.status = 'bezig'
     RETURNING attempts, created_at`,
    [key.milestoneId, key.kind, key.remindAt, channel],
  );
  return rows[0] ? { attempt: rows[0].attempts, firstAttemptAt: new Date(rows[0].created_at) } : undefined;
}

export async function markMilestonePosted(db: Db, key: MilestonePostKey, messageId: string, at: Date): Promise<void> {
  await db.query(
    `UPDATE milestone_posts SET status = 'geplaatst', message_id = $4, error = NULL, finished_at = $5
     WHERE milestone_id = $1 AND kind = $2 AND remind_at = $3`,
    [key.milestoneId, key.kind, key.remindAt, messageId, at],
  );
}

/** Records an error; `final` gives the post up, otherwise it stays claimable for the next attempt. */
export async function markMilestonePostFailed(db: Db, key: MilestonePostKey, error: string, final: boolean, at: Date): Promise<void> {
  await db.query(
    `UPDATE milestone_posts SET status = CASE WHEN $5 THEN 'mislukt' ELSE status END, error = $4,
       finished_at = CASE WHEN $5 THEN $6::timestamptz ELSE finished_at END
     WHERE milestone_id = $1 AND kind = $2 AND remind_at = $3 AND status = 'bezig'`,
    [key.milestoneId, key.kind, key.remindAt, error.slice(0, 500), final, at],
  );
}

interface Row {
  milestone_id: number | string;
  kind: ReminderJobKind;
  remind_at: Date | string;
  status: PostLogEntry['status'];
  finished_at: Date | string | null;
}

/** The post log of open milestones (of some interventions, or all), for planning the queue. */
export async function postLog(db: Db, interventionIds?: readonly number[]): Promise<PostLogEntry[]> {
  const rows = await db.query<Row>(
    `SELECT p.milestone_id, p.kind, p.remind_at, p.status, p.finished_at
     FROM milestone_posts p JOIN milestones m ON m.id = p.milestone_id
     WHERE m.state = 'open' AND m.dropped_at IS NULL AND ($1::bigint[] IS NULL OR m.intervention_id = ANY($1::bigint[]))`,
    [interventionIds ? [...interventionIds] : null],
  );
  return rows.map((r) => ({
    milestoneId: Number(r.milestone_id),
    kind: r.kind,
    remindAt: new Date(r.remind_at),
    status: r.status,
    finishedAt: r.finished_at ? new Date(r.finished_at) : null,
  }));
}

/** Milestones escalated to the programme office, for flags in the overview (kept, shared: change nothing). */
export function escalatedMilestoneIds(db: Db): Promise<ReadonlySet<number>> {
  return cachedBySettings(db, 'escalated-milestones', async () => {
    const rows = await db.query<{ milestone_id: number | string }>(
      `SELECT milestone_id FROM milestone_posts WHERE kind = 'escalatie' AND status = 'geplaatst'`,
    );
    return new Set(rows.map((r) => Number(r.milestone_id)));
  });
}

/** Where the milestone's latest posted reminder is, so its buttons can be replaced by the answer. */
export async function latestReminderMessage(db: Db, milestoneId: number): Promise<{ channel: string; messageId: string; remindAt: Date } | undefined> {
  const rows = await db.query<{ channel: string; message_id: string; remind_at: Date | string }>(
    `SELECT channel, message_id, remind_at FROM milestone_posts
     WHERE milestone_id = $1 AND kind = 'herinnering' AND status = 'geplaatst' AND message_id IS NOT NULL
     ORDER BY finished_at DESC NULLS LAST, remind_at DESC LIMIT 1`,
    [milestoneId],
  );
  const row = rows[0];
  return row ? { channel: row.channel, messageId: row.message_id, remindAt: new Date(row.remind_at) } : undefined;
}
