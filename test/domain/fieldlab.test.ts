import { describe, expect, it } from 'vitest';
import {
  dayOfIntervention,
  defaultMilestones,
  escalationAt,
  hasEnded,
  isOverdue,
  milestoneDueAt,
  milestoneDueDay,
  milestoneProblems,
  milestoneStanding,
  nextMilestone,
  snoozeUntil,
  type Intervention,
  type Milestone,
  type MilestonePlan,
} from '../../src/domain/fieldlab.js';
import { endPromptKey, parseReminderJobId, plannedJobs, reconcileQueue, reminderJobId, type PostLogEntry } from '../../src/domain/reminder-plan.js';
import { addWorkingDays, isWorkingDay, workingDayOnOrAfter } from '../../src/domain/working-days.js';

const utc = (iso: string) => new Date(iso);

function intervention(startDate: string, plans: MilestonePlan[], status: Intervention['status'] = 'actief'): Intervention {
  return {
    id: 7,
    name: 'Test',
    description: '',
    owners: [],
    channel: 'slack:C0TEAM01',
    startDate,
    lengthDays: 100,
    status,
    lang: 'nl',
    teamRoles: [],
    milestones: plans.map((p, i): Milestone => ({ ...p, id: 100 + i, state: 'open', snoozedUntil: null })),
  };
}

describe('Dutch working days', () => {
  it('skips weekends and public holidays only', () => {
    expect(isWorkingDay('2026-04-27')).toBe(false); // King's Day on a Monday
    expect(isWorkingDay('2025-04-26')).toBe(false); // King's Day 2025 fell on a Saturday
    expect(isWorkingDay('2025-05-29')).toBe(false); // Ascension
    expect(isWorkingDay('2025-06-09')).toBe(false); // Whit Monday
    expect(isWorkingDay('2025-12-25')).toBe(false);
    expect(isWorkingDay('2025-12-26')).toBe(false);
    expect(isWorkingDay('2025-04-21')).toBe(false); // Easter Monday
    // Not public holidays in the library's sense: Good Friday, Liberation Day, the day after Ascension.
    expect(isWorkingDay('2025-04-18')).toBe(true);
    expect(isWorkingDay('2025-05-05')).toBe(true);
    expect(isWorkingDay('2025-05-30')).toBe(true);
  });

  it('finds the next working day across a holiday weekend', () => {
    expect(workingDayOnOrAfter('2025-06-07')).toBe('2025-06-10'); // Sat, Whit Sunday, Whit Monday
    expect(workingDayOnOrAfter('2025-12-25')).toBe('2025-12-29');
    expect(addWorkingDays('2025-12-24', 2)).toBe('2025-12-30');
    expect(addWorkingDays('2025-05-28', 2)).toBe('2025-06-02');
  });
});

