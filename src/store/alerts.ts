// Alert subscriptions per channel and the alert post log: which incident each channel was alerted to, with
// which message, showing which version. A claimed row is posted once (its attempts say whether to look
// first); a later version of the incident is edited into the message.
import type { Lang } from '../i18n/index.js';
import type { Db } from './db.js';

/** An incident is alerted only when it is stored within this long after it happened. */
export const ALERT_RECENT_HOURS = 48;

export interface AlertSubscription {
  id: number;
  channel: string;
  municipalityCode: string | null;
  lang: Lang;
  since: Date;
}

interface SubscriptionRow {
  id: string | number;
  channel: string;
  municipality_code: string | null;
  lang: Lang;
  since: Date;
}

const toSubscription = (r: SubscriptionRow): AlertSubscription => ({ id: Number(r.id), channel: r.channel, municipalityCode: r.municipality_code, lang: r.lang, since: new Date(r.since) });
const COLUMNS = 'id, channel, municipality_code, lang, since';

export async function findAlertSubscription(db: Db, channel: string): Promise<AlertSubscription | undefined> {
  const [row] = await db.query<SubscriptionRow>(`SELECT ${COLUMNS} FROM alert_subscriptions WHERE channel = $1 AND status = 'actief'`, [channel]);
  return row && toSubscription(row);
}

export async function alertSubscriptionById(db: Db, id: number): Promise<AlertSubscription | undefined> {
  const [row] = await db.query<SubscriptionRow>(`SELECT ${COLUMNS} FROM alert_subscriptions WHERE id = $1 AND status = 'actief'`, [id]);
  return row && toSubscription(row);
}

/** Subscribes the channel, or changes its municipality and language (keeping since when it was subscribed). */
export async function subscribeAlerts(
  db: Db,
  input: { channel: string; municipalityCode: string | null; lang: Lang; createdBy: string },
): Promise<{ subscription: AlertSubscription; created: boolean }> {
  const [changed] = await db.query<SubscriptionRow>(
    `UPDATE alert_subscriptions SET municipality_code = $2, lang = $3 WHERE channel = $1 AND status = 'actief' RETURNING ${COLUMNS}`,
    [input.channel, input.municipalityCode, input.lang],
  );
  if (changed) return { subscription: toSubscription(changed), created: false };
  const [row] = await db.query<SubscriptionRow>(
    `INSERT INTO alert_subscriptions (channel, municipality_code, lang, created_by) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`,
    [input.channel, input.municipalityCode, input.lang, input.createdBy],
  );
  return { subscription: toSubscription(row!), created: true };
}

export async function unsubscribeAlerts(db: Db, channel: string): Promise<AlertSubscription | undefined> {
  const [row] = await db.query<SubscriptionRow>(`UPDATE alert_subscriptions SET status = 'opgezegd' WHERE channel = $1 AND status = 'actief' RETURNING ${COLUMNS}`, [channel]);
  return row && toSubscription(row);
}

export interface AlertCandidate {
  subscriptionId: number;
  /** The subscribed channel, `slack:C0123`. */
  channel: string;
  reference: string;
  municipalityCode: string;
  source: string;
}

/**
 * Incidents each active subscription has not been alerted to: stored since it subscribed, within
 * ALERT_RECENT_HOURS of happening, counted, not demo data, in its municipality (or anywhere).
 */
export async function alertCandidates(db: Db, now: Date): Promise<AlertCandidate[]> {
  const rows = await db.query<{ subscription_id: string | number; channel: string; reference: string; municipality_code: string; source: string }>(
    `SELECT s.id AS subscription_id, s.channel, i.reference, i.municipality_code, i.source
     FROM alert_subscriptions s
     JOIN incidents i ON i.created_at >= s.since AND (s.municipality_code IS NULL OR i.municipality_code = s.municipality_code)
     WHERE s.status = 'actief' AND i.created_at >= $1 AND i.occurred_at >= i.created_at - make_interval(hours => $2)
       AND i.status = 'actief' AND i.source <> 'demo'
       AND NOT EXISTS (SELECT 1 FROM alert_incidents a WHERE a.subscription_id = s.id AND a.reference = i.reference)
     ORDER BY s.id, i.created_at, i.reference`,
    [new Date(now.getTime() - ALERT_RECENT_HOURS * 3_600_000), ALERT_RECENT_HOURS],
  );
  return rows.map((r) => ({ subscriptionId: Number(r.subscription_id), channel: r.channel, reference: r.reference, municipalityCode: r.municipality_code, source: r.source }));
}

