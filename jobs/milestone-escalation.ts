// Tells the programme office, once per milestone, that a team has not answered its reminder two working
// days after it went out. Answered, snoozed (a new reminder moment), moved or stopped: nothing is posted.
import { remindAt } from '../src/domain/fieldlab.js';
import { translator } from '../src/i18n/index.js';
import { reminderJobData } from '../src/fieldlab/job-data.js';
import { milestoneName } from '../src/fieldlab/labels.js';
import { postOnce } from '../src/fieldlab/post-once.js';
import { escalationReply } from '../src/fieldlab/reminder-reply.js';
import { defineJob } from '../src/queue/job.js';
import { findMilestone } from '../src/store/interventions.js';

export const milestoneEscalation = defineJob({
  name: 'milestone-escalation',
  schema: reminderJobData,
  attempts: 6,
  backoffMs: 10_000,
  keepFinishedSeconds: 600,
  async process(data, ctx) {
    const found = await findMilestone(ctx.services.db, data.milestoneId);
    if (!found || found.dropped || found.intervention.id !== data.interventionId) return;
    const { intervention, milestone } = found;
    const current = remindAt(intervention, milestone);
    if (intervention.status !== 'actief' || milestone.state !== 'open' || current.toISOString() !== new Date(data.remindAt).toISOString()) {
      ctx.logger.info({ ...data, status: intervention.status, state: milestone.state }, 'escalation skipped: answered or changed');
      return;
    }
    const channel = ctx.services.programmeChannel;
    if (!channel) {
      // Not given up: the hourly reconcile plans it again, so it goes out once PROGRAMME_CHANNEL is set.
      ctx.logger.error({ ...data, intervention: intervention.name }, 'escalation not posted: set PROGRAMME_CHANNEL');
      return;
    }
    const t = translator('nl');
    await postOnce(
      ctx,
      {
        key: { milestoneId: milestone.id, kind: 'escalatie', remindAt: current },
        channel,
        what: { intervention: intervention.name, milestone: milestoneName(milestone, t) },
      },
      () => escalationReply(intervention, milestone, current),
    );
  },
});
