// Posts one subscription's digest of one local date, exactly once: the job id (digest-<id>-<date>) keeps a
// second job out, the claimed post-log row keeps a second attempt from posting what was posted, and the
// post carries that id so that an attempt whose answer was lost is found on the platform, not posted again
// (every attempt after the first looks before it posts).
// A permanent platform error pauses the subscription and tells the programme office; other errors are
// retried with backoff and, after the last attempt, recorded as a failure and reported.
import { z } from 'zod';
import { translate } from '../src/i18n/index.js';
import { defineJob, type JobContext } from '../src/queue/job.js';
import { notifyProgrammeOffice } from '../src/queue/notify.js';
import { digestJobId, localMoment } from '../src/queue/schedule.js';
import { ChartNotPostedError, parseChannelAddress, PermanentPostError, type PostIdentity } from '../src/platforms/poster.js';
import { channelMention } from '../src/render/mention.js';
import { audit, systemWho } from '../src/store/audit.js';
import { claimDigestPost, lastDigestPostedAt, markDigestFailed, markDigestPosted, type DigestPostKey } from '../src/store/digest-posts.js';
import { findSubscription, pauseSubscription, type Subscription } from '../src/store/subscriptions.js';
import { channelScope } from '../src/alerts/audience-scope.js';
import { digestRepeatBlocks, withBlocksBeforeContext } from '../src/alerts/digest-repeats.js';
import { DEFAULT_REPEAT_WINDOW_DAYS } from '../src/domain/repeats.js';

/**
 * Posts started per second over all workers. Slack allows about one message per second per channel and a
 * few hundred a minute per workspace (Discord 50 requests a second per bot): 5 a second stays under both
 * and posts 400 digests in under a minute and a half. The platform libraries still honour any 429.
 */
export const DIGEST_POSTS_PER_SECOND = 5;

/**
 * One post per interval rather than a burst per second: bursts meet a platform's sliding one-second window
 * with whatever jitter the machine adds and come back as 429s, whose Retry-After stretches the tail.
 */
export function evenPace(perSecond: number): { max: number; perMs: number } {
  return { max: 1, perMs: Math.ceil(1_000 / perSecond) };
}

export const digestPostData = z.object({
  subscriptionId: z.number().int().positive(),
  /** Europe/Amsterdam calendar date the digest is for. */
  localDate: z.iso.date(),
});
export type DigestPostData = z.infer<typeof digestPostData>;

export const digestPost = defineJob({
  name: 'digest-post',
  schema: digestPostData,
  attempts: 6,
  // 10 s, 20 s, 40 s, 80 s, 160 s: a platform outage of a few minutes still gets the digest out.
  backoffMs: 10_000,
  // A day and a bit: a second enqueue of the same digest that day finds the id and does nothing.
  keepFinishedSeconds: 26 * 3_600,
  rateLimit: evenPace(DIGEST_POSTS_PER_SECOND),
  async process(key, ctx) {
    const { db, now } = ctx.services;
    const subscription = await findSubscription(db, key.subscriptionId);
    if (!subscription || subscription.status !== 'actief') {
      ctx.logger.info({ ...key, status: subscription?.status ?? 'onbekend' }, 'digest skipped: subscription not active');
      return;
    }
    const at = now();
    if (localMoment(at).date !== key.localDate) {
      ctx.logger.warn(key, 'digest skipped: its day has passed');
      return;
    }
    const address = parseChannelAddress(subscription.channel)!;
    const claim = await claimDigestPost(db, key, address.platform);
    if (claim === undefined) {
      ctx.logger.info(key, 'digest skipped: already posted or given up');
      return;
    }
    await post(key, subscription, at, { id: digestJobId(key), firstAttemptAt: claim.firstAttemptAt, lookFirst: claim.attempt > 1 }, ctx);
  },
});

async function post(key: DigestPostKey, subscription: Subscription, at: Date, identity: PostIdentity, ctx: JobContext): Promise<void> {
  const { db, municipalities, posters, buildDigest, metrics } = ctx.services;
  const { platform, channelId } = parseChannelAddress(subscription.channel)!;
  const final = ctx.attempt >= ctx.maxAttempts;
  try {
    const poster = posters[platform];
    if (!poster) throw new Error(`geen verbinding met ${platform} in dit proces`);
    const lastDigestAt = await lastDigestPostedAt(db, subscription.id);
    const scope = await channelScope(db, ctx.services.posters, subscription.channel); // who reads the channel
    const digest = await buildDigest(db, municipalities, {
      scope,
      municipalityCode: subscription.municipalityCode,
      ...(lastDigestAt && lastDigestAt < at ? { since: lastDigestAt } : {}),
      first: lastDigestAt === null,
      at,
      lang: subscription.lang,
    });
    // Repeats: listed for a channel whose least-entitled member may see the areas.
    const repeats = await digestRepeatBlocks(db, municipalities, { scope, municipalityCode: subscription.municipalityCode, ...(lastDigestAt && lastDigestAt < at ? { since: lastDigestAt } : {}), at, lang: subscription.lang, windowDays: ctx.services.repeatWindowDays ?? DEFAULT_REPEAT_WINDOW_DAYS });
    const { messageId, found } = await poster.post(channelId, { ...digest, blocks: withBlocksBeforeContext(digest.blocks, repeats), visibility: 'channel' }, identity);
    await markDigestPosted(db, key, messageId, at);
    metrics?.post(platform, 'posted');
    ctx.logger.info({ ...key, platform, channel: subscription.channel, messageId, ...(found ? { found } : {}) }, found ? 'digest found posted by an earlier attempt' : 'digest posted');
  } catch (error) {
    if (error instanceof ChartNotPostedError && final) {
      // The digest itself is out; only its chart is missing, and there is no attempt left to add it.
      await markDigestPosted(db, key, error.messageId, at);
      metrics?.post(platform, 'posted');
      ctx.logger.error({ ...key, platform, channel: subscription.channel, err: error }, 'digest posted without its chart');
      return;
    }
    metrics?.post(platform, 'failed');
    const message = error instanceof Error ? error.message : String(error);
    const t = (k: Parameters<typeof translate>[1], params: Record<string, string | number>) => translate('nl', k, params);
    if (error instanceof PermanentPostError) {
      await db.transaction(async (tx) => {
        await markDigestFailed(tx, key, `${error.code}: ${message}`, true);
        if (await pauseSubscription(tx, subscription.id, error.code)) {
          await audit(tx, {
            ...systemWho(platform),
            action: 'abonnement.gepauzeerd',
            subject: subscription.channel,
            detail: { id: subscription.id, reden: error.code, datum: key.localDate },
          });
        }
      });
      ctx.logger.error({ ...key, platform, channel: subscription.channel, code: error.code }, 'digest not posted: subscription paused');
      await notifyProgrammeOffice(ctx.services, t('notice.pausedTitle', {}), t('notice.pausedText', { channel: channelMention(subscription.channel), reason: error.code }));
      return;
    }
    await markDigestFailed(db, key, message, final);
    if (final) {
      ctx.logger.error({ ...key, platform, channel: subscription.channel, err: error }, 'digest not posted after the last attempt');
      await notifyProgrammeOffice(
        ctx.services,
        t('notice.failedTitle', {}),
        t('notice.failedText', { date: key.localDate, channel: channelMention(subscription.channel), attempts: ctx.attempt, error: message }),
      );
    }
    throw error;
  }
}
