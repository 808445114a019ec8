// Which reminder and escalation jobs the queue should hold, computed from the interventions and the post
// log alone, and how that differs from what the queue holds. The job id names the intervention, the
// milestone and the reminder moment, so a moved or snoozed milestone gets a new id and the old one is an orphan.
import { escalationAt, interventionEndsAt, remindAt, type Intervention } from './fieldlab.js';

export type ReminderJobKind = 'herinnering' | 'escalatie';
/** Every job the reconcile plans: a milestone's reminder or escalation, or an intervention's end. */
export type PlannedJobKind = ReminderJobKind | 'einde';

/** One row of the post log: a reminder (per reminder moment) or the escalation (once per milestone). */
export interface PostLogEntry {
  milestoneId: number;
  kind: ReminderJobKind;
  remindAt: Date;
  status: 'bezig' | 'geplaatst' | 'mislukt';
  finishedAt: Date | null;
}

export interface ReminderJobData {
  interventionId: number;
  milestoneId: number;
  /** ISO instant of the reminder moment this job belongs to. */
  remindAt: string;
}

/** The end of an intervention: the moment it was planned for (a changed start or length makes it stale). */
export interface EndJobData {
  interventionId: number;
  endsAt: string;
}

export type PlannedJob =
  | { kind: ReminderJobKind; jobId: string; runAt: Date; data: ReminderJobData }
  | { kind: 'einde'; jobId: string; runAt: Date; data: EndJobData };

/** `2025-06-10T07:00:00.000Z` → `20250610T0700Z`; BullMQ ids may not hold `:`. */
function compact(instant: Date): string {
  return instant.toISOString().replace(/[-:]/g, '').replace(/\d\d\.\d{3}Z$/, 'Z');
}

export function reminderJobId(kind: ReminderJobKind, data: ReminderJobData): string {
  return `${kind}-${data.interventionId}-${data.milestoneId}-${compact(new Date(data.remindAt))}`;
}

/** Which end a decision prompt was for: the intervention and its end moment. */
export function endPromptKey(interventionId: number, endsAt: Date): string {
  return `${interventionId}@${endsAt.getTime()}`;
}

export function endJobId(data: EndJobData): string {
  return `einde-${data.interventionId}-${compact(new Date(data.endsAt))}`;
}

const JOB_ID = /^(herinnering|escalatie)-(\d+)-(\d+)-\d{8}T\d{4}Z$/;
const END_JOB_ID = /^einde-(\d+)-\d{8}T\d{4}Z$/;

export function parseReminderJobId(jobId: string): { kind: PlannedJobKind; interventionId: number; milestoneId?: number } | undefined {
  const end = END_JOB_ID.exec(jobId);
  if (end) return { kind: 'einde', interventionId: Number(end[1]) };
  const match = JOB_ID.exec(jobId);
  return match ? { kind: match[1] as ReminderJobKind, interventionId: Number(match[2]), milestoneId: Number(match[3]) } : undefined;
}

/** A reminder whose moment passed longer ago than this is not posted late: the overview and digest flag it. */
export const STALE_REMINDER_MS = 7 * 24 * 3_600_000;

/**
 * Per open milestone of a running intervention exactly one job: its reminder while that has not been posted
 * (a `bezig` row is an attempt a crash interrupted, so it is planned again), then its escalation while the
 * milestone has not been escalated. A reminder or escalation given up on (`mislukt`) is not planned again,
 * nor a reminder more than a week overdue at `now` (an intervention imported late would flood its channel).
 * Nothing is reminded or escalated from the intervention's end on (day 100, 09:00): then one end job posts
 * the decision prompt, unless that was posted or given up on (`promptsDone`, by `endPromptKey`), however
 * late: it is one message, and the decision is still owed. A new round (an adjusted intervention given a new start) has a new end, so a new prompt.
 */
export function plannedJobs(interventions: readonly Intervention[], log: readonly PostLogEntry[], now: Date, promptsDone: ReadonlySet<string> = new Set()): PlannedJob[] {
  const reminders = new Map<string, PostLogEntry>();
  const escalated = new Set<number>();
  for (const entry of log) {
    if (entry.kind === 'herinnering') reminders.set(`${entry.milestoneId}@${entry.remindAt.getTime()}`, entry);
    else if (entry.status !== 'bezig') escalated.add(entry.milestoneId);
  }
  const planned: PlannedJob[] = [];
  for (const intervention of interventions) {
    if (intervention.status !== 'actief') continue;
    const endsAt = interventionEndsAt(intervention);
    if (!promptsDone.has(endPromptKey(intervention.id, endsAt))) {
      const data: EndJobData = { interventionId: intervention.id, endsAt: endsAt.toISOString() };
      planned.push({ kind: 'einde', jobId: endJobId(data), runAt: endsAt, data });
    }
    for (const milestone of intervention.milestones) {
      if (milestone.state !== 'open') continue;
      const at = remindAt(intervention, milestone);
      if (at.getTime() >= endsAt.getTime()) continue;
      const data: ReminderJobData = { interventionId: intervention.id, milestoneId: milestone.id, remindAt: at.toISOString() };
      const reminder = reminders.get(`${milestone.id}@${at.getTime()}`);
      if (!reminder || reminder.status === 'bezig') {
        if (!reminder && at.getTime() < now.getTime() - STALE_REMINDER_MS) continue;
        planned.push({ kind: 'herinnering', jobId: reminderJobId('herinnering', data), runAt: at, data });
      } else if (reminder.status === 'geplaatst' && !escalated.has(milestone.id)) {
        const runAt = escalationAt(reminder.finishedAt ?? at);
        if (runAt.getTime() < endsAt.getTime()) planned.push({ kind: 'escalatie', jobId: reminderJobId('escalatie', data), runAt, data });
      }
    }
  }
  return planned;
}

/**
 * What to change so the queue holds exactly the planned jobs: planned jobs it lacks are added, and pending
 * reminder or escalation jobs nobody planned are removed. `scope` limits the removal to one intervention
 * (a reconcile after one intervention changed must not touch the others' jobs).
 */
export function reconcileQueue(planned: readonly PlannedJob[], pendingJobIds: readonly string[], scope?: number) {
  const wanted = new Set(planned.map((p) => p.jobId));
  const pending = new Set(pendingJobIds);
  const add = planned.filter((p) => !pending.has(p.jobId));
  const remove = pendingJobIds.filter((id) => {
    const parsed = parseReminderJobId(id);
    return parsed !== undefined && !wanted.has(id) && (scope === undefined || parsed.interventionId === scope);
  });
  return { add, remove };
}
