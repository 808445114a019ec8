// At an intervention's end (day 100, 09:00) its reminders have stopped (the plan holds none from then on);
// this job asks its team and the programme office for the decision: doorzetten, aanpassen or stoppen. Each
// prompt is posted once. A job for an intervention that was decided, stopped or moved posts nothing.
import { z } from 'zod';
import { interventionEndsAt } from '../src/domain/fieldlab.js';
import { postInterventionOnce } from '../src/fieldlab/post-intervention.js';
import { decisionPromptReply } from '../src/fieldlab/reminder-reply.js';
import { defineJob } from '../src/queue/job.js';
import { promptRef } from '../src/store/intervention-posts.js';
import { findIntervention } from '../src/store/interventions.js';

const EARLY_TOLERANCE_MS = 60_000;

export const interventionEndData = z.object({
  interventionId: z.number().int().positive(),
  /** The end moment as planned; a job whose moment no longer matches the intervention is stale. */
  endsAt: z.iso.datetime(),
});

export const interventionEnd = defineJob({
  name: 'intervention-end',
  schema: interventionEndData,
  attempts: 6,
  backoffMs: 10_000,
  keepFinishedSeconds: 600,
  async process(data, ctx) {
    const intervention = await findIntervention(ctx.services.db, data.interventionId);
    if (!intervention || intervention.status !== 'actief' || interventionEndsAt(intervention).toISOString() !== new Date(data.endsAt).toISOString()) {
      ctx.logger.info({ ...data, status: intervention?.status }, 'end of intervention skipped: decided or changed');
      return;
    }
    if (ctx.services.now().getTime() < new Date(data.endsAt).getTime() - EARLY_TOLERANCE_MS) {
      ctx.logger.warn(data, 'end of intervention skipped: not due yet');
      return;
    }
    const ref = promptRef(new Date(data.endsAt));
    await postInterventionOnce(ctx, { interventionId: intervention.id, kind: 'besluit-team', ref }, intervention.channel, () => decisionPromptReply(intervention, 'team'));
    const office = ctx.services.programmeChannel;
    if (!office) {
      ctx.logger.error({ ...data, intervention: intervention.name }, 'decision prompt not sent to the programme office: set PROGRAMME_CHANNEL');
      return;
    }
    await postInterventionOnce(ctx, { interventionId: intervention.id, kind: 'besluit-bureau', ref }, office, () => decisionPromptReply(intervention, 'office'));
  },
});
