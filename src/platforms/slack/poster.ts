// Posts a reply into a Slack channel (digests, reminders): chat.postMessage, then any chart as a file in
// the same channel. The Web API client retries 429 (after Retry-After) and 5xx itself; a failure that
// retrying cannot fix becomes a PermanentPostError so the caller pauses instead of retrying.
import { webApi } from '@slack/bolt';
import { translator, type Lang } from '../../i18n/index.js';
import type { Logger } from '../../logger.js';
import type { Reply } from '../../render/reply.js';
import { PermanentPostError, type Poster } from '../poster.js';
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

export function slackErrorCode(error: unknown): string | undefined {
  const coded = error as { code?: string; data?: { error?: string } };
  return coded?.code === webApi.ErrorCode.PlatformError ? coded.data?.error : undefined;
}

export function createSlackPoster(client: webApi.WebClient, options: { lang: Lang; logger: Logger }): Poster {
  const t = translator(options.lang);
  return {
    platform: 'slack',
    async post(channelId, reply: Reply) {
      const shared: Reply = { ...reply, visibility: 'channel' };
      const message = renderSlack(shared, { t, chartNote: (chart) => t('slack.chartPosted', { title: chart.title }) });
      let ts: string;
      try {
        const result = await client.chat.postMessage({ channel: channelId, text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false });
        ts = result.ts ?? '';
      } catch (error) {
        const code = slackErrorCode(error);
        if (code && PERMANENT_SLACK_ERRORS.has(code)) throw new PermanentPostError(`Slack weigert het bericht in ${channelId}: ${code}`, code);
        throw error;
      }
      // The message is out; a chart that fails now is logged, not retried, so a retry never posts twice.
      for (const block of reply.blocks) {
        if (block.kind !== 'chart') continue;
        await client
          .filesUploadV2({ channel_id: channelId, file: Buffer.from(block.chart.png), filename: block.chart.fileName, title: block.chart.title })
          .catch((error: unknown) => options.logger.warn({ err: error, channel: channelId, code: slackErrorCode(error) }, 'slack chart upload failed'));
      }
      return { messageId: ts };
    },
  };
}
