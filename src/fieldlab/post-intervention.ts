// Posts one of an intervention's one-off messages (a decision prompt, a problem passed to the office) at
// most once, by its row in intervention_posts (src/fieldlab/post-logged.ts).
import type { JobContext } from '../queue/job.js';
import type { Reply } from '../render/reply.js';
import { claimInterventionPost, finishInterventionPost, type InterventionPostKey } from '../store/intervention-posts.js';
import { postLogged } from './post-logged.js';

export async function postInterventionOnce(ctx: JobContext, key: InterventionPostKey, channel: string, build: () => Reply): Promise<'posted' | 'skipped' | 'given-up'> {
  const { db } = ctx.services;
  const row = {
    claim: () => claimInterventionPost(db, key, channel),
    posted: (messageId: string, at: Date) => finishInterventionPost(db, key, { messageId }, at),
    failed: (error: string, final: boolean, at: Date) => finishInterventionPost(db, key, { error, final }, at),
  };
  const id = `interventie-${key.interventionId}-${key.kind}-${key.ref}`;
  return postLogged(ctx, { channel, id, row, what: 'intervention', logFields: { ...key } }, build);
}
