// `/ote herinneringen [interventie]`: what is still to come, for the team and for the office, from the database.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCommandText } from '../../src/commands/dispatch.js';
import { defaultMilestones } from '../../src/domain/fieldlab.js';
import type { Actor } from '../../src/domain/types.js';
import { renderText } from '../../src/platforms/console/render.js';
import { recordCheckIn } from '../../src/store/checkins.js';
import { createIntervention, listInterventions } from '../../src/store/interventions.js';
import { claimMilestonePost, markMilestonePosted } from '../../src/store/milestone-posts.js';
import { openTestDb, type TestDb } from '../support/db.js';
import { testRuntime } from '../support/runtime.js';

const partner: Actor = { platform: 'slack', userId: 'U0PARTNER1', role: 'partner' };
let db: TestDb;
beforeAll(async () => {
  db = await openTestDb('pglite');
});
afterAll(() => db.dispose());

const say = async (text: string, now: string) => renderText(await runCommandText(text, { actor: partner, channel: 'slack:C0ANY0001', now: new Date(now) }, testRuntime(db)));

it('lists the coming reminders, the escalation of a posted one and the end, with their moments and audience', async () => {
  expect(await say('/ote herinneringen', '2025-04-25T10:00:00Z')).toContain('Er staan geen herinneringen of escalaties gepland.');
  const id = await createIntervention(
    db,
    { name: 'Buurtaanpak Noord', description: '', owners: [], channel: 'slack:C0TEAM0001', startDate: '2025-03-24', lengthDays: 100, status: 'actief', milestones: defaultMilestones() },
    'test',
  );
  await createIntervention(
    db,
    { name: 'Stop de knal', description: '', owners: [], channel: 'slack:C0TEAM0002', startDate: '2025-04-07', lengthDays: 100, status: 'actief', milestones: defaultMilestones() },
    'test',
  );
  const [iv] = await listInterventions(db, [id]);
  const [day0, day30] = iv!.milestones;
  await recordCheckIn(db, { milestoneId: day0!.id, status: 'gereed', actor: 'slack:U1', at: new Date('2025-03-24T09:00:00Z') });
  // Day 30's reminder went out on Wednesday 23 April: its escalation is due Friday 25 April, 09:00.
  const key = { milestoneId: day30!.id, kind: 'herinnering' as const, remindAt: new Date('2025-04-23T07:00:00Z') };
  await claimMilestonePost(db, key, 'slack:C0TEAM0001');
  await markMilestonePosted(db, key, 'ts1', new Date('2025-04-23T07:00:00Z'));

  const one = await say('/ote herinneringen Buurtaanpak', '2025-04-24T10:00:00Z');
  expect(one).toContain('Geplande herinneringen: Buurtaanpak Noord');
  const lines = one.split('\n').filter((l) => /^\d+ \w+ 2025/.test(l));
  expect(lines).toEqual([
    expect.stringMatching(/^25 april 2025 09:00\s+escalatie Eerste tussenstand\s+programmabureau$/),
    expect.stringMatching(/^13 mei 2025 09:00\s+herinnering Midterm-evaluatie\s+team$/),
    expect.stringMatching(/^10 juni 2025 09:00\s+herinnering Tweede tussenstand\s+team$/),
    expect.stringMatching(/^23 juni 2025 09:00\s+herinnering Evaluatie voorbereiden\s+team$/),
    expect.stringMatching(/^2 juli 2025 09:00\s+besluitvraag \(einde\)\s+team \+ programmabureau$/),
  ]);
  const all = await say('/ote herinneringen', '2025-04-24T10:00:00Z');
  expect(all).toContain('Stop de knal');
  expect(all).toMatch(/7 mei 2025 09:00\s+herinnering Eerste tussenstand\s+Stop de knal\s+team/);
  expect(await say('/ote herinneringen Atlantis', '2025-04-24T10:00:00Z')).toContain('Atlantis');
});
