// The Field Lab part of the digest: the coming week's milestones every day, the overdue check-ins on
// Fridays (Amsterdam), the same in posted digests, `/ote digest` and `ote digest`; nothing without interventions.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { digestPost } from '../../jobs/digest-post.js';
import { runCommandText } from '../../src/commands/dispatch.js';
import { buildDigest, isLocalFriday } from '../../src/digest/build.js';
import { defaultMilestones } from '../../src/domain/fieldlab.js';
import { silentLogger } from '../../src/logger.js';
import type { Poster } from '../../src/platforms/poster.js';
import type { JobServices } from '../../src/queue/job.js';
import type { Reply } from '../../src/render/reply.js';
import { recordCheckIn } from '../../src/store/checkins.js';
import { declareCoverage } from '../../src/store/coverage.js';
import { createIntervention, listInterventions } from '../../src/store/interventions.js';
import { subscribe } from '../../src/store/subscriptions.js';
import { openTestDb, type TestDb } from '../support/db.js';
import { allText } from '../support/reply.js';
import { actor, testMunicipalities, testRuntime } from '../support/runtime.js';

// Start Monday 24 March 2025: day 0 is 24 March, day 30 Wednesday 23 April, day 50 Tuesday 13 May.
const FRIDAY = new Date('2025-05-09T06:00:00Z'); // Friday 9 May, 08:00 in Amsterdam
const THURSDAY = new Date('2025-05-08T06:00:00Z');
const MILESTONES = 'Mijlpalen komende week';
const CHECK_INS = 'Achterstallige check-ins';

let db: TestDb;
const digest = (at: Date, lang: 'nl' | 'en' = 'nl') => buildDigest(db, testMunicipalities(), { at, lang });
const table = (reply: Reply, title: string) => reply.blocks.find((b) => b.kind === 'table' && b.title === title);
const rows = (reply: Reply, title: string) => {
  const found = table(reply, title);
  return found?.kind === 'table' ? found.rows : undefined;
};

async function addIntervention(name: string, status: 'actief' | 'gestopt' = 'actief'): Promise<number> {
  return createIntervention(
    db,
    { name, description: 'Proef met Jan Jansen', owners: ['Politie'], channel: 'slack:C0TEAM0001', startDate: '2025-03-24', lengthDays: 100, status, milestones: defaultMilestones() },
    'slack:UOFFICE1',
  );
}

beforeAll(async () => {
  db = await openTestDb('pglite');
  // A register known to be complete through the digests' days, so the digest has target progress and its chart.
  await declareCoverage(db, { from: new Date('2023-12-31T23:00:00Z'), to: FRIDAY }, 'import', 'test');
});
afterAll(() => db.dispose());
beforeEach(async () => {
  await db.exec('DELETE FROM digest_posts; DELETE FROM subscriptions; DELETE FROM interventions;');
});