export interface AlertPostKey {
  subscriptionId: number;
  postKey: string;
}

/**
 * Claims alerts for one subscription in the caller's transaction, taking turns with any other fan-out for
 * it: each incident's own alert, and one summary for `summarised` (a bulk import). Returns what it claimed.
 */
export async function claimAlerts(tx: Db, subscriptionId: number, single: readonly string[], summarised: readonly string[]): Promise<AlertPostKey[]> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`ote-alerts-${subscriptionId}`]);
  const free = new Set(
    (await tx.query<{ reference: string }>(
      `SELECT r AS reference FROM unnest($2::text[]) AS r WHERE NOT EXISTS (SELECT 1 FROM alert_incidents a WHERE a.subscription_id = $1 AND a.reference = r)`,
      [subscriptionId, [...single, ...summarised]],
    )).map((r) => r.reference),
  );
  const claimed: AlertPostKey[] = [];
  const singles = single.filter((r) => free.has(r));
  if (singles.length > 0) {
    await tx.query(`INSERT INTO alert_posts (subscription_id, post_key, kind) SELECT $1, r, 'melding' FROM unnest($2::text[]) AS r`, [subscriptionId, singles]);
    await tx.query(`INSERT INTO alert_incidents (subscription_id, reference, post_key) SELECT $1, r, r FROM unnest($2::text[]) AS r`, [subscriptionId, singles]);
    claimed.push(...singles.map((postKey) => ({ subscriptionId, postKey })));
  }
  const rest = summarised.filter((r) => free.has(r));
  if (rest.length > 0) {
    const [{ n }] = (await tx.query<{ n: string }>("SELECT nextval('alert_summary_numbers')::text AS n")) as [{ n: string }];
    const postKey = `samenvatting-${n}`;
    await tx.query(`INSERT INTO alert_posts (subscription_id, post_key, kind) VALUES ($1, $2, 'samenvatting')`, [subscriptionId, postKey]);
    await tx.query(`INSERT INTO alert_incidents (subscription_id, reference, post_key) SELECT $1, r, $2 FROM unnest($3::text[]) AS r`, [subscriptionId, postKey, rest]);
    claimed.push({ subscriptionId, postKey });
  }
  return claimed;
}

/** Claimed and not yet posted (a lost job, a restart): enqueued again, their job ids keep it once. */
export async function waitingAlerts(db: Db): Promise<AlertPostKey[]> {
  const rows = await db.query<{ subscription_id: string | number; post_key: string }>(
    `SELECT p.subscription_id, p.post_key FROM alert_posts p JOIN alert_subscriptions s ON s.id = p.subscription_id
     WHERE p.status = 'wacht' AND s.status = 'actief'`,
  );
  return rows.map((r) => ({ subscriptionId: Number(r.subscription_id), postKey: r.post_key }));
}

export interface StaleAlert extends AlertPostKey {
  version: number;
  /** The latest change in the alert's area since it was written (ms), when that is why it may be stale. */
  areaChangedAt?: number;
}

/**
 * Posted alerts that may no longer be right: their incident has changed since (corrected, withdrawn), or
 * another attack in its area within the repeat window before it has (withdrawn, added, corrected), which
 * may change whether it is a repeat (looked at for alerts posted within the window; older ones keep theirs).
 */
