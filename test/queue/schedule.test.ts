// The clock's decision under a controlled clock: minute by minute through whole days, summer-time changes
// included, with the post log the jobs would write. No timers, no database.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { digestJobId, dueDigests, fanoutJobId, localMoment, type PostedDigest, type ScheduledSubscription } from '../../src/queue/schedule.js';

const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
const sub = (id: number, time: string, weekdays = EVERY_DAY, status = 'actief'): ScheduledSubscription => {
  const [h, m] = time.split(':').map(Number);
  return { id, postMinute: h! * 60 + m!, weekdays, status };
};
const amsterdam = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Amsterdam' }).toJSDate();

/** Ticks every UTC minute from `from` for `hours`, posting what is due; returns when each digest was enqueued. */
function simulate(subs: ScheduledSubscription[], from: Date, hours: number, log: PostedDigest[] = []) {
  const enqueued: { id: number; localDate: string; local: string }[] = [];
  for (let t = from.getTime(); t < from.getTime() + hours * 3_600_000; t += 60_000) {
    const now = new Date(t);
    const today = localMoment(now).date;
    for (const key of dueDigests(subs, log.filter((p) => p.localDate === today), now)) {
      enqueued.push({ id: key.subscriptionId, localDate: key.localDate, local: DateTime.fromJSDate(now, { zone: 'Europe/Amsterdam' }).toFormat('yyyy-MM-dd HH:mm ZZ') });
      log.push({ ...key, status: 'geplaatst' });
    }
  }
  return enqueued;
}

describe('dueDigests', () => {
  it('posts each subscription once a day at its local time', () => {
    const result = simulate([sub(1, '08:00'), sub(2, '17:45')], amsterdam('2025-06-10T00:00'), 48);
    expect(result.map((r) => `${r.id} ${r.local}`)).toEqual([
      '1 2025-06-10 08:00 +02:00',
      '2 2025-06-10 17:45 +02:00',
      '1 2025-06-11 08:00 +02:00',
      '2 2025-06-11 17:45 +02:00',
    ]);
  });

  it('on the spring-forward day posts a 02:30 digest once, at 03:00, and the others at their time', () => {
    // 30 March 2025: 02:00 CET becomes 03:00 CEST; 02:30 does not exist.
    const result = simulate([sub(1, '02:30'), sub(2, '02:00'), sub(3, '03:00'), sub(4, '08:00')], amsterdam('2025-03-29T12:00'), 36);
    const day = result.filter((r) => r.localDate === '2025-03-30').map((r) => `${r.id} ${r.local}`);
    expect(day).toEqual(['1 2025-03-30 03:00 +02:00', '2 2025-03-30 03:00 +02:00', '3 2025-03-30 03:00 +02:00', '4 2025-03-30 08:00 +02:00']);
  });

  it('on the fall-back day posts a 02:30 digest once, in the first 02:30', () => {
    // 26 October 2025: 03:00 CEST becomes 02:00 CET; 02:00-02:59 happens twice.
    const result = simulate([sub(1, '02:30'), sub(2, '02:00'), sub(3, '03:00')], amsterdam('2025-10-25T12:00'), 36);
    const day = result.filter((r) => r.localDate === '2025-10-26').map((r) => `${r.id} ${r.local}`);
    expect(day).toEqual(['2 2025-10-26 02:00 +02:00', '1 2025-10-26 02:30 +02:00', '3 2025-10-26 03:00 +01:00']);
  });

  it('after downtime posts a digest missed earlier today once, and none missed on an earlier day', () => {
    // Down from Monday 07:00 until Tuesday 10:00: Monday's 08:00 digest is lost, Tuesday's is posted late.
    const log: PostedDigest[] = [];
    const before = simulate([sub(1, '08:00')], amsterdam('2025-06-09T00:00'), 7, log);
    expect(before).toEqual([]);
    const after = simulate([sub(1, '08:00')], amsterdam('2025-06-10T10:00'), 14, log);
    expect(after.map((r) => r.local)).toEqual(['2025-06-10 10:00 +02:00']);
  });

  it('keeps to the weekdays and skips paused subscriptions', () => {
    const workdays = [1, 2, 3, 4, 5];
    // Friday 13 June to Monday 16 June 2025.
    const result = simulate([sub(1, '08:00', workdays), sub(2, '08:00', [6]), sub(3, '08:00', EVERY_DAY, 'gepauzeerd')], amsterdam('2025-06-13T00:00'), 96);
    expect(result.map((r) => `${r.id} ${r.localDate}`)).toEqual(['1 2025-06-13', '2 2025-06-14', '1 2025-06-16']);
  });

  it('enqueues a digest still being worked on again (a no-op while its job lives), not one posted or given up', () => {
    const now = amsterdam('2025-06-10T09:00');
    const posts: PostedDigest[] = [
      { subscriptionId: 1, localDate: '2025-06-10', status: 'bezig' },
      { subscriptionId: 2, localDate: '2025-06-10', status: 'geplaatst' },
      { subscriptionId: 3, localDate: '2025-06-10', status: 'mislukt' },
      { subscriptionId: 4, localDate: '2025-06-09', status: 'geplaatst' },
    ];
    const due = dueDigests([sub(1, '08:00'), sub(2, '08:00'), sub(3, '08:00'), sub(4, '08:00')], posts, now);
    expect(due.map((d) => d.subscriptionId)).toEqual([1, 4]);
  });

  it('builds job ids from the subscription and local date, and fan-out ids from the UTC minute', () => {
    expect(digestJobId({ subscriptionId: 12, localDate: '2025-03-30' })).toBe('digest-12-2025-03-30');
    // The two 02:30s of 26 October 2025 are two different fan-out minutes.
    const first = fanoutJobId(new Date('2025-10-26T00:30:00Z'));
    const second = fanoutJobId(new Date('2025-10-26T01:30:20Z'));
    expect(first).toBe('fanout-2025-10-26-00-30');
    expect(second).toBe('fanout-2025-10-26-01-30');
  });
});
