import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  assignRole,
  assignmentsFor,
  chooseActor,
  findRole,
  listRoles,
  removeRole,
  resolveActor,
  seedAdmins,
} from '../../src/store/roles.js';
import { DB_KINDS, openTestDb, type TestDb } from '../support/db.js';

describe.each(DB_KINDS)('roles on %s', (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(kind);
  });
  afterAll(async () => {
    await db.dispose();
  });
  beforeEach(async () => {
    await db.exec('DELETE FROM role_assignments');
  });

  const slackUser = (id: string) => ({ platform: 'slack' as const, kind: 'user' as const, id });
  const slackGroup = (id: string) => ({ platform: 'slack' as const, kind: 'group' as const, id });

  it('makes an unknown user a partner', async () => {
    expect(await resolveActor(db, { platform: 'slack', userId: 'U1', groupIds: [] })).toEqual({
      platform: 'slack',
      userId: 'U1',
      role: 'partner',
    });
  });

  it("lets a user's own assignment win over its groups'", async () => {
    await assignRole(db, slackGroup('S1'), 'programma', null, 'U0');
    await assignRole(db, slackUser('U1'), 'gemeente', 'GM0599', 'U0');
    expect(await resolveActor(db, { platform: 'slack', userId: 'U1', groupIds: ['S1'] })).toEqual({
      platform: 'slack',
      userId: 'U1',
      role: 'gemeente',
      municipalityCode: 'GM0599',
      assigned: true,
    });
  });

  it('takes the most entitled of several groups, deterministically', async () => {
    await assignRole(db, slackGroup('S1'), 'gemeente', 'GM0599', 'U0');
    await assignRole(db, slackGroup('S2'), 'politie', null, 'U0');
    await assignRole(db, slackGroup('S3'), 'om', null, 'U0');
    const actor = await resolveActor(db, { platform: 'slack', userId: 'U9', groupIds: ['S1', 'S2', 'S3'] });
    expect(actor.role).toBe('politie');
    const municipal = await resolveActor(db, { platform: 'slack', userId: 'U9', groupIds: ['S1'] });
    expect(municipal).toMatchObject({ role: 'gemeente', municipalityCode: 'GM0599' });
  });

  it('keeps platforms apart', async () => {
    await assignRole(db, { platform: 'discord', kind: 'user', id: '123' }, 'om', null, '1');
    expect((await resolveActor(db, { platform: 'slack', userId: '123', groupIds: [] })).role).toBe('partner');
    expect((await resolveActor(db, { platform: 'discord', userId: '123', groupIds: [] })).role).toBe('om');
  });

  it('replaces an assignment and reports whether it was new', async () => {
    expect(await assignRole(db, slackUser('U1'), 'politie', null, 'U0')).toBe(true);
    expect(await assignRole(db, slackUser('U1'), 'om', null, 'U0')).toBe(false);
    expect((await findRole(db, slackUser('U1')))?.role).toBe('om');
  });

  it('refuses a municipality without role gemeente, and gemeente without one', async () => {
    await expect(assignRole(db, slackUser('U1'), 'politie', 'GM0599', 'U0')).rejects.toThrow();
    await expect(assignRole(db, slackUser('U1'), 'gemeente', null, 'U0')).rejects.toThrow();
  });

  it('removes and lists', async () => {
    await assignRole(db, slackUser('U1'), 'partner', null, 'U0');
    await assignRole(db, slackGroup('S2'), 'politie', null, 'U0');
    await assignRole(db, slackUser('U3'), 'programma', null, 'U0');
    expect((await listRoles(db, 'slack')).map((a) => a.id)).toEqual(['U3', 'S2', 'U1']);
    expect((await removeRole(db, slackGroup('S2')))?.role).toBe('politie');
    expect(await removeRole(db, slackGroup('S2'))).toBeUndefined();
    expect((await listRoles(db, 'slack')).map((a) => a.id)).toEqual(['U3', 'U1']);
  });

  it("fetches a user's own assignment and every group assignment in one go, choosing as resolveActor does", async () => {
    await assignRole(db, slackGroup('S1'), 'om', null, 'U0');
    await assignRole(db, slackGroup('S2'), 'politie', null, 'U0');
    await assignRole(db, slackUser('U2'), 'partner', null, 'U0');
    const none = await assignmentsFor(db, 'slack', 'U1');
    expect(none.own).toBeUndefined();
    expect(none.groups.map((g) => g.id).sort()).toEqual(['S1', 'S2']);
    expect(chooseActor({ platform: 'slack', userId: 'U1' }, none.groups)).toMatchObject({ role: 'politie' });
    expect(chooseActor({ platform: 'slack', userId: 'U1' }, none.groups.filter((g) => g.id === 'S1'))).toMatchObject({ role: 'om' });
    expect((await assignmentsFor(db, 'slack', 'U2')).own).toMatchObject({ role: 'partner' });
  });

  it('seeds the configured admins once, never overriding a later change', async () => {
    expect(await seedAdmins(db, 'slack', ['UADMIN', 'UADMIN', 'UOTHER'])).toBe(2);
    expect((await resolveActor(db, { platform: 'slack', userId: 'UADMIN', groupIds: [] })).role).toBe('programma');
    await assignRole(db, slackUser('UOTHER'), 'politie', null, 'UADMIN');
    expect(await seedAdmins(db, 'slack', ['UADMIN', 'UOTHER'])).toBe(0);
    expect((await findRole(db, slackUser('UOTHER')))?.role).toBe('politie');
    expect((await findRole(db, slackUser('UADMIN')))?.source).toBe('config');
  });
});
