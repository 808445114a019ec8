// Brings a posted alert up to date after its incident was corrected or withdrawn: the message is edited
// (Slack chat.update, a Discord message edit); a platform that cannot edit (the console) gets the new
// version as a post of its own. The version shown is recorded, so an edit is made once per version. A
// change to another attack in the alert's area (withdrawn, added, corrected) is checked too: the alert is
// rewritten when that changes whether it is a repeat, and otherwise left as it is.
import { z } from 'zod';
import { channelScope } from '../src/alerts/audience-scope.js';
import { alertEditId, buildAlert } from '../src/alerts/build.js';
import { DEFAULT_REPEAT_WINDOW_DAYS } from '../src/domain/repeats.js';
import { parseChannelAddress, PermanentPostError } from '../src/platforms/poster.js';
import { defineJob } from '../src/queue/job.js';
import { alertSubscriptionById, findAlertPost, markAlertShown } from '../src/store/alerts.js';
import { ALERT_POSTS_PER_SECOND } from './alert-post.js';

export const alertEdit = defineJob({
  name: 'alert-edit',
  schema: z.object({
    subscriptionId: z.number().int().positive(),
    postKey: z.string().min(1).max(200),
    version: z.number().int().positive(),
    /** Set when another attack in the area changed: the alert is rewritten only if its repeat status did. */
    areaChangedAt: z.number().int().positive().optional(),
  }),
  attempts: 5,
  backoffMs: 2_000,
  keepFinishedSeconds: 3 * 86_400,
  rateLimit: { max: 1, perMs: Math.ceil(1_000 / ALERT_POSTS_PER_SECOND) },
  async process(data, ctx) {
    const { db, municipalities, posters } = ctx.services;
    const key = { subscriptionId: data.subscriptionId, postKey: data.postKey };
    const [subscription, post] = await Promise.all([alertSubscriptionById(db, key.subscriptionId), findAlertPost(db, key)]);
    if (!subscription || !post?.messageId || post.status !== 'geplaatst') return;
    if (data.areaChangedAt === undefined && (post.shownVersion ?? 0) >= data.version) return;
    const { platform, channelId } = parseChannelAddress(subscription.channel)!;
    const built = await buildAlert(db, municipalities, subscription, post, await channelScope(db, posters, subscription.channel), ctx.services.repeatWindowDays ?? DEFAULT_REPEAT_WINDOW_DAYS);
    if (!built.ok || built.shownVersion === null) return;
    const shown = { version: built.shownVersion, repeat: built.repeat, at: built.readAt };
    if ((post.shownVersion ?? 0) >= built.shownVersion && post.shownRepeat === built.repeat) {
      // Nothing the alert says has changed.
      await markAlertShown(db, key, shown);
      return;
    }
    const poster = posters[platform];
    if (!poster) throw new Error(`geen verbinding met ${platform} in dit proces`);
    try {
      if (poster.update) await poster.update(channelId, post.messageId, built.reply);
      else await poster.post(channelId, built.reply, { id: alertEditId(key, built.shownVersion, data.areaChangedAt), firstAttemptAt: new Date(), lookFirst: ctx.attempt > 1 });
    } catch (error) {
      if (error instanceof PermanentPostError) {
        ctx.logger.error({ ...key, code: error.code }, 'alert not edited: the channel refuses');
        return;
      }
      throw error;
    }
    await markAlertShown(db, key, shown);
    ctx.logger.info({ ...key, version: built.shownVersion, repeat: built.repeat }, 'alert edited');
  },
});
