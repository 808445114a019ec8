// The digest post log: one row per subscription and local date. Claiming the row before posting is the
// second guard against posting twice (the first is the queue's deterministic job id).
import { assertPlatformName, type PlatformName } from '../platforms/registry.js';
import type { Db } from './db.js';

export type DigestPostStatus = 'bezig' | 'geplaatst' | 'mislukt';

export interface DigestPostKey {
  subscriptionId: number;
  /** Europe/Amsterdam calendar date, `YYYY-MM-DD`. */
  localDate: string;
}

/** One claimed attempt: its number, and when the first attempt claimed the row (where a lookup starts). */
export interface PostClaim {
  attempt: number;
  firstAttemptAt: Date;
}

export interface DigestPostRow extends DigestPostKey {
  status: DigestPostStatus;
}

/**
 * Claims the row for one attempt: creates it, or takes it over while it is still `bezig` (an earlier
 * attempt failed or its process died). Returns the attempt, or undefined when the digest was already
 * posted or given up on.
 */
export async function claimDigestPost(db: Db, key: DigestPostKey, platform: PlatformName): Promise<PostClaim | undefined> {
  assertPlatformName(platform);
  const rows = await db.query<{ attempts: number; created_at: Date | string }>(
    `INSERT INTO digest_posts (subscription_id, local_date, platform, status) VALUES ($1, $2::date, $3, 'bezig')
     ON CONFLICT (subscription_id, local_date) DO UPDATE SET attempts = digest_posts.attempts + 1, platform = EXCLUDED.platform
       WHERE digest_posts.status = 'bezig'
     RETURNING attempts, created_at`,
    [key.subscriptionId, key.localDate, platform],
  );
  return rows[0] ? { attempt: rows[0].attempts, firstAttemptAt: new Date(rows[0].created_at) } : undefined;
}

/** `digestAt` is the moment the digest's figures run up to: the next digest covers what came after it. */
export async function markDigestPosted(db: Db, key: DigestPostKey, messageId: string, digestAt: Date): Promise<void> {
  await db.query(
    `UPDATE digest_posts SET status = 'geplaatst', message_id = $3, error = NULL, finished_at = $4
     WHERE subscription_id = $1 AND local_date = $2::date`,
    [key.subscriptionId, key.localDate, messageId, digestAt.toISOString()],
  );
}

/** Records an error; `final` gives the digest up (no more attempts), otherwise it stays claimable. */
export async function markDigestFailed(db: Db, key: DigestPostKey, error: string, final: boolean): Promise<void> {
  await db.query(
    `UPDATE digest_posts SET status = CASE WHEN $4 THEN 'mislukt' ELSE status END, error = $3,
       finished_at = CASE WHEN $4 THEN now() ELSE finished_at END
     WHERE subscription_id = $1 AND local_date = $2::date AND status = 'bezig'`,
    [key.subscriptionId, key.localDate, error.slice(0, 500), final],
  );
}

/** The rows of one local date, for the clock's decision. */
export async function digestPostsOn(db: Db, localDate: string): Promise<DigestPostRow[]> {
  const rows = await db.query<{ subscription_id: number | string; local_date: string; status: DigestPostStatus }>(
    `SELECT subscription_id, local_date::text AS local_date, status FROM digest_posts WHERE local_date = $1::date`,
    [localDate],
  );
  return rows.map((r) => ({ subscriptionId: Number(r.subscription_id), localDate: r.local_date, status: r.status }));
}

/** The moment the subscription's previous digest ran up to, if any: the next one covers what came since. */
export async function lastDigestPostedAt(db: Db, subscriptionId: number): Promise<Date | null> {
  const rows = await db.query<{ at: Date | string | null }>(
    `SELECT max(finished_at) AS at FROM digest_posts WHERE subscription_id = $1 AND status = 'geplaatst'`,
    [subscriptionId],
  );
  const at = rows[0]?.at;
  return at ? new Date(at) : null;
}

export interface DigestPostSummary {
  subscriptionId: number;
  lastPosted?: { localDate: string; at: Date; messageId: string | null };
  /** The latest failure, only when it is more recent than the last successful post. */
  lastFailure?: { localDate: string; error: string | null };
}

/** Per subscription: the last successful digest and any later failure, for `/ote abonnementen`. */
export async function digestPostSummaries(db: Db, subscriptionIds: readonly number[]): Promise<Map<number, DigestPostSummary>> {
  const rows = await db.query<{
    subscription_id: number | string;
    local_date: string;
    status: DigestPostStatus;
    finished_at: Date | string | null;
    message_id: string | null;
    error: string | null;
  }>(
    `SELECT DISTINCT ON (subscription_id, status) subscription_id, local_date::text AS local_date, status, finished_at, message_id, error
     FROM digest_posts WHERE subscription_id = ANY($1::bigint[]) AND status IN ('geplaatst', 'mislukt')
     ORDER BY subscription_id, status, local_date DESC`,
    [subscriptionIds],
  );
  const summaries = new Map<number, DigestPostSummary>(subscriptionIds.map((id) => [id, { subscriptionId: id }]));
  for (const row of rows) {
    const summary = summaries.get(Number(row.subscription_id))!;
    if (row.status === 'geplaatst') {
      summary.lastPosted = { localDate: row.local_date, at: new Date(row.finished_at!), messageId: row.message_id };
    } else {
      summary.lastFailure = { localDate: row.local_date, error: row.error };
    }
  }
  for (const summary of summaries.values()) {
    if (summary.lastFailure && summary.lastPosted && summary.lastPosted.localDate >= summary.lastFailure.localDate) {
      delete summary.lastFailure;
    }
  }
  return summaries;
}
