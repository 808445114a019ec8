// Who is in a Slack channel: conversations.members (paged), without the bot itself, each with the Slack
// user groups that carry a partner role (usergroups.users.list), so their roles decide the audience.
// Members joining or leaving (member_joined_channel, member_left_channel) make the audience be asked again.
import type { webApi } from '@slack/bolt';
import { forgetAudience } from '../../audience/channel.js';
import type { Db } from '../../store/db.js';
import { listRoles } from '../../store/roles.js';
import type { ChannelMember, Poster } from '../poster.js';
import { MEMBERSHIP_EVENT, type SlackInteractions } from './interactions.js';

const PAGE = 200;
/** A channel of many thousands: beyond this many pages the rest counts as unknown (partners). */
const MAX_PAGES = 50;

export interface SlackMemberSource {
  client: webApi.WebClient;
  /** The bot's own user id, left out of the members; asked of Slack once (auth.test) when not given. */
  botUserId?: () => Promise<string | undefined>;
  /** Slack user groups that hold a partner role. */
  groupsWithRoles: () => Promise<readonly string[]>;
}

export async function slackChannelMembers(source: SlackMemberSource, channelId: string): Promise<ChannelMember[]> {
  const { client } = source;
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await client.conversations.members({ channel: channelId, limit: PAGE, ...(cursor ? { cursor } : {}) });
    ids.push(...(result.members ?? []));
    cursor = result.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
  }
  // More members than we read: one of them may be a partner, so one is assumed.
  const unread: ChannelMember[] = cursor ? [{ userId: 'ongelezen', role: 'partner' }] : [];
  const botUserId = source.botUserId ? await source.botUserId() : (await client.auth.test()).user_id;
  const groups = await Promise.all(
    (await source.groupsWithRoles()).map(async (group) => ({ group, users: new Set((await client.usergroups.users.list({ usergroup: group })).users ?? []) })),
  );
  return [
    ...ids.filter((id) => id !== botUserId).map((userId) => ({ userId, groupIds: groups.filter((g) => g.users.has(userId)).map((g) => g.group) })),
    ...unread,
  ];
}

export function withSlackMembers(poster: Poster, source: SlackMemberSource): Poster {
  // The bot's id never changes: asked once, and again only after a failed ask.
  let bot: Promise<string | undefined> | undefined;
  const botUserId = () =>
    (bot ??= source.client.auth.test().then((r) => r.user_id, (error: unknown) => {
      bot = undefined;
      throw error;
    }));
  return { ...poster, members: (channelId) => slackChannelMembers({ ...source, botUserId }, channelId) };
}

/** A member joined or left: the channel's audience is asked again (one listener for both events). */
export function registerMembershipEvents(on: SlackInteractions): void {
  on.event(MEMBERSHIP_EVENT, async ({ event }) => {
    if ('channel' in event && typeof event.channel === 'string') forgetAudience(`slack:${event.channel}`);
  });
}

export async function slackGroupsWithRoles(db: Db): Promise<string[]> {
  return (await listRoles(db, 'slack')).filter((r) => r.kind === 'group').map((r) => r.id);
}
