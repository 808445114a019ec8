// Field Lab interventions: a 100-day schedule of milestones, when each is due, how it stands, when it is
// snoozed to or escalated, and which queued jobs the reminders need. Pure: every moment is passed in.
import type { Actor } from './types.js';
import {
  addCalendarDays,
  addWorkingDays,
  atLocalTime,
  daysBetween,
  localDate,
  workingDayOnOrAfter,
} from './working-days.js';

export const INTERVENTION_STATUSES = ['actief', 'gepauzeerd', 'doorgezet', 'aangepast', 'gestopt'] as const;
export type InterventionStatus = (typeof INTERVENTION_STATUSES)[number];

/** The standard milestones keep a kind (their title comes from the catalogue); a team's own are `eigen`. */
export const MILESTONE_KINDS = ['kickoff', 'dag30', 'midterm', 'dag75', 'evaluatie-voorbereiden', 'evaluatie-besluit', 'eigen'] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

export const MILESTONE_STATES = ['open', 'gereed', 'knelpunt'] as const;
export type MilestoneState = (typeof MILESTONE_STATES)[number];

export const CHECKIN_STATUSES = ['gereed', 'later', 'knelpunt'] as const;
export type CheckInStatus = (typeof CHECKIN_STATUSES)[number];

/** What the team and the programme office decide when an intervention ends; each sets its status. */
export const DECISIONS = ['doorzetten', 'aanpassen', 'stoppen'] as const;
export type Decision = (typeof DECISIONS)[number];
export const DECISION_STATUS: Readonly<Record<Decision, InterventionStatus>> = { doorzetten: 'doorgezet', aanpassen: 'aangepast', stoppen: 'gestopt' };

export const SNOOZES = ['dag', 'week'] as const;
export type Snooze = (typeof SNOOZES)[number];

export const DEFAULT_LENGTH_DAYS = 100;
export const MAX_LENGTH_DAYS = 365;
export const REMINDER_HOUR = 9;
export const ESCALATION_WORKING_DAYS = 2;

const STANDARD: readonly { day: number; kind: Exclude<MilestoneKind, 'eigen'> }[] = [
  { day: 0, kind: 'kickoff' },
  { day: 30, kind: 'dag30' },
  { day: 50, kind: 'midterm' },
  { day: 75, kind: 'dag75' },
  { day: 90, kind: 'evaluatie-voorbereiden' },
  { day: 100, kind: 'evaluatie-besluit' },
];

export interface MilestonePlan {
  /** Days after the start date; day 0 is the start date itself. */
  day: number;
  kind: MilestoneKind;
  /** Only for `eigen` milestones; the standard ones are named by the catalogue. */
  title: string | null;
}

export interface Milestone extends MilestonePlan {
  id: number;
  state: MilestoneState;
  /** Set by `Later`: the reminder comes back at this moment instead of the due moment. */
  snoozedUntil: Date | null;
}

export interface Intervention {
  id: number;
  /** The language of its reminders, escalations and decision prompts. */
  lang: 'nl' | 'en';
  /** Partner roles the programme office lets answer for the team; empty: the team channel's members with a role. */
  teamRoles: string[];
  name: string;
  description: string;
  owners: string[];
  /** `slack:C…` or `discord:<channel id>`. */
  channel: string;
  /** Local date `YYYY-MM-DD` of day 0. */
  startDate: string;
  lengthDays: number;
  status: InterventionStatus;
  milestones: Milestone[];
}

/** Day 0 kick-off, 30, 50 (midterm), 75, 90 (prepare evaluation), 100 (evaluation and decision); scaled to another length. */
export function defaultMilestones(lengthDays = DEFAULT_LENGTH_DAYS): MilestonePlan[] {
  const scale = lengthDays / DEFAULT_LENGTH_DAYS;
  return STANDARD.map((m) => ({ day: Math.round(m.day * scale), kind: m.kind, title: null }));
}

/** The local date a milestone is due: its calendar day, or the next working day after a weekend or public holiday. */
export function milestoneDueDay(startDate: string, day: number): string {
  return workingDayOnOrAfter(addCalendarDays(startDate, day));
}

/** 09:00 Europe/Amsterdam on the due day. */
export function milestoneDueAt(startDate: string, day: number): Date {
  return atLocalTime(milestoneDueDay(startDate, day), REMINDER_HOUR);
}

/** When the milestone's reminder goes out: the snooze moment when snoozed, otherwise the due moment. */
export function remindAt(intervention: Pick<Intervention, 'startDate'>, milestone: Pick<Milestone, 'day' | 'snoozedUntil'>): Date {
  return milestone.snoozedUntil ?? milestoneDueAt(intervention.startDate, milestone.day);
}

/** The moment an intervention ends: 09:00 on its last day (day 100), or the next working day. */
export function interventionEndsAt(intervention: Pick<Intervention, 'startDate' | 'lengthDays'>): Date {
  return milestoneDueAt(intervention.startDate, intervention.lengthDays);
}

