// Who is in a Slack channel, as conversations.members pages it, without the bot, with the user groups
// that carry a role.
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { slackChannelMembers } from '../../../src/platforms/slack/members.js';
import { startFakeSlack, type FakeSlack } from '../../support/fake-slack.js';

let slack: FakeSlack;
beforeAll(async () => {
  slack = await startFakeSlack();
});
afterAll(() => slack.close());

it('reads every page of members, leaves the bot out and names the role-bearing groups each is in', async () => {
  const users = Array.from({ length: 450 }, (_, i) => `U${String(i).padStart(6, '0')}`);
  slack.channelMembers.set('CBIG', users);
  slack.userGroups.set('SPOL', ['U000007', 'U000400']);
  const client = new webApi.WebClient(slack.token, { slackApiUrl: slack.apiUrl });
  const members = await slackChannelMembers({ client, groupsWithRoles: async () => ['SPOL'] }, 'CBIG');
  expect(members).toHaveLength(450);
  expect(members.some((m) => m.userId === slack.botUserId)).toBe(false);
  expect(members.find((m) => m.userId === 'U000400')).toEqual({ userId: 'U000400', groupIds: ['SPOL'] });
  expect(members.find((m) => m.userId === 'U000401')).toEqual({ userId: 'U000401', groupIds: [] });
  expect(slack.callsOf('conversations.members').length).toBe(3);
});
