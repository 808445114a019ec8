// Posts one reminder or escalation exactly once by its row in milestone_posts (src/fieldlab/post-logged.ts);
// a post given up is passed to the programme office.
import type { JobContext } from '../queue/job.js';
import { notifyProgrammeOffice } from '../queue/notify.js';
import { channelMention } from '../render/mention.js';
import type { Reply } from '../render/reply.js';
import { postLogged, type PostLogRow } from './post-logged.js';
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
  const { db } = ctx.services;
  const row: PostLogRow = {
    claim: () => claimMilestonePost(db, target.key, target.channel),
    posted: (messageId, at) => markMilestonePosted(db, target.key, messageId, at),
    failed: (error, final, at) => markMilestonePostFailed(db, target.key, error, final, at),
  };
  const onGiveUp = (error: string) =>
    notifyProgrammeOffice(
      ctx.services,
      translate('nl', 'reminder.failedTitle'),
      translate('nl', 'reminder.failedText', { ...target.what, channel: channelMention(target.channel), error }),
    );
  return postLogged(ctx, { channel: target.channel, id: milestonePostId(target.key), row, what: 'milestone', logFields: { ...target.key }, onGiveUp }, build);
}
