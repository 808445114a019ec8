import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultMilestones, milestoneDueAt } from '../../src/domain/fieldlab.js';
import { milestonesInComingWeek, overdueCheckIns } from '../../src/fieldlab/digest.js';
import { checkInHistory, lastCheckIns, recordCheckIn } from '../../src/store/checkins.js';
import {
  createIntervention,
  dropMilestone,
  findMilestone,
  importInterventions,
  listInterventions,
  moveMilestone,
  updateIntervention,
  type InterventionInput,
} from '../../src/store/interventions.js';
import { listMeasures, measureHistory, updateMeasure } from '../../src/store/measures.js';
import { claimMilestonePost, markMilestonePosted, markMilestonePostFailed, postLog } from '../../src/store/milestone-posts.js';
import { DB_KINDS, openTestDb, type TestDb } from '../support/db.js';

const input = (name: string, overrides: Partial<InterventionInput> = {}): InterventionInput => ({
  name,
  description: 'Proef',
  owners: ['Politie', 'Gemeente Rotterdam'],
  channel: 'slack:C0TEAM0001',
  startDate: '2025-03-24',
  lengthDays: 100,
  status: 'actief',
  milestones: defaultMilestones(),
  ...overrides,
});

describe.each(DB_KINDS)('the Field Lab store on %s', (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(kind);
  });
  afterAll(() => db.dispose());
  beforeEach(async () => {
    await db.exec('DELETE FROM interventions');
  });

  it('creates an intervention with its milestones and refuses a second one by the same name', async () => {
    const id = await createIntervention(db, input('Buurtaanpak'), 'test');
    const [stored] = await listInterventions(db);
    expect(stored).toMatchObject({ id, name: 'Buurtaanpak', owners: ['Politie', 'Gemeente Rotterdam'], startDate: '2025-03-24', status: 'actief' });
    expect(stored!.milestones.map((m) => [m.day, m.kind, m.state])).toEqual([
      [0, 'kickoff', 'open'],
      [30, 'dag30', 'open'],
      [50, 'midterm', 'open'],
      [75, 'dag75', 'open'],
      [90, 'evaluatie-voorbereiden', 'open'],
      [100, 'evaluatie-besluit', 'open'],
    ]);
    await expect(createIntervention(db, input(' buurtaanpak '), 'test')).rejects.toThrow();
  });

  it('moves and drops milestones; a dropped one keeps its check-ins but no longer counts', async () => {
    const id = await createIntervention(db, input('Verplaatsen'), 'test');
    expect(await moveMilestone(db, id, 30, 35)).toBe(true);
    expect(await moveMilestone(db, id, 31, 36)).toBe(false);
    const before = (await listInterventions(db))[0]!.milestones.find((m) => m.day === 75)!;
    await recordCheckIn(db, { milestoneId: before.id, status: 'gereed', actor: 'slack:U1', at: new Date('2025-06-10T08:00:00Z') });
    expect(await dropMilestone(db, id, 75, new Date())).toBe(true);
    const after = (await listInterventions(db))[0]!;
    expect(after.milestones.map((m) => m.day)).toEqual([0, 35, 50, 90, 100]);
    expect(await checkInHistory(db, id)).toHaveLength(1);
    expect((await findMilestone(db, before.id))?.dropped).toBe(true);
  });

  it('records check-ins: later snoozes, gereed answers once, a second answer keeps the first', async () => {
    const id = await createIntervention(db, input('Check-ins'), 'test');
    const milestone = (await listInterventions(db))[0]!.milestones[1]!;
    const snooze = new Date('2025-04-24T07:00:00Z');
    const later = await recordCheckIn(db, { milestoneId: milestone.id, status: 'later', snoozedUntil: snooze, actor: 'slack:U1', at: new Date('2025-04-23T08:00:00Z') });
    expect(later.kind).toBe('recorded');
    expect((await findMilestone(db, milestone.id))!.milestone).toMatchObject({ state: 'open', snoozedUntil: snooze });

    const [first, second] = await Promise.all([
      recordCheckIn(db, { milestoneId: milestone.id, status: 'gereed', actor: 'slack:U1', at: new Date('2025-04-24T08:00:00Z') }),
      recordCheckIn(db, { milestoneId: milestone.id, status: 'knelpunt', note: 'Geen capaciteit', actor: 'slack:U2', at: new Date('2025-04-24T08:00:01Z') }),
    ]);
    const outcomes = [first.kind, second.kind].sort();
    expect(outcomes).toEqual(['already-answered', 'recorded']);
    const state = (await findMilestone(db, milestone.id))!.milestone;
    expect(['gereed', 'knelpunt']).toContain(state.state);
    expect(state.snoozedUntil).toBeNull();
    expect((await checkInHistory(db, id)).map((c) => c.status)).toHaveLength(2);
    expect((await lastCheckIns(db)).get(id)?.status).toBe(state.state);
  });

  it('claims a reminder once: taken over while bezig, skipped once posted; one escalation per milestone', async () => {
    await createIntervention(db, input('Posten'), 'test');
    const milestone = (await listInterventions(db))[0]!.milestones[0]!;
    const key = { milestoneId: milestone.id, kind: 'herinnering' as const, remindAt: milestoneDueAt('2025-03-24', 0) };
    const first = await claimMilestonePost(db, key, 'slack:C0TEAM0001');
    expect(first).toMatchObject({ attempt: 1 });
    // The first attempt's process died; a lookup before posting again searches from the first attempt.
    expect(await claimMilestonePost(db, key, 'slack:C0TEAM0001')).toEqual({ attempt: 2, firstAttemptAt: first!.firstAttemptAt });
    await markMilestonePosted(db, key, 'ts-1', new Date('2025-03-24T08:00:05Z'));
    expect(await claimMilestonePost(db, key, 'slack:C0TEAM0001')).toBeUndefined();

    const escalation = { milestoneId: milestone.id, kind: 'escalatie' as const, remindAt: key.remindAt };
    expect(await claimMilestonePost(db, escalation, 'slack:C0OFFICE01')).toMatchObject({ attempt: 1 });
    await markMilestonePostFailed(db, escalation, 'boom', true, new Date());
    const later = { ...escalation, remindAt: new Date('2025-03-25T08:00:00Z') };
    expect(await claimMilestonePost(db, later, 'slack:C0OFFICE01')).toBeUndefined();
    expect((await postLog(db)).map((e) => [e.kind, e.status])).toEqual(
      expect.arrayContaining([
        ['herinnering', 'geplaatst'],
        ['escalatie', 'mislukt'],
      ]),
    );
  });

  it('imports all or nothing by name; milestones are added or updated by day, never dropped', async () => {
    await importInterventions(db, [input('Een'), input('Twee')], 'test');
    await db.exec(`UPDATE milestones SET state = 'gereed' WHERE day = 0`);
    const summary = await importInterventions(
      db,
      [input('een', { description: 'Nieuw', milestones: [{ day: 45, kind: 'eigen', title: 'Extra' }] }), input('Drie')],
      'test',
    );
    expect(summary).toEqual({ created: 1, updated: 1 });
    const een = (await listInterventions(db)).find((i) => i.name === 'een')!;
    expect(een.description).toBe('Nieuw');
    expect(een.milestones.map((m) => m.day)).toEqual([0, 30, 45, 50, 75, 90, 100]);
    expect(een.milestones[0]!.state).toBe('gereed');

    await expect(importInterventions(db, [input('Vier'), input('Vijf', { channel: 'nergens' })], 'test')).rejects.toThrow();
    expect((await listInterventions(db)).map((i) => i.name)).not.toContain('Vier');
  });

  it('feeds the digest: the coming week, and the check-ins still overdue', async () => {
    const id = await createIntervention(db, input('Digest'), 'test');
    await createIntervention(db, input('Gestopt', { status: 'gestopt' }), 'test');
    // On Wednesday 4 June the coming week holds day 75 (Tuesday 10 June); on 21 May days 0, 30 and 50 are overdue.
    const week = await milestonesInComingWeek(db, new Date('2025-06-04T10:00:00Z'));
    expect(week).toEqual([{ title: 'Tweede tussenstand (dag 75)', dueDay: '2025-06-10', detail: 'Digest' }]);
    const overdue = await overdueCheckIns(db, new Date('2025-05-21T10:00:00Z'));
    expect(overdue.map((o) => o.dueDay)).toEqual(['2025-03-24', '2025-04-23', '2025-05-13']);
    await updateIntervention(db, id, { status: 'gepauzeerd' });
    expect(await overdueCheckIns(db, new Date('2025-05-21T10:00:00Z'))).toEqual([]);
  });

  it('ships the measures of the action plan and records updates', async () => {
    const all = await listMeasures(db);
    expect(all.find((m) => m.code === 'scholen')).toMatchObject({ line: 'preventie', goal: 50, unit: 'scholen', ownerRoles: ['gemeente'] });
    expect(all.find((m) => m.code === 'ajb-workshops')).toMatchObject({ goal: 5000, dueDate: '2025-12-31' });
    expect(all.find((m) => m.code === 'handreiking-f4')).toMatchObject({ line: 'opsporing', ownerRoles: ['om', 'politie'] });
    expect(new Set(all.map((m) => m.line))).toEqual(new Set(['preventie', 'opsporing', 'nazorg', 'kennis', 'communicatie', 'europees']));
    const at = new Date('2025-05-01T10:00:00Z');
    const updated = await updateMeasure(db, { code: 'scholen', progress: 12, note: 'Eerste ronde', actor: 'slack:U9', at });
    expect(updated).toMatchObject({ progress: 12, status: 'lopend', updatedBy: 'slack:U9' });
    expect(await measureHistory(db, 'scholen')).toEqual([{ progress: 12, status: 'lopend', note: 'Eerste ronde', actor: 'slack:U9', at }]);
    expect(await updateMeasure(db, { code: 'bestaat-niet', status: 'gereed', actor: 'x', at })).toBeUndefined();
  });
});
