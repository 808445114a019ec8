// Posts one of an intervention's one-off messages (a decision prompt, a problem passed to the office) at
// most once, by its row in intervention_posts, as postOnce does for reminders: claimed first, so a retry or
// a restarted worker skips what was posted; a permanent platform error or the last attempt gives it up.
import { parseChannelAddress, PermanentPostError } from '../platforms/poster.js';
import type { JobContext } from '../queue/job.js';
import type { Reply } from '../render/reply.js';
import { claimInterventionPost, finishInterventionPost, type InterventionPostKey } from '../store/intervention-posts.js';

export async function postInterventionOnce(ctx: JobContext, key: InterventionPostKey, channel: string, build: () => Reply): Promise<'posted' | 'skipped' | 'given-up'> {
  const { db, posters, metrics, now } = ctx.services;
  const address = parseChannelAddress(channel);
  if (!address) throw new Error(`ongeldig kanaal ${channel}`);
  const claim = await claimInterventionPost(db, key, channel);
  if (!claim) return 'skipped';
  // Findable like every post: an attempt after a lost answer looks for this one before posting again.
  const identity = { id: `interventie-${key.interventionId}-${key.kind}-${key.ref}`, firstAttemptAt: claim.firstAttemptAt, lookFirst: claim.attempt > 1 };
  const final = ctx.attempt >= ctx.maxAttempts;
  try {
    const poster = posters[address.platform];
    if (!poster) throw new Error(`geen verbinding met ${address.platform} in dit proces`);
    const { messageId } = await poster.post(address.channelId, build(), identity);
    await finishInterventionPost(db, key, { messageId }, now());
    metrics?.post(address.platform, 'posted');
    ctx.logger.info({ ...key, channel, messageId }, 'intervention post placed');
    return 'posted';
  } catch (error) {
    metrics?.post(address.platform, 'failed');
    const permanent = error instanceof PermanentPostError;
    const message = error instanceof Error ? error.message : String(error);
    await finishInterventionPost(db, key, { error: permanent ? `${error.code}: ${message}` : message, final: permanent || final }, now());
    if (permanent) {
      ctx.logger.error({ ...key, channel, err: error }, 'intervention post given up');
      return 'given-up';
    }
    throw error;
  }
}
