// When a digest is due: a pure function of the subscriptions, the post log of today and the moment, so the
// clock's decision is tested minute by minute across summer-time days without timers or a database.
import { DateTime } from 'luxon';
import { TIME_ZONE } from '../domain/types.js';

export interface ScheduledSubscription {
  id: number;
  /** Minutes after local midnight. */
  postMinute: number;
  /** ISO weekdays, 1 = Monday. */
  weekdays: readonly number[];
  status: string;
  /** No digest before this local date (`YYYY-MM-DD`); null or absent: no lower bound. */
  startsOn?: string | null;
}

export interface DigestKey {
  subscriptionId: number;
  /** Europe/Amsterdam calendar date, `YYYY-MM-DD`. */
  localDate: string;
}

/** A row of the post log: `bezig` (claimed, maybe retrying, maybe lost in a restart) still needs its job. */
export interface PostedDigest extends DigestKey {
  status: 'bezig' | 'geplaatst' | 'mislukt';
}

export interface LocalMoment {
  date: string;
  weekday: number;
  /** Wall-clock minutes after local midnight. */
  minute: number;
}

export function localMoment(now: Date): LocalMoment {
  const local = DateTime.fromJSDate(now, { zone: TIME_ZONE });
  return { date: local.toISODate()!, weekday: local.weekday, minute: local.hour * 60 + local.minute };
}

/**
 * The digests to enqueue at `now`: every active subscription whose weekday is today and whose time of day
 * has come (by the wall clock, so on the spring-forward day a 02:30 digest goes at 03:00), unless today's
 * digest was posted or given up on. A digest still `bezig` is enqueued again: its job id makes that a no-op
 * while the job lives, and brings it back after a restart of the single-process queue. Only today counts:
 * a digest missed on an earlier day is not caught up, and none is due before the subscription's first day.
 */
export function dueDigests(
  subscriptions: readonly ScheduledSubscription[],
  postsToday: readonly PostedDigest[],
  now: Date,
): DigestKey[] {
  const today = localMoment(now);
  const handled = new Set(
    postsToday.filter((p) => p.localDate === today.date && p.status !== 'bezig').map((p) => p.subscriptionId),
  );
  return subscriptions
    .filter((s) => s.status === 'actief' && s.weekdays.includes(today.weekday) && s.postMinute <= today.minute && !handled.has(s.id))
    .filter((s) => !s.startsOn || s.startsOn <= today.date)
    .map((s) => ({ subscriptionId: s.id, localDate: today.date }));
}

/**
 * The local date of a new (or resumed) subscription's first digest, its next occurrence: today when today
 * is one of its days and its time of day is still ahead, otherwise the next of its days.
 */
export function firstDigestDate(postMinute: number, weekdays: readonly number[], now: Date): string {
  const today = localMoment(now);
  let day = DateTime.fromISO(today.date, { zone: TIME_ZONE });
  if (!(weekdays.includes(day.weekday) && postMinute > today.minute)) {
    do day = day.plus({ days: 1 });
    while (!weekdays.includes(day.weekday));
  }
  return day.toISODate()!;
}

/** One job per subscription and local date. BullMQ rejects most `:` in custom ids, hence the dashes. */
export function digestJobId(key: DigestKey): string {
  return `digest-${key.subscriptionId}-${key.localDate}`;
}

/** One fan-out per UTC minute: in the repeated autumn hour the two local 02:30s are different minutes. */
export function fanoutJobId(tick: Date): string {
  return `fanout-${tick.toISOString().slice(0, 16).replace(/[:T]/g, '-')}`;
}

/** The start of the minute `now` falls in. */
export function minuteOf(now: Date): Date {
  return new Date(Math.floor(now.getTime() / 60_000) * 60_000);
}