/** Still `actief` but past its end moment: no more reminders; it waits for a decision. */
export function hasEnded(intervention: Pick<Intervention, 'startDate' | 'lengthDays' | 'status'>, at: Date): boolean {
  return intervention.status === 'actief' && at.getTime() >= interventionEndsAt(intervention).getTime();
}

/** Running: `actief` and not yet at its end. */
export function isRunning(intervention: Pick<Intervention, 'startDate' | 'lengthDays' | 'status'>, at: Date): boolean {
  return intervention.status === 'actief' && !hasEnded(intervention, at);
}

/** "Day X of 100": 0 on the start date, negative before it, above the length after the end. */
export function dayOfIntervention(startDate: string, at: Date): number {
  return daysBetween(startDate, localDate(at));
}

/** `Later`: 09:00 on the next working day, or a week on (the first working day from then). */
export function snoozeUntil(at: Date, snooze: Snooze): Date {
  const today = localDate(at);
  const day = snooze === 'dag' ? addWorkingDays(today, 1) : workingDayOnOrAfter(addCalendarDays(today, 7));
  return atLocalTime(day, REMINDER_HOUR);
}

/** Unanswered two working days after the reminder went out: 09:00 on the second working day after that. */
export function escalationAt(postedAt: Date): Date {
  return atLocalTime(addWorkingDays(localDate(postedAt), ESCALATION_WORKING_DAYS), REMINDER_HOUR);
}

export type MilestoneStanding = 'gereed' | 'knelpunt' | 'gepland' | 'vandaag' | 'uitgesteld' | 'achterstallig' | 'vervallen';

/**
 * How a milestone stands at `at`. Overdue (`achterstallig`) means unanswered after its due day; on the due day
 * itself it is `vandaag`. A snoozed milestone past its due day is `uitgesteld` until the snooze moment.
 * Open milestones of an intervention that no longer runs (stopped, decided, or past its end) are `vervallen`.
 */
export function milestoneStanding(intervention: Pick<Intervention, 'startDate' | 'lengthDays' | 'status'>, milestone: Milestone, at: Date): MilestoneStanding {
  if (milestone.state !== 'open') return milestone.state;
  if (!isRunning(intervention, at)) return 'vervallen';
  const dueDay = milestoneDueDay(intervention.startDate, milestone.day);
  const today = localDate(at);
  if (today < dueDay) return 'gepland';
  if (milestone.snoozedUntil && milestone.snoozedUntil > at) return 'uitgesteld';
  return today === dueDay ? 'vandaag' : 'achterstallig';
}

export function isOverdue(intervention: Pick<Intervention, 'startDate' | 'lengthDays' | 'status'>, milestone: Milestone, at: Date): boolean {
  return milestoneStanding(intervention, milestone, at) === 'achterstallig';
}

export function sortedMilestones<M extends Pick<Milestone, 'day' | 'id'>>(milestones: readonly M[]): M[] {
  return [...milestones].sort((a, b) => a.day - b.day || a.id - b.id);
}

/** The first open milestone (which may be overdue), or undefined when all are answered. */
export function nextMilestone(intervention: Intervention): Milestone | undefined {
  return sortedMilestones(intervention.milestones).find((m) => m.state === 'open');
}

/** Open milestones of interventions running at `at` due on a local date in [fromDay, toDay]. */
export function milestonesDueBetween(interventions: readonly Intervention[], fromDay: string, toDay: string, at: Date) {
  return interventions.flatMap((intervention) =>
    !isRunning(intervention, at)
      ? []
      : sortedMilestones(intervention.milestones)
          .map((milestone) => ({ intervention, milestone, dueDay: milestoneDueDay(intervention.startDate, milestone.day) }))
          .filter((m) => m.milestone.state === 'open' && m.dueDay >= fromDay && m.dueDay <= toDay),
  );
}

/** Problems with a set of milestones, as catalogue-neutral codes the caller words. */
export function milestoneProblems(milestones: readonly MilestonePlan[], lengthDays: number): { index: number; problem: 'day-out-of-range' | 'duplicate-day' }[] {
  const problems: { index: number; problem: 'day-out-of-range' | 'duplicate-day' }[] = [];
  const seen = new Set<number>();
  milestones.forEach((m, index) => {
    if (!Number.isInteger(m.day) || m.day < 0 || m.day > lengthDays) problems.push({ index, problem: 'day-out-of-range' });
    else if (seen.has(m.day)) problems.push({ index, problem: 'duplicate-day' });
    seen.add(m.day);
  });
  return problems;
}

/**
 * Who may answer an intervention's reminder or decision prompt: the programme office; otherwise someone
 * answering from the team channel who has a partner role there (an assigned one, not the `partner` every
 * member has) or one of the roles the office gave the team.
 */
export function mayAnswer(intervention: Pick<Intervention, 'channel' | 'teamRoles'>, actor: Actor, fromChannel: string | undefined): boolean {
  if (actor.role === 'programma') return true;
  if (fromChannel !== intervention.channel) return false;
  return intervention.teamRoles.includes(actor.role) || actor.assigned === true;
}