describe('the digest lists Field Lab milestones', () => {
  it('knows Friday by the Amsterdam calendar', () => {
    expect(isLocalFriday(FRIDAY)).toBe(true);
    expect(isLocalFriday(THURSDAY)).toBe(false);
    expect(isLocalFriday(new Date('2025-05-08T22:30:00Z'))).toBe(true); // Friday 00:30 in Amsterdam
    expect(isLocalFriday(new Date('2025-05-09T22:30:00Z'))).toBe(false); // Saturday 00:30
  });

  it('adds nothing, not even a heading, without interventions', async () => {
    const text = allText(await digest(FRIDAY));
    expect(text).not.toContain(MILESTONES);
    expect(text).not.toContain(CHECK_INS);
  });

  it('on a Friday lists the coming week and the overdue milestones', async () => {
    await addIntervention('Buurtaanpak Noord');
    const reply = await digest(FRIDAY);
    expect(rows(reply, MILESTONES)).toEqual([['13 mei 2025', 'Midterm-evaluatie (dag 50)', 'Buurtaanpak Noord']]);
    expect(rows(reply, CHECK_INS)).toEqual([
      ['24 maart 2025', 'Kick-off (dag 0)', 'Buurtaanpak Noord'],
      ['23 april 2025', 'Eerste tussenstand (dag 30)', 'Buurtaanpak Noord'],
    ]);
    // The milestones come after the figures and before the chart.
    const kinds = reply.blocks.map((b) => (b.kind === 'table' ? (b.title ?? '') : b.kind));
    expect(kinds.indexOf(MILESTONES)).toBeLessThan(kinds.indexOf('chart'));
  });

  it('on another weekday lists only the coming week', async () => {
    await addIntervention('Buurtaanpak Noord');
    const reply = await digest(THURSDAY);
    expect(rows(reply, MILESTONES)).toEqual([['13 mei 2025', 'Midterm-evaluatie (dag 50)', 'Buurtaanpak Noord']]);
    expect(table(reply, CHECK_INS)).toBeUndefined();
  });

  it('leaves out answered milestones and stopped interventions, and names no person', async () => {
    await addIntervention('Buurtaanpak Noord');
    await addIntervention('Gestopt project', 'gestopt');
    const [noord] = (await listInterventions(db)).filter((i) => i.name === 'Buurtaanpak Noord');
    const kickoff = noord!.milestones.find((m) => m.day === 0)!;
    await recordCheckIn(db, { milestoneId: kickoff.id, status: 'knelpunt', note: 'Jan Jansen is ziek', actor: 'slack:UTEAM0042', at: new Date('2025-03-25T09:00:00Z') });
    const reply = await digest(FRIDAY);
    expect(rows(reply, CHECK_INS)).toEqual([['23 april 2025', 'Eerste tussenstand (dag 30)', 'Buurtaanpak Noord']]);
    const text = allText(reply);
    expect(text).not.toContain('Gestopt project');
    for (const personal of ['Jan Jansen', 'UTEAM0042', 'UOFFICE1', 'C0TEAM0001']) expect(text).not.toContain(personal);
  });

  it('speaks English with --lang en', async () => {
    await addIntervention('Buurtaanpak Noord');
    const reply = await digest(FRIDAY, 'en');
    expect(rows(reply, 'Milestones in the coming week')).toHaveLength(1);
    expect(rows(reply, 'Overdue check-ins')).toHaveLength(2);
  });

  it('is the same in /ote digest', async () => {
    await addIntervention('Buurtaanpak Noord');
    const say = (now: Date) => runCommandText('/ote digest', { actor: actor('partner'), channel: 'slack:C0DIGEST1', now }, testRuntime(db));
    const friday = await say(FRIDAY);
    expect(rows(friday, MILESTONES)).toHaveLength(1);
    expect(rows(friday, CHECK_INS)).toHaveLength(2);
    expect(table(await say(THURSDAY), CHECK_INS)).toBeUndefined();
  });

  it('is the same in a posted digest', async () => {
    await addIntervention('Buurtaanpak Noord');
    const { subscription } = await subscribe(db, { channel: 'slack:C0DIGEST1', postMinute: 480, municipalityCode: null, weekdays: [1, 2, 3, 4, 5], lang: 'nl', createdBy: 'test' });
    const posted: Reply[] = [];
    const slack: Poster = { platform: 'slack', post: async (_channel, reply) => (posted.push(reply), { messageId: 'm1' }) };
    const services: JobServices = {
      db, municipalities: testMunicipalities(), logger: silentLogger, posters: { slack }, buildDigest,
      enqueue: async () => undefined, now: () => FRIDAY,
    };
    await digestPost.process({ subscriptionId: subscription.id, localDate: '2025-05-09' }, { services, logger: silentLogger, jobId: 'j1', attempt: 1, maxAttempts: 6 });
    expect(posted).toHaveLength(1);
    expect(rows(posted[0]!, MILESTONES)).toHaveLength(1);
    expect(rows(posted[0]!, CHECK_INS)).toHaveLength(2);
  });
});
