import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../src/logger.js';
import { createSlackActors, GROUP_CACHE_MS, type SlackActors } from '../../../src/platforms/slack/actors.js';
import { boltLogger } from '../../../src/platforms/slack/bolt-logger.js';
import { assignRole } from '../../../src/store/roles.js';
import { openTestDb, type TestDb } from '../../support/db.js';
import { startFakeSlack, type FakeSlack } from '../../support/fake-slack.js';
import { FAST_RETRY } from './harness.js';

describe('Slack user to actor', () => {
  let db: TestDb;
  let fake: FakeSlack;
  let actors: SlackActors;
  let now = 1_000_000;
  beforeAll(async () => {
    db = await openTestDb('pglite');
    fake = await startFakeSlack();
    const client = new webApi.WebClient(fake.token, { slackApiUrl: fake.apiUrl, retryConfig: FAST_RETRY, logger: boltLogger(silentLogger) });
    actors = createSlackActors({ db, client, logger: silentLogger, now: () => now });
    await assignRole(db, { platform: 'slack', kind: 'group', id: 'S0POLICE01' }, 'politie', null, 'test');
    await assignRole(db, { platform: 'slack', kind: 'group', id: 'S0AMSTER01' }, 'gemeente', 'GM0363', 'test');
    await assignRole(db, { platform: 'slack', kind: 'user', id: 'U0OWNROLE1' }, 'om', null, 'test');
  });
  afterAll(async () => {
    await fake.close();
    await db.dispose();
  });
  beforeEach(() => {
    fake.calls.length = 0;
  });

  it('takes the most entitled of the user’s groups', async () => {
    fake.userGroups.set('S0POLICE01', ['U0BOTH0001']);
    fake.userGroups.set('S0AMSTER01', ['U0BOTH0001', 'U0ADVISER1']);
    expect(await actors.resolve('U0BOTH0001')).toEqual({ platform: 'slack', userId: 'U0BOTH0001', role: 'politie', assigned: true });
    expect(await actors.resolve('U0ADVISER1')).toEqual({ platform: 'slack', userId: 'U0ADVISER1', role: 'gemeente', municipalityCode: 'GM0363', assigned: true });
  });

  it("does not ask Slack about groups when the user's own role decides", async () => {
    expect((await actors.resolve('U0OWNROLE1')).role).toBe('om');
    expect(fake.callsOf('usergroups.users.list')).toHaveLength(0);
  });

  it('answers from the cache, then refreshes in the background once it is stale', async () => {
    await actors.resolve('U0BOTH0001');
    expect(fake.callsOf('usergroups.users.list')).toHaveLength(0);
    fake.userGroups.set('S0POLICE01', []);
    now += GROUP_CACHE_MS + 1;
    expect((await actors.resolve('U0BOTH0001')).role).toBe('politie');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await actors.resolve('U0BOTH0001')).role).toBe('gemeente');
    expect(fake.callsOf('usergroups.users.list')).toHaveLength(2);
  });

  it('marks a workspace admin or owner as a channel admin, asking Slack once per five minutes', async () => {
    fake.workspaceAdmins.add('U0WSADMIN1');
    fake.workspaceOwners.add('U0WSOWNER1');
    expect(await actors.resolve('U0WSADMIN1')).toEqual({ platform: 'slack', userId: 'U0WSADMIN1', role: 'partner', channelAdmin: true });
    expect((await actors.resolve('U0WSOWNER1')).channelAdmin).toBe(true);
    expect(await actors.resolve('U0PLAIN001')).toEqual({ platform: 'slack', userId: 'U0PLAIN001', role: 'partner' });
    await actors.resolve('U0WSADMIN1');
    expect(fake.callsOf('users.info').map((c) => c.body.user)).toEqual(['U0WSADMIN1', 'U0WSOWNER1', 'U0PLAIN001']);
    fake.workspaceAdmins.delete('U0WSADMIN1');
    now += GROUP_CACHE_MS + 1;
    expect((await actors.resolve('U0WSADMIN1')).channelAdmin).toBe(true);
    // The stale answer is refreshed in the background; on a busy machine that takes a while.
    await vi.waitFor(async () => expect((await actors.resolve('U0WSADMIN1')).channelAdmin).toBeUndefined(), { timeout: 5_000, interval: 50 });
  });

  it('falls back to partner when Slack cannot say who is in a group', async () => {
    fake.failNext('usergroups.users.list', { error: 'missing_scope' }, 2);
    now += GROUP_CACHE_MS + 1;
    const fresh = createSlackActors({ db, client: new webApi.WebClient(fake.token, { slackApiUrl: fake.apiUrl, logger: boltLogger(silentLogger) }), logger: silentLogger });
    expect((await fresh.resolve('U0BOTH0001')).role).toBe('partner');
  });
});
