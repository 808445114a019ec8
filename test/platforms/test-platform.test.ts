// Adding a platform is one folder and one registry line: Testchat lives only in test/ (support/test-platform)
// and is registered into a registry passed to createApp. Its settings join the config schema, its library
// loads only when configured, its inbound part runs commands through the real dispatcher with the roles the
// store gives its users, a subscription is stored for its room, and the digest job posts through its poster.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, configSecrets, loadConfig } from '../../src/config.js';
import { localMoment } from '../../src/queue/schedule.js';
import { silentLogger } from '../../src/logger.js';
import { createApp, type App } from '../../src/main.js';
import { platforms } from '../../src/platforms/index.js';
import { createPlatformRegistry } from '../../src/platforms/registry.js';
import { userMention } from '../../src/render/mention.js';
import { openPostgres } from '../../src/store/db.js';
import { findRole } from '../../src/store/roles.js';
import { findLiveSubscription } from '../../src/store/subscriptions.js';
import { TEST_DATABASE_URL } from '../support/db.js';
import { waitFor } from '../queue/support.js';
import { loads, testchat } from './support/test-platform/adapter.js';
import { server, TESTCHAT_LIMIT } from './support/test-platform/part.js';

const registry = createPlatformRegistry([...platforms.adapters, testchat]);
const schema = `test_testchat_${randomBytes(4).toString('hex')}`;
const databaseUrl = `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;

describe('a platform defined only in the tests', () => {
  let app: App;
  beforeAll(async () => {
    const setup = await openPostgres(TEST_DATABASE_URL, schema);
    await setup.close();
    const config = loadConfig({ DATABASE_URL: databaseUrl, PORT: '0', TESTCHAT_TOKEN: 'testchat-secret-token', TESTCHAT_ADMIN_USER_IDS: 'office', PROGRAMME_CHANNEL: 'testchat:room-office' }, registry);
    app = await createApp(config, { roles: ['web', 'worker'], logger: silentLogger, platforms: registry });
    await app.start();
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
    const cleanup = await openPostgres(TEST_DATABASE_URL);
    await cleanup.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await cleanup.close();
  });

  it('joins the config schema: its settings, its secret, and its rooms as PROGRAMME_CHANNEL', () => {
    const config = loadConfig({ TESTCHAT_TOKEN: 'testchat-secret-token', PROGRAMME_CHANNEL: 'testchat:room-office' }, registry);
    expect(config.PROGRAMME_CHANNEL).toBe('testchat:room-office');
    expect(configSecrets(config, registry)).toContain('testchat-secret-token');
    // The real registry knows no Testchat.
    expect(() => loadConfig({ PROGRAMME_CHANNEL: 'testchat:room-office' })).toThrow(ConfigError);
  });

  it('is loaded once, only because it is configured, and its inbound part was started by the lifecycle', async () => {
    expect(loads.count).toBe(1);
    expect(server.started).toBe(1);
    expect(app.describe()).toContain('Testchat: in het geheugen');
    const bare = await createApp(loadConfig({ DATABASE_URL: databaseUrl, PORT: '0' }, registry), { roles: [], logger: silentLogger, platforms: registry });
    await bare.stop();
    expect(loads.count).toBe(1);
  });

  it('runs a command through the real dispatcher with the role its configured admin was given', async () => {
    expect(await findRole(app.db, { platform: 'testchat', kind: 'user', id: 'office' })).toMatchObject({ role: 'programma', source: 'config' });
    const answer = await server.say!({ user: 'office' }, 'room-a1', '/ote rol');
    expect(answer).toContain('Partnerrollen');
    // A user without a role is refused by the dispatcher, as on every platform.
    expect(await server.say!({ user: 'nobody' }, 'room-a1', '/ote rol')).toMatch(/programmabureau/i);
  });

  it('stores a subscription for its room and the digest job posts it through its poster', async () => {
    const answer = await server.say!({ user: 'office' }, 'room-a1', '/ote abonneer 08:00');
    expect(answer).toMatch(/abonne/i);
    const subscription = await findLiveSubscription(app.db, 'testchat:room-a1');
    expect(subscription).toMatchObject({ channel: 'testchat:room-a1', postMinute: 480 });
    // Today's digest, posted by the real job on the single-process queue.
    const localDate = localMoment(new Date()).date;
    await app.runtime.services.enqueue!('digest-post', { subscriptionId: subscription!.id, localDate }, { jobId: `testchat-digest-${subscription!.id}` });
    await waitFor(() => server.posted.some((p) => p.room === 'room-a1'), 'the digest posted to room-a1', 20_000);
    const posted = server.posted.find((p) => p.room === 'room-a1')!;
    expect(posted.text.length).toBeLessThanOrEqual(TESTCHAT_LIMIT);
  });

  it('renders its own mentions natively and another platform’s as a readable id', async () => {
    await app.runtime.services.posters!.testchat!.post('room-b2', { title: 'Hallo', blocks: [{ kind: 'text', text: `${userMention('testchat:alice')} en ${userMention('slack:U0123ABC')}` }], visibility: 'channel' });
    expect(server.posted.at(-1)).toEqual({ room: 'room-b2', text: 'Hallo\n@alice en @U0123ABC (Slack)' });
  });

  it('parses its mentions and rooms through the registry', () => {
    expect(registry.subjects.parse('@@ploeg')).toEqual({ platform: 'testchat', kind: 'group', id: 'ploeg' });
    expect(registry.normalizeChannel('#room-x9')).toBe('testchat:room-x9');
    expect(registry.normalizeChannel('TESTCHAT:room-x9')).toBe('testchat:room-x9');
    expect(platforms.normalizeChannel('#room-x9')).toBeUndefined();
  });
});
