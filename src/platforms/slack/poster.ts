// Posts a reply into a Slack channel (digests, reminders, notices): chat.postMessage, then any chart as a file
// in the same channel. Slack has no idempotency key, so every post carries its identity in the message
// metadata (`ote_post`, `{ post_id }`); after an answer that was lost (a timeout, a reset, a 5xx) the channel's
// history since the first attempt is searched for it before anything is sent again (src/platforms/deliver.ts).
// The poster does all retrying itself: its Web API client must not retry on its own (createSlackPostingClient),
// or a lost answer would be posted again blind. A failure that retrying cannot fix becomes a
// PermanentPostError so the caller pauses instead of retrying; a chart that could not follow its message,
// a ChartNotPostedError.
import { webApi } from '@slack/bolt';
import { translator, type Lang } from '../../i18n/index.js';
import type { Logger } from '../../logger.js';
import type { Chart, Reply } from '../../render/reply.js';
import { deliverOnce, NOT_SENT_CODES, type SendOutcome } from '../deliver.js';
import { ChartNotPostedError, PermanentPostError, type ChannelAccess, type PostIdentity, type Poster } from '../poster.js';
import { renderSlack } from './render.js';

/** Slack error codes that mean the channel, the bot's access or the token is gone for good. */
export const PERMANENT_SLACK_ERRORS = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'invalid_auth',
  'not_authed',
  'missing_scope',
  'no_permission',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_non_threadable_channel',
  'restricted_action_thread_only_channel',
  'ekm_access_denied',
  'team_access_not_granted',
  'org_login_required',
  'invalid_blocks',
  'msg_too_long',
]);

/** Platform errors after which Slack may have done the work anyway (its own words: "some aspect … succeeded"). */
const AMBIGUOUS_SLACK_ERRORS = new Set(['internal_error', 'fatal_error', 'request_timeout', 'service_unavailable']);

/** The metadata event type of our posts; `post_id` is the post's identity. */
export const POST_EVENT_TYPE = 'ote_post';
/** Our clock and Slack's may differ: the history is searched from this long before the first attempt. */
const CLOCK_SKEW_MS = 60_000;
const HISTORY_PAGE = 200;
const HISTORY_PAGES = 20;
/** The poster's own retries of one send or lookup (then the job's retries take over, looking first). */
export const SLACK_RETRY_DELAYS_MS = [1_000, 2_000, 4_000, 8_000];
export const SLACK_CALL_TIMEOUT_MS = 15_000;

export function slackErrorCode(error: unknown): string | undefined {
  const coded = error as { code?: string; data?: { error?: string } };
  return coded?.code === webApi.ErrorCode.PlatformError ? coded.data?.error : undefined;
}

/**
 * Whether a failed call may have been carried out by Slack (see src/platforms/deliver.ts). A call we gave up
 * waiting for may still be at work on Slack's side: the lookup after it waits `settleMs`, so that such a post
 * has landed before it is looked for.
 */
export function slackOutcome(error: unknown, settleMs = 0): SendOutcome {
  const e = error as { code?: string; statusCode?: number; retryAfter?: number; original?: { name?: string; code?: string; cause?: { code?: string } } };
  switch (e?.code) {
    case webApi.ErrorCode.PlatformError: {
      const code = slackErrorCode(error) ?? '';
      if (code === 'ratelimited') return { kind: 'unsent' };
      return AMBIGUOUS_SLACK_ERRORS.has(code) ? { kind: 'ambiguous' } : { kind: 'final' };
    }
    case webApi.ErrorCode.RateLimitedError:
      return { kind: 'unsent', waitMs: (e.retryAfter ?? 1) * 1000 };
    case webApi.ErrorCode.HTTPError:
      return (e.statusCode ?? 0) >= 500 ? { kind: 'ambiguous' } : { kind: 'unsent' };
    case webApi.ErrorCode.RequestError: {
      if (e.original?.name === 'TimeoutError') return { kind: 'ambiguous', waitMs: settleMs };
      const network = e.original?.cause?.code ?? e.original?.code ?? '';
      return NOT_SENT_CODES.has(network) ? { kind: 'unsent' } : { kind: 'ambiguous' };
    }
    default:
      return { kind: 'final' };
  }
}

/** A Web API client for the poster: no retries of its own, rate limits handed back, every call bounded in time. */
export function createSlackPostingClient(token: string, options: webApi.WebClientOptions = {}, timeoutMs = SLACK_CALL_TIMEOUT_MS): webApi.WebClient {
  return new webApi.WebClient(token, { ...options, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: timeoutMs });
}

export interface SlackPosterOptions {
  lang: Lang;
  logger: Logger;
  /** The waits between the poster's own tries (default SLACK_RETRY_DELAYS_MS). */
  retryDelaysMs?: readonly number[];
  /** The client's call timeout (createSlackPostingClient's); after a timed-out call the lookup waits as long. */
  timeoutMs?: number;
}

type HistoryMessage = NonNullable<webApi.ConversationsHistoryResponse['messages']>[number];

const slackTs = (at: Date) => (at.getTime() / 1000).toFixed(6);

