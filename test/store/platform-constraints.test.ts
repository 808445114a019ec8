// Which platforms exist is the registry's to say, not the schema's: rows of a platform the registry adds
// (a test's own) are stored like Slack's, and what does not even look like a platform is refused by the
// code that writes, before the database sees it, and by the database's generic checks after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultMilestones } from '../../src/domain/fieldlab.js';
import { claimDigestPost } from '../../src/store/digest-posts.js';
import { createIntervention, listInterventions } from '../../src/store/interventions.js';
import { assignRole, findRole, seedAdmins } from '../../src/store/roles.js';
import { subscribe } from '../../src/store/subscriptions.js';
import { DB_KINDS, openTestDb, type TestDb } from '../support/db.js';

describe.each(DB_KINDS)('platform names in the store on %s', (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(kind);
  });
  afterAll(() => db.dispose());

  it('stores roles, a subscription, its post log and a team channel of a platform the schema never heard of', async () => {
    await assignRole(db, { platform: 'testchat', kind: 'group', id: 'ploeg' }, 'politie', null, 'test');
    expect(await findRole(db, { platform: 'testchat', kind: 'group', id: 'ploeg' })).toMatchObject({ role: 'politie' });
    expect(await seedAdmins(db, 'testchat', ['office'])).toBe(1);
    const { subscription } = await subscribe(db, { channel: 'testchat:room-a1', postMinute: 480, municipalityCode: null, weekdays: [1, 2, 3, 4, 5], lang: 'nl', createdBy: 'test' });
    expect(await claimDigestPost(db, { subscriptionId: subscription.id, localDate: '2025-06-10' }, 'testchat')).toMatchObject({ attempt: 1 });
    await createIntervention(db, { name: 'Proef testchat', description: '', owners: [], channel: 'testchat:room-team', startDate: '2025-03-24', lengthDays: 100, status: 'actief', milestones: defaultMilestones() }, 'test');
    expect((await listInterventions(db)).find((i) => i.name === 'Proef testchat')?.channel).toBe('testchat:room-team');
  });

  it('refuses what is no platform name or channel address, in the code and in the database', async () => {
    await expect(assignRole(db, { platform: 'Test Chat', kind: 'user', id: 'x1' }, 'politie', null, 'test')).rejects.toThrow(/not a platform name/);
    await expect(seedAdmins(db, '', ['x1'])).rejects.toThrow(/not a platform name/);
    await expect(subscribe(db, { channel: 'room-a1', postMinute: 480, municipalityCode: null, weekdays: [1], lang: 'nl', createdBy: 'test' })).rejects.toThrow(/not a channel address/);
    await expect(db.exec(`INSERT INTO role_assignments (platform, subject_kind, subject_id, role, assigned_by) VALUES ('Test Chat', 'user', 'x1', 'politie', 'test')`)).rejects.toThrow(/role_assignments_platform_check/);
    await expect(db.exec(`INSERT INTO subscriptions (channel, post_minute, weekdays, lang, created_by) VALUES ('room-a1', 480, '{1}', 'nl', 'test')`)).rejects.toThrow(/subscriptions_channel_check/);
  });
});