describe('a 100-day schedule', () => {
  // Day 0 on Monday 24 March 2025, a week before summer time starts (30 March).
  const spring = intervention('2025-03-24', [
    ...defaultMilestones(),
    { day: 33, kind: 'eigen', title: 'Koningsdag-check' },
    { day: 66, kind: 'eigen', title: 'Hemelvaart-check' },
  ]);

  it('has the standard milestones, scaled for another length', () => {
    expect(defaultMilestones().map((m) => m.day)).toEqual([0, 30, 50, 75, 90, 100]);
    expect(defaultMilestones(60).map((m) => m.day)).toEqual([0, 18, 30, 45, 54, 60]);
  });

  it('puts every due moment at 09:00 Amsterdam on a working day, in winter and summer time', () => {
    const due = (day: number) => milestoneDueAt(spring.startDate, day).toISOString();
    expect(due(0)).toBe('2025-03-24T08:00:00.000Z'); // CET
    expect(due(30)).toBe('2025-04-23T07:00:00.000Z'); // CEST
    expect(due(33)).toBe('2025-04-28T07:00:00.000Z'); // King's Day Saturday, Sunday → Monday
    expect(due(50)).toBe('2025-05-13T07:00:00.000Z');
    expect(due(66)).toBe('2025-05-30T07:00:00.000Z'); // Ascension → Friday
    expect(due(75)).toBe('2025-06-10T07:00:00.000Z'); // Saturday, Whit Sunday, Whit Monday → Tuesday
    expect(due(90)).toBe('2025-06-23T07:00:00.000Z'); // Sunday → Monday
    expect(due(100)).toBe('2025-07-02T07:00:00.000Z');
  });

  it('moves a Christmas milestone past both Christmas days and the weekend, in winter time', () => {
    expect(milestoneDueDay('2025-10-20', 66)).toBe('2025-12-29');
    expect(milestoneDueAt('2025-10-20', 66).toISOString()).toBe('2025-12-29T08:00:00.000Z');
    expect(milestoneDueAt('2025-10-20', 0).toISOString()).toBe('2025-10-20T07:00:00.000Z'); // still summer time
    expect(milestoneDueAt('2025-10-20', 10).toISOString()).toBe('2025-10-30T08:00:00.000Z'); // after 26 October
  });

  it('counts day X of 100 by the Amsterdam calendar', () => {
    expect(dayOfIntervention('2025-03-24', utc('2025-03-23T23:30:00Z'))).toBe(0); // 00:30 local on day 0
    expect(dayOfIntervention('2025-03-24', utc('2025-03-30T01:30:00Z'))).toBe(6); // 03:30 on the short night
    expect(dayOfIntervention('2025-03-24', utc('2025-07-02T12:00:00Z'))).toBe(100);
    expect(dayOfIntervention('2025-03-24', utc('2025-03-20T12:00:00Z'))).toBe(-4);
  });

  it('snoozes to 09:00 on the next working day, or a week on', () => {
    expect(snoozeUntil(utc('2025-04-25T08:00:00Z'), 'dag').toISOString()).toBe('2025-04-28T07:00:00.000Z');
    expect(snoozeUntil(utc('2025-03-28T09:00:00Z'), 'dag').toISOString()).toBe('2025-03-31T07:00:00.000Z'); // over the clock change
    expect(snoozeUntil(utc('2025-06-02T08:00:00Z'), 'week').toISOString()).toBe('2025-06-10T07:00:00.000Z'); // Whit Monday
    expect(snoozeUntil(utc('2025-06-03T08:00:00Z'), 'week').toISOString()).toBe('2025-06-10T07:00:00.000Z');
  });

  it('escalates two working days after the reminder went out', () => {
    expect(escalationAt(utc('2025-05-13T07:00:00Z')).toISOString()).toBe('2025-05-15T07:00:00.000Z');
    expect(escalationAt(utc('2025-05-28T07:00:00Z')).toISOString()).toBe('2025-06-02T07:00:00.000Z'); // Ascension
    expect(escalationAt(utc('2025-12-24T08:00:00Z')).toISOString()).toBe('2025-12-30T08:00:00.000Z');
  });

  it('tells how each milestone stands', () => {
    const m = (day: number, extra: Partial<Milestone> = {}): Milestone => ({ id: day, day, kind: 'eigen', title: 'x', state: 'open', snoozedUntil: null, ...extra });
    const at = utc('2025-04-23T10:00:00Z'); // day 30, a Wednesday
    expect(milestoneStanding(spring, m(50), at)).toBe('gepland');
    expect(milestoneStanding(spring, m(30), at)).toBe('vandaag');
    expect(milestoneStanding(spring, m(0), at)).toBe('achterstallig');
    expect(milestoneStanding(spring, m(0, { snoozedUntil: utc('2025-04-24T07:00:00Z') }), at)).toBe('uitgesteld');
    expect(milestoneStanding(spring, m(0, { state: 'gereed' }), at)).toBe('gereed');
    expect(milestoneStanding({ ...spring, status: 'gestopt' }, m(0), at)).toBe('vervallen');
    expect(nextMilestone(spring)?.day).toBe(0);
  });

  it('refuses milestones outside the length or on a day already taken', () => {
    expect(milestoneProblems([{ day: 0, kind: 'kickoff', title: null }, { day: 0, kind: 'eigen', title: 'x' }, { day: 101, kind: 'eigen', title: 'y' }], 100)).toEqual([
      { index: 1, problem: 'duplicate-day' },
      { index: 2, problem: 'day-out-of-range' },
    ]);
  });
});