export async function staleAlerts(db: Db, repeatWindowDays: number): Promise<StaleAlert[]> {
  const rows = await db.query<{ subscription_id: string | number; post_key: string; version: number; stale_version: boolean; area_changed: Date | null }>(
    `SELECT p.subscription_id, p.post_key, i.version, i.version > p.shown_version AS stale_version,
       (SELECT max(o.updated_at) FROM incidents o
        WHERE o.reference <> i.reference AND o.updated_at > p.shown_at
          AND o.occurred_at < i.occurred_at AND o.occurred_at >= i.occurred_at - make_interval(days => $1)
          AND CASE WHEN i.postcode4 IS NULL THEN o.municipality_code = i.municipality_code ELSE o.postcode4 = i.postcode4 END) AS area_changed
     FROM alert_posts p
     JOIN alert_subscriptions s ON s.id = p.subscription_id AND s.status = 'actief'
     JOIN incidents i ON i.reference = p.post_key
     WHERE p.kind = 'melding' AND p.status = 'geplaatst'
       AND (i.version > p.shown_version OR (i.status = 'actief' AND p.posted_at >= now() - make_interval(days => $1)))`,
    [repeatWindowDays],
  );
  return rows
    .filter((r) => r.stale_version || r.area_changed !== null)
    .map((r) => ({
      subscriptionId: Number(r.subscription_id),
      postKey: r.post_key,
      version: r.version,
      ...(!r.stale_version && r.area_changed ? { areaChangedAt: new Date(r.area_changed).getTime() } : {}),
    }));
}

export interface AlertPost extends AlertPostKey {
  kind: 'melding' | 'samenvatting';
  status: 'wacht' | 'geplaatst' | 'mislukt';
  attempts: number;
  messageId: string | null;
  shownVersion: number | null;
  shownRepeat: number;
  createdAt: Date;
}

export async function findAlertPost(db: Db, key: AlertPostKey): Promise<AlertPost | undefined> {
  const [r] = await db.query<{ kind: AlertPost['kind']; status: AlertPost['status']; attempts: number; message_id: string | null; shown_version: number | null; shown_repeat: number; created_at: Date }>(
    'SELECT kind, status, attempts, message_id, shown_version, shown_repeat, created_at FROM alert_posts WHERE subscription_id = $1 AND post_key = $2',
    [key.subscriptionId, key.postKey],
  );
  return r && { ...key, kind: r.kind, status: r.status, attempts: r.attempts, messageId: r.message_id, shownVersion: r.shown_version, shownRepeat: r.shown_repeat, createdAt: new Date(r.created_at) };
}

/** One more attempt at a waiting alert; undefined when it is posted or given up. */
export async function claimAlertAttempt(db: Db, key: AlertPostKey): Promise<AlertPost | undefined> {
  const [r] = await db.query<{ attempts: number }>(
    `UPDATE alert_posts SET attempts = attempts + 1 WHERE subscription_id = $1 AND post_key = $2 AND status = 'wacht' RETURNING attempts`,
    [key.subscriptionId, key.postKey],
  );
  return r ? findAlertPost(db, key) : undefined;
}

export async function markAlertPosted(db: Db, key: AlertPostKey, messageId: string, shown: { version: number | null; repeat: number; at: Date }): Promise<void> {
  await db.query(
    `UPDATE alert_posts SET status = 'geplaatst', message_id = $3, shown_version = $4, shown_repeat = $5, shown_at = $6, posted_at = now(), error = NULL
     WHERE subscription_id = $1 AND post_key = $2`,
    [key.subscriptionId, key.postKey, messageId, shown.version, shown.repeat, shown.at],
  );
}

/** The alert now shows this version and repeat status, as written from the register at `at`. */
export async function markAlertShown(db: Db, key: AlertPostKey, shown: { version: number; repeat: number; at: Date }): Promise<void> {
  await db.query(
    'UPDATE alert_posts SET shown_version = GREATEST(shown_version, $3), shown_repeat = $4, shown_at = GREATEST(shown_at, $5) WHERE subscription_id = $1 AND post_key = $2',
    [key.subscriptionId, key.postKey, shown.version, shown.repeat, shown.at],
  );
}

export async function markAlertFailed(db: Db, key: AlertPostKey, error: string, final: boolean): Promise<void> {
  await db.query(
    `UPDATE alert_posts SET error = $3, status = CASE WHEN $4 THEN 'mislukt' ELSE status END WHERE subscription_id = $1 AND post_key = $2`,
    [key.subscriptionId, key.postKey, error.slice(0, 500), final],
  );
}

/** The incidents a summary covers. */
export async function summaryReferences(db: Db, key: AlertPostKey): Promise<string[]> {
  return (await db.query<{ reference: string }>('SELECT reference FROM alert_incidents WHERE subscription_id = $1 AND post_key = $2 ORDER BY reference', [key.subscriptionId, key.postKey])).map((r) => r.reference);
}
