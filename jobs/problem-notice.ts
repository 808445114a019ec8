// Passes a `Knelpunt` to the programme office (PROGRAMME_CHANNEL) at once, once per check-in.
import { z } from 'zod';
import { postInterventionOnce } from '../src/fieldlab/post-intervention.js';
import { problemNoticeReply } from '../src/fieldlab/reminder-reply.js';
import { defineJob } from '../src/queue/job.js';
import { checkInById } from '../src/store/checkins.js';
import { findMilestone } from '../src/store/interventions.js';

export const problemNoticeData = z.object({ checkInId: z.number().int().positive() });

export const problemNotice = defineJob({
  name: 'problem-notice',
  schema: problemNoticeData,
  attempts: 6,
  backoffMs: 10_000,
  keepFinishedSeconds: 3_600,
  async process({ checkInId }, ctx) {
    const checkIn = await checkInById(ctx.services.db, checkInId);
    const found = checkIn && (await findMilestone(ctx.services.db, checkIn.milestoneId));
    if (!checkIn || !found || checkIn.status !== 'knelpunt') return;
    const office = ctx.services.programmeChannel;
    if (!office) {
      // Retried with backoff; after the last attempt the problem is still in `/ote interventie`.
      throw new Error('geen PROGRAMME_CHANNEL om het knelpunt aan door te geven');
    }
    await postInterventionOnce(ctx, { interventionId: found.intervention.id, kind: 'knelpunt', ref: checkIn.id }, office, () =>
      problemNoticeReply(found.intervention, found.milestone, { actor: checkIn.actor, note: checkIn.note ?? '' }),
    );
  },
});
