// Posts one Field Lab message at most once, by its row in a post log: the row is claimed first, so a retry
// or a restarted worker skips what was posted, and the post carries an identity, so an attempt after a lost
// answer finds it on the platform instead of posting again (every attempt after the first looks first). A
// platform error is retried; a permanent one, or the last attempt, gives the post up.
import { parseChannelAddress, PermanentPostError } from '../platforms/poster.js';
import type { JobContext } from '../queue/job.js';
import type { Reply } from '../render/reply.js';
import type { PostClaim } from '../store/digest-posts.js';

/** One row of a post log (milestone_posts, intervention_posts). */
export interface PostLogRow {
  claim(): Promise<PostClaim | undefined>;
  posted(messageId: string, at: Date): Promise<void>;
  failed(error: string, final: boolean, at: Date): Promise<void>;
}

export interface LoggedPost {
  /** `platform:channel`. */
  channel: string;
  /** The post's identity on the platform, the same for every attempt. */
  id: string;
  row: PostLogRow;
  /** What the log lines name: `milestone`, `intervention`. */
  what: string;
  /** Said to the key's log lines. */
  logFields: Record<string, unknown>;
  /** When the post is given up: e.g. tell the programme office. */
  onGiveUp?(message: string): Promise<void>;
}

export async function postLogged(ctx: JobContext, post: LoggedPost, build: () => Reply): Promise<'posted' | 'skipped' | 'given-up'> {
  const { posters, metrics, now } = ctx.services;
  const fields = { ...post.logFields, channel: post.channel };
  const address = parseChannelAddress(post.channel);
  if (!address) throw new Error(`ongeldig kanaal ${post.channel}`);
  const claim = await post.row.claim();
  if (!claim) {
    ctx.logger.info(fields, `${post.what} post skipped: already posted or given up`);
    return 'skipped';
  }
  const final = ctx.attempt >= ctx.maxAttempts;
  try {
    const poster = posters[address.platform];
    if (!poster) throw new Error(`geen verbinding met ${address.platform} in dit proces`);
    const { messageId } = await poster.post(address.channelId, build(), { id: post.id, firstAttemptAt: claim.firstAttemptAt, lookFirst: claim.attempt > 1 });
    await post.row.posted(messageId, now());
    metrics?.post(address.platform, 'posted');
    ctx.logger.info({ ...fields, messageId }, `${post.what} post placed`);
    return 'posted';
  } catch (error) {
    metrics?.post(address.platform, 'failed');
    const message = error instanceof Error ? error.message : String(error);
    const permanent = error instanceof PermanentPostError;
    await post.row.failed(permanent ? `${error.code}: ${message}` : message, permanent || final, now());
    if (permanent || final) {
      ctx.logger.error({ ...fields, err: error }, `${post.what} post given up`);
      await post.onGiveUp?.(message);
      if (permanent) return 'given-up';
    }
    throw error;
  }
}
