// Posts one reminder or escalation exactly once: the post-log row is claimed first, so a retry or a restarted
// worker skips what was posted, and the post carries the row's key, so an attempt whose answer was lost is
// found on the platform instead of posted again (every attempt after the first looks before it posts). A platform error is retried; a permanent one, or the last attempt, gives the
// post up and tells the programme office.
import { parseChannelAddress, PermanentPostError } from '../platforms/poster.js';
import type { JobContext } from '../queue/job.js';
import { notifyProgrammeOffice } from '../queue/notify.js';
import { channelMention } from '../render/mention.js';
import type { Reply } from '../render/reply.js';
import { translate } from '../i18n/index.js';
import { claimMilestonePost, markMilestonePosted, markMilestonePostFailed, type MilestonePostKey } from '../store/milestone-posts.js';

export interface PostTarget {
  key: MilestonePostKey;
  /** `platform:channel`. */
  channel: string;
  /** For the failure notice. */
  what: { intervention: string; milestone: string };
}

/** The post's identity on the platform: one per reminder moment, one escalation per milestone. */
export function milestonePostId(key: MilestonePostKey): string {
  return key.kind === 'escalatie' ? `escalatie-${key.milestoneId}` : `${key.kind}-${key.milestoneId}-${key.remindAt.getTime()}`;
}

export async function postOnce(ctx: JobContext, target: PostTarget, build: () => Reply): Promise<'posted' | 'skipped' | 'given-up'> {
  const { db, posters, metrics, now, logger } = { ...ctx.services, logger: ctx.logger };
  const address = parseChannelAddress(target.channel);
  if (!address) throw new Error(`ongeldig kanaal ${target.channel}`);
  const claim = await claimMilestonePost(db, target.key, target.channel);
  if (claim === undefined) {
    logger.info({ ...target.key }, 'milestone post skipped: already posted or given up');
    return 'skipped';
  }
  const final = ctx.attempt >= ctx.maxAttempts;
  try {
    const poster = posters[address.platform];
    if (!poster) throw new Error(`geen verbinding met ${address.platform} in dit proces`);
    const identity = { id: milestonePostId(target.key), firstAttemptAt: claim.firstAttemptAt, lookFirst: claim.attempt > 1 };
    const { messageId } = await poster.post(address.channelId, build(), identity);
    await markMilestonePosted(db, target.key, messageId, now());
    metrics?.post(address.platform, 'posted');
    logger.info({ ...target.key, channel: target.channel, messageId }, 'milestone post placed');
    return 'posted';
  } catch (error) {
    metrics?.post(address.platform, 'failed');
    const message = error instanceof Error ? error.message : String(error);
    const permanent = error instanceof PermanentPostError;
    await markMilestonePostFailed(db, target.key, permanent ? `${error.code}: ${message}` : message, permanent || final, now());
    if (permanent || final) {
      logger.error({ ...target.key, channel: target.channel, err: error }, 'milestone post given up');
      await notifyProgrammeOffice(
        ctx.services,
        translate('nl', 'reminder.failedTitle'),
        translate('nl', 'reminder.failedText', { ...target.what, channel: channelMention(target.channel), error: message }),
      );
      if (permanent) return 'given-up';
    }
    throw error;
  }
}
