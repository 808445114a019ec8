// Digest subscriptions: one live subscription per platform channel (`slack:C0123`).
import type { Lang } from '../i18n/index.js';
import { assertChannelAddress } from '../platforms/registry.js';
import type { Db } from './db.js';
import { cachedBySettings } from './register-cache.js';

export const SUBSCRIPTION_STATUSES = ['actief', 'gepauzeerd', 'opgezegd'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

export interface Subscription {
  id: number;
  /** `platform:channel`, e.g. `slack:C0123`. */
  channel: string;
  /** Local time of day (Europe/Amsterdam) in minutes after midnight: 08:00 is 480. */
  postMinute: number;
  /** CBS code of the municipality the digest narrows to; null is the whole country. */
  municipalityCode: string | null;
  /** ISO weekdays the digest is posted on: 1 = Monday … 7 = Sunday. */
  weekdays: number[];
  lang: Lang;
  status: SubscriptionStatus;
  pausedReason: string | null;
  createdBy: string;
  /** The local date of the first digest (its next occurrence when made or resumed); null: no lower bound. */
  startsOn: string | null;
}

export interface SubscriptionInput {
  channel: string;
  postMinute: number;
  municipalityCode: string | null;
  weekdays: number[];
  lang: Lang;
  createdBy: string;
  /**
   * The first digest's local date, set when the subscription is made or resumed (a change of an active one
   * keeps its first day); absent or null: no lower bound.
   */
  startsOn?: string | null;
}

interface SubscriptionRow {
  id: number | string;
  channel: string;
  post_minute: number;
  municipality_code: string | null;
  weekdays: number[];
  lang: Lang;
  status: SubscriptionStatus;
  paused_reason: string | null;
  created_by: string;
  starts_on: string | null;
}

const COLUMNS = 'id, channel, post_minute, municipality_code, weekdays, lang, status, paused_reason, created_by, starts_on::text AS starts_on';

function toSubscription(row: SubscriptionRow): Subscription {
  return {
    id: Number(row.id),
    channel: row.channel,
    postMinute: row.post_minute,
    municipalityCode: row.municipality_code,
    weekdays: row.weekdays.map(Number),
    lang: row.lang,
    status: row.status,
    pausedReason: row.paused_reason,
    createdBy: row.created_by,
    startsOn: row.starts_on,
  };
}

/**
 * Subscribes a channel, or changes the channel's live subscription (which also ends a pause).
 * Returns the subscription and whether it was new.
 */
export async function subscribe(db: Db, input: SubscriptionInput): Promise<{ subscription: Subscription; created: boolean }> {
  assertChannelAddress(input.channel);
  return db.transaction(async (tx) => {
    const params = [input.channel, input.postMinute, input.municipalityCode, input.weekdays, input.lang, input.createdBy, input.startsOn ?? null];
    const updated = await tx.query<SubscriptionRow>(
      `UPDATE subscriptions SET post_minute = $2, municipality_code = $3, weekdays = $4::smallint[], lang = $5,
         created_by = $6, starts_on = CASE WHEN status = 'gepauzeerd' THEN $7::date ELSE starts_on END,
         status = 'actief', paused_reason = NULL, updated_at = now()
       WHERE channel = $1 AND status <> 'opgezegd' RETURNING ${COLUMNS}`,
      params,
    );
    if (updated[0]) return { subscription: toSubscription(updated[0]), created: false };
    const inserted = await tx.query<SubscriptionRow>(
      `INSERT INTO subscriptions (channel, post_minute, municipality_code, weekdays, lang, created_by, starts_on)
       VALUES ($1, $2, $3, $4::smallint[], $5, $6, $7::date) RETURNING ${COLUMNS}`,
      params,
    );
    return { subscription: toSubscription(inserted[0]!), created: true };
  });
}

/** Cancels the channel's live subscription; returns it, or undefined when the channel had none. */
export async function unsubscribe(db: Db, channel: string): Promise<Subscription | undefined> {
  const rows = await db.query<SubscriptionRow>(
    `UPDATE subscriptions SET status = 'opgezegd', updated_at = now()
     WHERE channel = $1 AND status <> 'opgezegd' RETURNING ${COLUMNS}`,
    [channel],
  );
  return rows[0] ? toSubscription(rows[0]) : undefined;
}

/** The channel's live (active or paused) subscription, if any. */
export async function findLiveSubscription(db: Db, channel: string): Promise<Subscription | undefined> {
  const rows = await db.query<SubscriptionRow>(`SELECT ${COLUMNS} FROM subscriptions WHERE channel = $1 AND status <> 'opgezegd'`, [channel]);
  return rows[0] ? toSubscription(rows[0]) : undefined;
}

export async function findSubscription(db: Db, id: number): Promise<Subscription | undefined> {
  const rows = await db.query<SubscriptionRow>(`SELECT ${COLUMNS} FROM subscriptions WHERE id = $1`, [id]);
  return rows[0] ? toSubscription(rows[0]) : undefined;
}

/** Every subscription that is not cancelled, active and paused, in channel order (kept, shared: change nothing). */
export function liveSubscriptions(db: Db): Promise<readonly Subscription[]> {
  return cachedBySettings(db, 'live-subscriptions', async () => {
    const rows = await db.query<SubscriptionRow>(`SELECT ${COLUMNS} FROM subscriptions WHERE status <> 'opgezegd' ORDER BY channel`);
    return rows.map(toSubscription);
  });
}

/** The active subscriptions, by id, taken from the live ones (kept, shared: change nothing). */
export function activeSubscriptions(db: Db): Promise<readonly Subscription[]> {
  return cachedBySettings(db, 'active-subscriptions', async () =>
    (await liveSubscriptions(db)).filter((s) => s.status === 'actief').sort((a, b) => a.id - b.id),
  );
}

/**
 * Pauses a subscription that cannot be posted to (channel gone, bot removed); `/ote abonneer` resumes it.
 * True when this call paused it (false when it was no longer active).
 */
export async function pauseSubscription(db: Db, id: number, reason: string): Promise<boolean> {
  const rows = await db.query(
    `UPDATE subscriptions SET status = 'gepauzeerd', paused_reason = $2, updated_at = now() WHERE id = $1 AND status = 'actief' RETURNING id`,
    [id, reason],
  );
  return rows.length > 0;
}
