// Makes the queue hold exactly the reminder and escalation jobs the database calls for: a missing job is
// enqueued, an orphan (a moved, snoozed, answered or stopped milestone's job) removed.
import { parseReminderJobId, plannedJobs, reconcileQueue, type PlannedJob, type PlannedJobKind } from '../domain/reminder-plan.js';
import type { Logger } from '../logger.js';
import type { Enqueue, QueueControl } from '../queue/job.js';
import type { Db } from '../store/db.js';
import { listInterventions } from '../store/interventions.js';
import { decisionPromptsDone } from '../store/intervention-posts.js';
import { postLog } from '../store/milestone-posts.js';

export const REMINDER_JOB = 'milestone-reminder';
export const ESCALATION_JOB = 'milestone-escalation';
export const RECONCILE_JOB = 'reminder-reconcile';
export const END_JOB = 'intervention-end';

export const JOB_NAMES: Record<PlannedJobKind, string> = { herinnering: REMINDER_JOB, escalatie: ESCALATION_JOB, einde: END_JOB };

export interface ReconcileDeps {
  db: Db;
  enqueue: Enqueue;
  /** Where pending jobs are seen and orphans removed; without it nothing is removed (a stale job posts nothing). */
  queue?: Pick<QueueControl, 'pending' | 'remove'>;
  now: () => Date;
  logger?: Logger;
  /** Plans only jobs due within this many milliseconds (the rest at a later reconcile). */
  horizonMs?: number;
}

/** Node timers hold at most 2^31 − 1 ms (24.8 days); a longer delay would fire at once. */
export const SINGLE_PROCESS_HORIZON_MS = 20 * 24 * 3_600_000;

export async function enqueuePlanned(enqueue: Enqueue, job: PlannedJob, now: Date): Promise<void> {
  await enqueue(JOB_NAMES[job.kind], job.data, { jobId: job.jobId, delayMs: Math.max(0, job.runAt.getTime() - now.getTime()) });
}

/**
 * Reconciles all interventions, or one (`scope`). The queue is read before the database: a job added after
 * the read belongs to a change the database already shows, so it is never taken for an orphan.
 */
export async function reconcileReminders(deps: ReconcileDeps, scope?: number): Promise<{ added: number; removed: number }> {
  const pending = deps.queue ? (await deps.queue.pending({ names: [REMINDER_JOB, ESCALATION_JOB, END_JOB] })).map((job) => job.id) : [];
  const ids = scope === undefined ? undefined : [scope];
  const [interventions, log, promptsDone] = await Promise.all([listInterventions(deps.db, ids), postLog(deps.db, ids), decisionPromptsDone(deps.db, ids)]);
  const now = deps.now();
  const horizon = deps.horizonMs === undefined ? Infinity : now.getTime() + deps.horizonMs;
  const planned = plannedJobs(interventions, log, now, promptsDone).filter((job) => job.runAt.getTime() <= horizon);
  const { add, remove } = reconcileQueue(planned, pending, scope);
  for (const jobId of remove) await deps.queue!.remove(JOB_NAMES[parseReminderJobId(jobId)!.kind], jobId);
  for (const job of add) await enqueuePlanned(deps.enqueue, job, now);
  if (add.length > 0 || remove.length > 0) deps.logger?.debug({ scope, added: add.length, removed: remove.length }, 'reminders reconciled');
  return { added: add.length, removed: remove.length };
}

/** How long a command waits for the queue before it answers anyway. */
export const RECONCILE_REQUEST_WAIT_MS = 1_000;

/**
 * After a change to one intervention: asks the queue to reconcile it, when there is a queue in this process.
 * Waits at most `waitMs`: a slow or absent Redis gives `later` (the request goes on in the background, and the
 * reconcile when the queue is back, or the hourly one, catches up), so the user is answered at once.
 */
export async function requestReconcile(enqueue: Enqueue | undefined, interventionId: number, waitMs = RECONCILE_REQUEST_WAIT_MS): Promise<'queued' | 'no-queue' | 'later'> {
  if (!enqueue) return 'no-queue';
  let timer: NodeJS.Timeout | undefined;
  const queued = enqueue(RECONCILE_JOB, { interventionId }).then(() => 'queued' as const, () => 'later' as const);
  const waited = new Promise<'later'>((resolve) => (timer = setTimeout(() => resolve('later'), waitMs)));
  return Promise.race([queued, waited]).finally(() => clearTimeout(timer));
}