export function createSlackPoster(client: webApi.WebClient, options: SlackPosterOptions): Poster {
  const t = translator(options.lang);
  const delaysMs = options.retryDelaysMs ?? SLACK_RETRY_DELAYS_MS;
  const outcomeOf = (error: unknown) => slackOutcome(error, options.timeoutMs ?? SLACK_CALL_TIMEOUT_MS);

  /** Messages in the channel from `oldest` on (newest first), page by page, until `match` says stop. */
  async function searchHistory<T>(channel: string, oldest: string, match: (message: HistoryMessage) => T | undefined): Promise<T | undefined> {
    let cursor: string | undefined;
    for (let page = 0; page < HISTORY_PAGES; page++) {
      const result = await client.conversations.history({ channel, oldest, inclusive: true, include_all_metadata: true, limit: HISTORY_PAGE, ...(cursor ? { cursor } : {}) });
      for (const message of result.messages ?? []) {
        const hit = match(message);
        if (hit !== undefined) return hit;
      }
      cursor = result.response_metadata?.next_cursor;
      if (!result.has_more || !cursor) return undefined;
    }
    throw new Error(`meer dan ${HISTORY_PAGE * HISTORY_PAGES} berichten in ${channel} sinds de eerste poging`);
  }

  async function postMessage(channelId: string, message: ReturnType<typeof renderSlack>, identity: PostIdentity | undefined) {
    const send = async () => {
      const result = await client.chat.postMessage({
        channel: channelId,
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        unfurl_media: false,
        ...(identity ? { metadata: { event_type: POST_EVENT_TYPE, event_payload: { post_id: identity.id } } } : {}),
      });
      return result.ts ?? '';
    };
    const since = slackTs(new Date((identity?.firstAttemptAt.getTime() ?? Date.now()) - CLOCK_SKEW_MS));
    return deliverOnce({
      send,
      find: () =>
        searchHistory(channelId, since, (m) => {
          const payload = m.metadata?.event_type === POST_EVENT_TYPE ? (m.metadata.event_payload as { post_id?: unknown } | undefined) : undefined;
          return payload?.post_id === identity!.id ? m.ts : undefined;
        }),
      // Without an identity a post cannot be looked for, so only a provably unsent one is retried.
      outcome: (error) => {
        const outcome = outcomeOf(error);
        return !identity && outcome.kind === 'ambiguous' ? { kind: 'final' } : outcome;
      },
      lookFirst: identity?.lookFirst ?? false,
      delaysMs,
    });
  }

  /** The chart as a file in the channel; looked for (by file name, after the message) before a retry. */
  async function uploadChart(channelId: string, chart: Chart, messageTs: string, lookFirst: boolean): Promise<void> {
    await deliverOnce({
      send: async () => {
        await client.filesUploadV2({ channel_id: channelId, file: Buffer.from(chart.png), filename: chart.fileName, title: chart.title });
        return true;
      },
      find: () => searchHistory(channelId, messageTs, (m) => (m.files?.some((f) => f.name === chart.fileName) ? true : undefined)),
      outcome: outcomeOf,
      lookFirst,
      delaysMs,
    });
  }

  return {
    platform: 'slack',
    async post(channelId, reply: Reply, identity?: PostIdentity) {
      const shared: Reply = { ...reply, visibility: 'channel' };
      const message = renderSlack(shared, { t, chartNote: (chart) => t('slack.chartPosted', { title: chart.title }) });
      let posted: { result: string; found: boolean };
      try {
        posted = await postMessage(channelId, message, identity);
      } catch (error) {
        const code = slackErrorCode(error);
        if (code && PERMANENT_SLACK_ERRORS.has(code)) throw new PermanentPostError(`Slack weigert het bericht in ${channelId}: ${code}`, code);
        throw error;
      }
      // The message is out. A chart the channel refuses is logged and the message stands; one that still
      // fails otherwise is handed back (ChartNotPostedError) for the job to retry: its next attempt finds the
      // message, and a found message's chart is looked for before it is uploaded.
      for (const block of reply.blocks) {
        if (block.kind !== 'chart') continue;
        try {
          await uploadChart(channelId, block.chart, posted.result, posted.found);
        } catch (error) {
          const code = slackErrorCode(error);
          options.logger.warn({ err: error, channel: channelId, code }, 'slack chart upload failed');
          if (!(code && PERMANENT_SLACK_ERRORS.has(code))) throw new ChartNotPostedError(posted.result, error);
        }
      }
      return { messageId: posted.result, ...(posted.found ? { found: true } : {}) };
    },
    async update(channelId, messageId, reply) {
      const message = renderSlack({ ...reply, visibility: 'channel' }, { t, chartNote: (chart) => t('slack.chartPosted', { title: chart.title }) });
      await client.chat.update({ channel: channelId, ts: messageId, text: message.text, blocks: message.blocks });
    },
    checkAccess: (channelId) => slackChannelAccess(client, channelId),
  };
}

/**
 * conversations.info (scopes channels:read, groups:read): `is_member` says whether a post will land. A
 * private channel the bot is not in answers channel_not_found, as a missing one does; an archived one
 * takes no posts.
 */
export async function slackChannelAccess(client: webApi.WebClient, channelId: string): Promise<ChannelAccess> {
  try {
    const { channel } = await client.conversations.info({ channel: channelId });
    if (channel?.is_archived) return { kind: 'not-found' };
    return channel?.is_member ? { kind: 'ok' } : { kind: 'not-member' };
  } catch (error) {
    const code = slackErrorCode(error);
    if (code === 'channel_not_found') return { kind: 'not-found' };
    return { kind: 'unknown', reason: code ?? (error instanceof Error ? error.message : String(error)) };
  }
}