describe('reminders under a controlled clock', () => {
  type Answer = { at: string; day: number; action: 'gereed' | 'knelpunt' | 'dag' | 'week' };

  /**
   * Plays the queue on a controlled clock that jumps to the next moment something happens (a planned job's
   * moment or an answer): whatever is planned and due is posted; the team answers by the script.
   */
  function simulate(start: Intervention, answers: Answer[], until: string) {
    const iv: Intervention = structuredClone(start);
    const log: PostLogEntry[] = [];
    const posts: string[] = [];
    const byDay = (day: number) => iv.milestones.find((m) => m.day === day)!;
    const end = new Date(until);
    const prompted = new Set<string>();
    const next = (t: Date) => {
      const moments = [...plannedJobs([iv], log, t, prompted).map((j) => j.runAt), ...answers.map((a) => new Date(a.at))].filter((m) => m > t);
      return moments.length > 0 ? new Date(Math.min(...moments.map((m) => m.getTime()))) : end;
    };
    for (let t = new Date(`${iv.startDate}T00:00:00Z`); t < end; t = next(t)) {
      for (const job of plannedJobs([iv], log, t, prompted)) {
        if (job.runAt > t) continue;
        if (job.kind === 'einde') {
          prompted.add(endPromptKey(iv.id, job.runAt));
          posts.push(`einde ${t.toISOString()}`);
          continue;
        }
        const milestone = iv.milestones.find((m) => m.id === job.data.milestoneId)!;
        log.push({ milestoneId: milestone.id, kind: job.kind, remindAt: new Date(job.data.remindAt), status: 'geplaatst', finishedAt: t });
        posts.push(`${job.kind} dag ${milestone.day} ${t.toISOString()}`);
      }
      for (const answer of answers.filter((a) => new Date(a.at).getTime() === t.getTime())) {
        const milestone = byDay(answer.day);
        if (answer.action === 'dag' || answer.action === 'week') milestone.snoozedUntil = snoozeUntil(t, answer.action);
        else milestone.state = answer.action;
      }
    }
    return { posts, iv, log, prompted };
  }

  const spring = intervention('2025-03-24', [
    ...defaultMilestones(),
    { day: 33, kind: 'eigen', title: 'Koningsdag-check' },
    { day: 66, kind: 'eigen', title: 'Hemelvaart-check' },
  ]);
  const answers: Answer[] = [
    { day: 0, at: '2025-03-24T09:00:00Z', action: 'gereed' },
    { day: 30, at: '2025-04-23T08:00:00Z', action: 'dag' },
    { day: 30, at: '2025-04-24T10:00:00Z', action: 'gereed' },
    { day: 33, at: '2025-04-28T08:00:00Z', action: 'week' },
    { day: 33, at: '2025-05-05T09:00:00Z', action: 'gereed' },
    { day: 50, at: '2025-05-16T09:00:00Z', action: 'knelpunt' },
    { day: 66, at: '2025-06-04T09:00:00Z', action: 'gereed' },
    { day: 75, at: '2025-06-10T08:00:00Z', action: 'week' },
    { day: 75, at: '2025-06-20T08:00:00Z', action: 'dag' },
    { day: 75, at: '2025-06-24T08:00:00Z', action: 'gereed' },
    { day: 90, at: '2025-06-23T10:00:00Z', action: 'gereed' },
    { day: 100, at: '2025-07-02T12:00:00Z', action: 'gereed' },
  ];

  it('posts each reminder once at its moment, again after a snooze, and escalates an unanswered one once', () => {
    const { posts } = simulate(spring, answers, '2025-07-20T00:00:00Z');
    expect(posts).toEqual([
      'herinnering dag 0 2025-03-24T08:00:00.000Z',
      'herinnering dag 30 2025-04-23T07:00:00.000Z',
      'herinnering dag 30 2025-04-24T07:00:00.000Z', // snoozed a day
      'herinnering dag 33 2025-04-28T07:00:00.000Z',
      'herinnering dag 33 2025-05-05T07:00:00.000Z', // snoozed a week; Liberation Day is a working day
      'herinnering dag 50 2025-05-13T07:00:00.000Z',
      'escalatie dag 50 2025-05-15T07:00:00.000Z', // two working days unanswered
      'herinnering dag 66 2025-05-30T07:00:00.000Z',
      'escalatie dag 66 2025-06-03T07:00:00.000Z', // Friday → Monday, Tuesday
      'herinnering dag 75 2025-06-10T07:00:00.000Z',
      'herinnering dag 75 2025-06-17T07:00:00.000Z',
      'escalatie dag 75 2025-06-19T07:00:00.000Z',
      'herinnering dag 75 2025-06-23T07:00:00.000Z', // snoozed again; no second escalation
      'herinnering dag 90 2025-06-23T07:00:00.000Z',
      'einde 2025-07-02T07:00:00.000Z', // day 100: the decision prompt instead of a reminder
    ]);
  });

  it('stops reminding and escalating at the end, and never flags an ended intervention as overdue', () => {
    // Nobody answers anything: reminders until day 90, escalations only before the end, then the prompt once.
    const { posts, iv } = simulate(spring, [], '2025-09-30T00:00:00Z');
    expect(posts.filter((p) => p.startsWith('einde'))).toEqual(['einde 2025-07-02T07:00:00.000Z']);
    const after = posts.slice(posts.indexOf('einde 2025-07-02T07:00:00.000Z') + 1);
    expect(after).toEqual([]);
    expect(posts.some((p) => p.includes('dag 100'))).toBe(false);
    const late = utc('2026-11-25T12:00:00Z'); // day 603
    expect(hasEnded(iv, late)).toBe(true);
    expect(iv.milestones.filter((m) => isOverdue(iv, m, late))).toEqual([]);
    expect(iv.milestones.filter((m) => isOverdue(iv, m, utc('2025-06-30T12:00:00Z'))).length).toBeGreaterThan(0);
  });

  it('plans nothing once every milestone is answered or the intervention stopped', () => {
    const { iv, log, prompted } = simulate(spring, answers, '2025-07-20T00:00:00Z');
    const before = utc('2025-03-01T00:00:00Z');
    expect(plannedJobs([iv], log, before, prompted)).toEqual([]);
    expect(plannedJobs([iv], log, before).map((j) => j.kind)).toEqual(['einde']);
    // A new round (new start, so a new end) asks again.
    expect(plannedJobs([{ ...iv, startDate: '2025-09-01' }], log, before, prompted).map((j) => j.kind)).toContain('einde');
    expect(plannedJobs([{ ...spring, status: 'gestopt' }], [], before)).toEqual([]);
    expect(plannedJobs([{ ...spring, status: 'gepauzeerd' }], [], before)).toEqual([]);
  });

  it('plans a reminder again whose attempt a crash interrupted, but not one given up on', () => {
    const first = spring.milestones[0]!;
    const at = milestoneDueAt(spring.startDate, 0);
    const entry = (status: PostLogEntry['status']): PostLogEntry => ({ milestoneId: first.id, kind: 'herinnering', remindAt: at, status, finishedAt: null });
    const kinds = (log: PostLogEntry[]) => plannedJobs([spring], log, utc('2025-05-01T00:00:00Z')).filter((j) => j.kind !== 'einde' && j.data.milestoneId === first.id).map((j) => j.kind);
    expect(kinds([entry('bezig')])).toEqual(['herinnering']);
    expect(kinds([entry('mislukt')])).toEqual([]);
  });

  it('does not post a reminder more than a week late, unless an attempt was under way', () => {
    const first = spring.milestones[0]!; // due 24 March 09:00
    const ids = (now: string, log: PostLogEntry[] = []) => plannedJobs([spring], log, utc(now)).flatMap((j) => (j.kind === 'einde' ? [] : [j.data.milestoneId]));
    expect(ids('2025-03-31T07:00:00Z')).toContain(first.id);
    expect(ids('2025-03-31T09:00:00Z')).not.toContain(first.id);
    const interrupted: PostLogEntry = { milestoneId: first.id, kind: 'herinnering', remindAt: milestoneDueAt(spring.startDate, 0), status: 'bezig', finishedAt: null };
    expect(ids('2025-04-30T09:00:00Z', [interrupted])).toContain(first.id);
  });
});

