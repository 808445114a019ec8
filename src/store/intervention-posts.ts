// One-off posts of an intervention (the decision prompt to the team and to the programme office, a problem
// passed to the office) and the decisions taken at its end. A post is claimed before it is sent, as
// milestone posts are, so a retried or restarted job never posts what was posted.
import type { Decision } from '../domain/fieldlab.js';
import { endPromptKey } from '../domain/reminder-plan.js';
import type { Db } from './db.js';
import type { PostClaim } from './digest-posts.js';
import { cachedBySettings } from './register-cache.js';

export type InterventionPostKind = 'besluit-team' | 'besluit-bureau' | 'knelpunt';

export interface InterventionPostKey {
  interventionId: number;
  kind: InterventionPostKind;
  /** The check-in of a `knelpunt`; for a decision prompt the end moment it is for, in epoch seconds. */
  ref: number;
}

/** The attempt and when the first began, or undefined when it was posted or given up on already. */
export async function claimInterventionPost(db: Db, key: InterventionPostKey, channel: string): Promise<PostClaim | undefined> {
  const rows = await db.query<{ attempts: number; created_at: Date | string }>(
    `INSERT INTO intervention_posts (intervention_id, kind, ref, channel, status) VALUES ($1, $2, $3, $4, 'bezig')
     ON CONFLICT (intervention_id, kind, ref) DO UPDATE SET attempts = intervention_posts.attempts + 1, channel = EXCLUDED.channel
       WHERE intervention_posts.status = 'bezig'
     RETURNING attempts, created_at`,
    [key.interventionId, key.kind, key.ref, channel],
  );
  return rows[0] ? { attempt: rows[0].attempts, firstAttemptAt: new Date(rows[0].created_at) } : undefined;
}

export async function finishInterventionPost(db: Db, key: InterventionPostKey, outcome: { messageId: string } | { error: string; final: boolean }, at: Date): Promise<void> {
  if ('messageId' in outcome) {
    await db.query(
      `UPDATE intervention_posts SET status = 'geplaatst', message_id = $4, error = NULL, finished_at = $5 WHERE intervention_id = $1 AND kind = $2 AND ref = $3`,
      [key.interventionId, key.kind, key.ref, outcome.messageId, at],
    );
    return;
  }
  await db.query(
    `UPDATE intervention_posts SET status = CASE WHEN $5 THEN 'mislukt' ELSE status END, error = $4,
       finished_at = CASE WHEN $5 THEN $6::timestamptz ELSE finished_at END
     WHERE intervention_id = $1 AND kind = $2 AND ref = $3 AND status = 'bezig'`,
    [key.interventionId, key.kind, key.ref, outcome.error.slice(0, 500), outcome.final, at],
  );
}

/** The ref of a decision prompt: the end moment it asks about. */
export const promptRef = (endsAt: Date): number => Math.floor(endsAt.getTime() / 1000);

/** The ends (`endPromptKey`) whose prompt to the team was posted or given up on: no end job for them again. */
export async function decisionPromptsDone(db: Db, interventionIds?: readonly number[]): Promise<Set<string>> {
  const rows = await db.query<{ intervention_id: number | string; ref: number | string }>(
    `SELECT intervention_id, ref FROM intervention_posts WHERE kind = 'besluit-team' AND status <> 'bezig'
       AND ($1::bigint[] IS NULL OR intervention_id = ANY($1::bigint[]))`,
    [interventionIds ? [...interventionIds] : null],
  );
  return new Set(rows.map((r) => endPromptKey(Number(r.intervention_id), new Date(Number(r.ref) * 1000))));
}

/** The decision prompts of the intervention's latest end that were posted, to replace their buttons by the decision. */
export async function decisionPromptMessages(db: Db, interventionId: number): Promise<{ kind: 'besluit-team' | 'besluit-bureau'; channel: string; messageId: string }[]> {
  const rows = await db.query<{ kind: 'besluit-team' | 'besluit-bureau'; channel: string; message_id: string }>(
    `SELECT kind, channel, message_id FROM intervention_posts
     WHERE intervention_id = $1 AND kind IN ('besluit-team', 'besluit-bureau') AND status = 'geplaatst' AND message_id IS NOT NULL
       AND ref = (SELECT max(ref) FROM intervention_posts WHERE intervention_id = $1 AND kind IN ('besluit-team', 'besluit-bureau'))
     ORDER BY kind`,
    [interventionId],
  );
  return rows.map((r) => ({ kind: r.kind, channel: r.channel, messageId: r.message_id }));
}

export interface DecisionRecord {
  interventionId: number;
  decision: Decision;
  note: string | null;
  /** `platform:user`. */
  actor: string;
  at: Date;
}

export async function recordDecision(db: Db, decision: DecisionRecord): Promise<void> {
  await db.query('INSERT INTO intervention_decisions (intervention_id, decision, note, actor, at) VALUES ($1, $2, $3, $4, $5)', [
    decision.interventionId,
    decision.decision,
    decision.note,
    decision.actor,
    decision.at,
  ]);
}

/** The latest decision of each intervention that has one (of some, or all: kept, shared: change nothing). */
export function latestDecisions(db: Db, interventionIds?: readonly number[]): Promise<ReadonlyMap<number, DecisionRecord>> {
  return interventionIds ? loadLatestDecisions(db, interventionIds) : cachedBySettings(db, 'latest-decisions', () => loadLatestDecisions(db));
}

async function loadLatestDecisions(db: Db, interventionIds?: readonly number[]): Promise<Map<number, DecisionRecord>> {
  const rows = await db.query<{ intervention_id: number | string; decision: Decision; note: string | null; actor: string; at: Date | string }>(
    `SELECT DISTINCT ON (intervention_id) intervention_id, decision, note, actor, at FROM intervention_decisions
     WHERE ($1::bigint[] IS NULL OR intervention_id = ANY($1::bigint[])) ORDER BY intervention_id, at DESC, id DESC`,
    [interventionIds ? [...interventionIds] : null],
  );
  return new Map(rows.map((r) => [Number(r.intervention_id), { interventionId: Number(r.intervention_id), decision: r.decision, note: r.note, actor: r.actor, at: new Date(r.at) }]));
}
