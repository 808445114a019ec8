// Posts a milestone's reminder, with the check-in buttons, to the team channel at its moment (09:00 on a
// working day, or the snooze moment), once; then plans the escalation. A job for a milestone that has since
// moved, been snoozed or answered, or whose intervention no longer runs, posts nothing.
import { escalationAt, remindAt } from '../src/domain/fieldlab.js';
import { reminderJobId } from '../src/domain/reminder-plan.js';
import { translator } from '../src/i18n/index.js';
import { reminderJobData } from '../src/fieldlab/job-data.js';
import { milestoneName } from '../src/fieldlab/labels.js';
import { postOnce } from '../src/fieldlab/post-once.js';
import { enqueuePlanned } from '../src/fieldlab/reconcile.js';
import { reminderReply } from '../src/fieldlab/reminder-reply.js';
import { defineJob } from '../src/queue/job.js';
import { findMilestone } from '../src/store/interventions.js';

const EARLY_TOLERANCE_MS = 60_000;

export const milestoneReminder = defineJob({
  name: 'milestone-reminder',
  schema: reminderJobData,
  attempts: 6,
  // 10 s, 20 s, 40 s, 80 s, 160 s: a platform outage of a few minutes still gets the reminder out.
  backoffMs: 10_000,
  // The post log, not the job id, keeps a reminder from posting twice; a short memory lets a milestone
  // that returns to an earlier moment be planned again.
  keepFinishedSeconds: 600,
  async process(data, ctx) {
    const found = await findMilestone(ctx.services.db, data.milestoneId);
    if (!found || found.dropped || found.intervention.id !== data.interventionId) {
      ctx.logger.info(data, 'reminder skipped: milestone gone');
      return;
    }
    const { intervention, milestone } = found;
    const current = remindAt(intervention, milestone);
    if (intervention.status !== 'actief' || milestone.state !== 'open' || current.toISOString() !== new Date(data.remindAt).toISOString()) {
      ctx.logger.info({ ...data, status: intervention.status, state: milestone.state }, 'reminder skipped: stale');
      return;
    }
    if (ctx.services.now().getTime() < current.getTime() - EARLY_TOLERANCE_MS) {
      // A timer that fired early (or a clock that is off): the reconcile plans it again for its moment.
      ctx.logger.warn(data, 'reminder skipped: not due yet');
      return;
    }
    const t = translator('nl');
    const outcome = await postOnce(
      ctx,
      {
        key: { milestoneId: milestone.id, kind: 'herinnering', remindAt: current },
        channel: intervention.channel,
        what: { intervention: intervention.name, milestone: milestoneName(milestone, t) },
      },
      () => reminderReply(intervention, milestone, ctx.services.now()),
    );
    if (outcome !== 'posted') return;
    const now = ctx.services.now();
    const escalation = { kind: 'escalatie' as const, data, runAt: escalationAt(now), jobId: reminderJobId('escalatie', data) };
    await enqueuePlanned(ctx.services.enqueue, escalation, now);
  },
});