describe('an intervention that ended long ago without a decision', () => {
  it('still gets its decision prompt, once, however late: one message floods nothing, and the decision is owed', () => {
    const old = intervention('2024-01-08', defaultMilestones());
    const now = utc('2025-06-01T10:00:00Z');
    const ends = plannedJobs([old], [], now).filter((j) => j.kind === 'einde');
    expect(ends).toHaveLength(1);
    expect(ends[0]!.runAt.getTime()).toBeLessThan(now.getTime());
    // No reminders from before its end are posted that late.
    expect(plannedJobs([old], [], now).filter((j) => j.kind !== 'einde')).toEqual([]);
    const prompted = new Set([endPromptKey(old.id, ends[0]!.runAt)]);
    expect(plannedJobs([old], [], now, prompted).filter((j) => j.kind === 'einde')).toEqual([]);
  });
});

describe('the queue against the plan', () => {
  const iv = intervention('2025-03-24', defaultMilestones());

  it('names intervention, milestone and moment in the job id', () => {
    const id = reminderJobId('herinnering', { interventionId: 7, milestoneId: 101, remindAt: '2025-04-23T07:00:00.000Z' });
    expect(id).toBe('herinnering-7-101-20250423T0700Z');
    expect(parseReminderJobId(id)).toEqual({ kind: 'herinnering', interventionId: 7, milestoneId: 101 });
    expect(parseReminderJobId('digest-1-2025-04-23')).toBeUndefined();
  });

  it('holds exactly one job per open milestone; a moved milestone leaves an orphan to remove', () => {
    const now = utc('2025-03-01T00:00:00Z');
    const planned = plannedJobs([iv], [], now);
    // Five reminders (day 100 is the end: its decision prompt instead) and the end job.
    expect(planned.map((p) => p.kind)).toEqual(['einde', 'herinnering', 'herinnering', 'herinnering', 'herinnering', 'herinnering']);
    expect(new Set(planned.flatMap((p) => (p.kind === 'einde' ? [] : [p.data.milestoneId]))).size).toBe(5);
    expect(parseReminderJobId(planned[0]!.jobId)).toEqual({ kind: 'einde', interventionId: 7 });

    const moved = structuredClone(iv);
    moved.milestones[1]!.day = 35;
    const before = planned.map((p) => p.jobId);
    const { add, remove } = reconcileQueue(plannedJobs([moved], [], now), [...before, 'digest-1-2025-04-23', 'herinnering-9-1-20250101T0800Z'], 7);
    expect(remove).toEqual([before[2]]); // the other intervention's job and foreign jobs stay
    expect(add.map((a) => a.runAt.toISOString())).toEqual(['2025-04-28T07:00:00.000Z']);
  });
});
