// Posts one claimed alert, exactly once: the job id keeps a second job out, the claimed row a second post
// after it was posted, and the post carries its identity so an attempt whose answer was lost finds it on
// the platform instead of posting again (every attempt after the first looks first; src/platforms/deliver.ts).
// The alert is written at posting time for the channel's audience as it is then: a channel that may no
// longer see the incident gets nothing.
import { z } from 'zod';
import { channelScope } from '../src/alerts/audience-scope.js';
import { alertPostId, buildAlert } from '../src/alerts/build.js';
import { DEFAULT_REPEAT_WINDOW_DAYS } from '../src/domain/repeats.js';
import { parseChannelAddress, PermanentPostError } from '../src/platforms/poster.js';
import { defineJob } from '../src/queue/job.js';
import { alertSubscriptionById, claimAlertAttempt, markAlertFailed, markAlertPosted } from '../src/store/alerts.js';

/**
 * Alerts started per second over all workers: under Slack's one message a second per channel spread over
 * channels and Discord's 50 requests a second; an alert a minute late is still within its minute.
 */
export const ALERT_POSTS_PER_SECOND = 20;

export const alertPostData = z.object({ subscriptionId: z.number().int().positive(), postKey: z.string().min(1).max(200) });

export const alertPost = defineJob({
  name: 'alert-post',
  schema: alertPostData,
  attempts: 6,
  // 2 s, 4 s, 8 s, 16 s, 32 s: a short platform outage still gets the alert out within about a minute.
  backoffMs: 2_000,
  keepFinishedSeconds: 3 * 86_400,
  rateLimit: { max: 1, perMs: Math.ceil(1_000 / ALERT_POSTS_PER_SECOND) },
  async process(key, ctx) {
    const { db, municipalities, posters, metrics } = ctx.services;
    const subscription = await alertSubscriptionById(db, key.subscriptionId);
    if (!subscription) return;
    const claim = await claimAlertAttempt(db, key);
    if (!claim) {
      ctx.logger.info(key, 'alert skipped: already posted or given up');
      return;
    }
    const { platform, channelId } = parseChannelAddress(subscription.channel)!;
    const scope = await channelScope(db, posters, subscription.channel);
    const built = await buildAlert(db, municipalities, subscription, claim, scope, ctx.services.repeatWindowDays ?? DEFAULT_REPEAT_WINDOW_DAYS);
    if (!built.ok) {
      await markAlertFailed(db, key, built.reason, true);
      ctx.logger.info({ ...key, reason: built.reason }, 'alert not posted: its audience may not see it');
      return;
    }
    const final = ctx.attempt >= ctx.maxAttempts;
    try {
      const poster = posters[platform];
      if (!poster) throw new Error(`geen verbinding met ${platform} in dit proces`);
      const identity = { id: alertPostId(key), firstAttemptAt: claim.createdAt, lookFirst: claim.attempts > 1 };
      const { messageId, found } = await poster.post(channelId, built.reply, identity);
      await markAlertPosted(db, key, messageId, { version: built.shownVersion, repeat: built.repeat, at: built.readAt });
      metrics?.post(platform, 'posted');
      ctx.logger.info({ ...key, channel: subscription.channel, messageId, ...(found ? { found } : {}) }, found ? 'alert found posted by an earlier attempt' : 'alert posted');
    } catch (error) {
      metrics?.post(platform, 'failed');
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof PermanentPostError) {
        await markAlertFailed(db, key, `${error.code}: ${message}`, true);
        ctx.logger.error({ ...key, channel: subscription.channel, code: error.code }, 'alert not posted: the channel refuses');
        return;
      }
      await markAlertFailed(db, key, message, final);
      throw error;
    }
  },
});
