// Every change leaves one audit line with who, role, platform, action and subject, written with the change:
// roles, subscriptions (also the pause after a permanent posting error), interventions and milestones,
// check-ins and measures. No free text or person in the detail; `/ote audit` shows the lines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate, type MessageKey } from '../../src/i18n/index.js';
import { digestPost } from '../../jobs/digest-post.js';
import { runCommandText, type CommandRuntime } from '../../src/commands/dispatch.js';
import type { Actor } from '../../src/domain/types.js';
import { handleCheckInAction } from '../../src/fieldlab/checkin.js';
import { silentLogger } from '../../src/logger.js';
import { PermanentPostError } from '../../src/platforms/poster.js';
import type { Reply } from '../../src/render/reply.js';
import { listInterventions } from '../../src/store/interventions.js';
import { seedAdmins } from '../../src/store/roles.js';
import { findLiveSubscription } from '../../src/store/subscriptions.js';
import { DB_KINDS, openTestDb, type TestDb } from '../support/db.js';
import { allText } from '../support/reply.js';
import { testMunicipalities, testRuntime } from '../support/runtime.js';

const office: Actor = { platform: 'slack', userId: 'UOFFICE1', role: 'programma' };
const member: Actor = { platform: 'discord', userId: '400000000000000001', role: 'partner', assigned: true };
const NOW = new Date('2025-04-25T10:00:00Z');
const CHANNEL = 'slack:C0DIGEST1';
const TEAM = 'discord:500000000000000001';

interface Line {
  actor: string;
  role: string | null;
  platform: string;
  action: string;
  subject: string;
  detail: Record<string, unknown>;
}

describe.each(DB_KINDS)('the audit trail of changes on %s', (kind) => {
  let db: TestDb;
  let runtime: CommandRuntime;
  let seen = 0;
  /** The lines written since the previous call. */
  const lines = async (): Promise<Line[]> => {
    const rows = await db.query<Line & { id: number }>('SELECT id, actor, role, platform, action, subject, detail FROM audit_log WHERE id > $1 ORDER BY id', [seen]);
    seen = Math.max(seen, ...rows.map((r) => Number(r.id)));
    return rows.map(({ id: _, ...line }) => line);
  };
  const say = async (text: string, options: { actor?: Actor; channel?: string; now?: Date } = {}): Promise<Reply> => {
    const reply = await runCommandText(text, { actor: options.actor ?? office, channel: options.channel ?? CHANNEL, now: options.now ?? NOW }, runtime);
    expect(reply.isError, `${text}: ${allText(reply)}`).toBeUndefined();
    return reply;
  };
  const byOffice = { actor: 'slack:UOFFICE1', role: 'programma', platform: 'slack' };

  beforeAll(async () => {
    db = await openTestDb(kind);
    runtime = { ...testRuntime(db), services: { enqueue: async () => undefined } };
  });
  afterAll(() => db.dispose());

  it('records role changes, and nothing for a refused or empty one', async () => {
    await say('/ote rol toewijzen U0POLICE01 politie');
    await say('/ote rol toewijzen U0POLICE01 gemeente Rotterdam');
    await say('/ote rol intrekken U0POLICE01');
    await say('/ote rol intrekken U0POLICE01');
    expect((await runCommandText('/ote rol toewijzen U0POLICE01', { actor: office, channel: CHANNEL, now: NOW }, runtime)).isError).toBe(true);
    const subject = 'slack:gebruiker:U0POLICE01';
    expect(await lines()).toEqual([
      { ...byOffice, action: 'rol.toegewezen', subject, detail: { rol: 'politie', gemeente: null, vorigeRol: null } },
      { ...byOffice, action: 'rol.toegewezen', subject, detail: { rol: 'gemeente', gemeente: 'GM0599', vorigeRol: 'politie' } },
      { ...byOffice, action: 'rol.ingetrokken', subject, detail: { rol: 'gemeente', gemeente: 'GM0599' } },
    ]);
    expect(await seedAdmins(db, 'discord', ['300000000000000001'])).toBe(1);
    expect(await seedAdmins(db, 'discord', ['300000000000000001'])).toBe(0);
    expect(await lines()).toEqual([
      { actor: 'systeem', role: null, platform: 'discord', action: 'rol.toegewezen', subject: 'discord:gebruiker:300000000000000001', detail: { rol: 'programma', gemeente: null, vorigeRol: null, bron: 'config' } },
    ]);
  });

  it('records subscribing, changing, the pause after a permanent error, resuming and cancelling', async () => {
    await say('/ote abonneer 08:30 Rotterdam');
    await say('/ote abonneer 09:00');
    const subscription = (await findLiveSubscription(db, CHANNEL))!;
    expect(await lines()).toEqual([
      { ...byOffice, action: 'abonnement.aangemaakt', subject: CHANNEL, detail: { id: subscription.id, tijd: '08:30', dagen: '1,2,3,4,5', gemeente: 'GM0599', taal: 'nl' } },
      { ...byOffice, action: 'abonnement.gewijzigd', subject: CHANNEL, detail: { id: subscription.id, tijd: '09:00', dagen: '1,2,3,4,5', gemeente: 'GM0599', taal: 'nl' } },
    ]);

    const friday = new Date('2025-04-25T07:30:00Z');
    await digestPost.process(
      { subscriptionId: subscription.id, localDate: '2025-04-25' },
      {
        services: {
          db, municipalities: testMunicipalities(), logger: silentLogger, enqueue: async () => undefined, now: () => friday,
          posters: { slack: { platform: 'slack', post: async () => { throw new PermanentPostError('channel gone', 'channel_not_found'); } } },
          buildDigest: async () => ({ title: 'Overzicht', blocks: [], visibility: 'channel' }),
        },
        logger: silentLogger, jobId: 'digest-test', attempt: 1, maxAttempts: 6,
      },
    );
    expect((await findLiveSubscription(db, CHANNEL))?.status).toBe('gepauzeerd');
    expect(await lines()).toEqual([
      { actor: 'systeem', role: null, platform: 'slack', action: 'abonnement.gepauzeerd', subject: CHANNEL, detail: { id: subscription.id, reden: 'channel_not_found', datum: '2025-04-25' } },
    ]);

    await say('/ote abonneer 09:00');
    await say('/ote opzeggen');
    await say('/ote opzeggen');
    expect((await lines()).map((l) => [l.action, l.subject, l.platform])).toEqual([
      ['abonnement.hervat', CHANNEL, 'slack'],
      ['abonnement.opgezegd', CHANNEL, 'slack'],
    ]);
  });

  it('records interventions and their milestones, by the office and by the team from its channel', async () => {
    const name = 'Buurtaanpak Noord';
    await say(`/ote interventie nieuw ${name} kanaal=${TEAM} start=2025-03-24 eigenaren=Politie omschrijving=Met Jan Jansen`);
    const id = (await listInterventions(db)).find((i) => i.name === name)!.id;
    expect(await lines()).toEqual([
      { ...byOffice, action: 'interventie.aangemaakt', subject: name, detail: { id, kanaal: TEAM, start: '2025-03-24', duur: 100, mijlpalen: 6 } },
    ]);

    await say(`/ote interventie wijzig ${name} start=2025-03-25 omschrijving=Nu met Piet Pietersen`);
    await say(`/ote interventie wijzig ${name} mijlpaal=45 Overleg met Piet verplaats=30>35 schrap=75`, { actor: member, channel: TEAM });
    const byTeam = { actor: `discord:${member.userId}`, role: 'partner', platform: 'discord' };
    expect(await lines()).toEqual([
      { ...byOffice, action: 'interventie.gewijzigd', subject: name, detail: { id, velden: 'start,omschrijving', start: '2025-03-25' } },
      { ...byTeam, action: 'mijlpaal.geschrapt', subject: name, detail: { interventie: id, dag: 75 } },
      { ...byTeam, action: 'mijlpaal.verplaatst', subject: name, detail: { interventie: id, van: 30, naar: 35 } },
      { ...byTeam, action: 'mijlpaal.toegevoegd', subject: name, detail: { interventie: id, dag: 45 } },
    ]);

    const milestone = (await listInterventions(db, [id]))[0]!.milestones.find((m) => m.day === 0)!;
    const press = (actionId: string, note?: string) =>
      handleCheckInAction({ actionId, value: String(milestone.id), actor: member, channel: TEAM, ...(note ? { note } : {}) }, { db, now: NOW });
    await press('checkin:later-dag');
    await press('checkin:knelpunt', 'Jan Jansen is ziek');
    await press('checkin:gereed');
    const checkIns = await lines();
    expect(checkIns.map((l) => [l.action, l.subject, l.actor, l.platform])).toEqual([
      ['mijlpaal.checkin-later', name, byTeam.actor, 'discord'],
      ['mijlpaal.checkin-knelpunt', name, byTeam.actor, 'discord'],
    ]);
    expect(checkIns[0]!.detail).toEqual({ interventie: id, mijlpaal: milestone.id, dag: 0, tot: '2025-04-28T07:00:00.000Z', notitie: false });
    expect(checkIns[1]!.detail).toEqual({ interventie: id, mijlpaal: milestone.id, dag: 0, notitie: true });

    await say(`/ote interventie stop ${name} besluit=doorgezet`);
    await say(`/ote interventie stop ${name} besluit=doorgezet`);
    expect(await lines()).toEqual([{ ...byOffice, action: 'interventie.beeindigd', subject: name, detail: { id, besluit: 'doorgezet' } }]);
    const everything = JSON.stringify(await db.query('SELECT subject, detail FROM audit_log'));
    for (const text of ['Jan Jansen', 'Piet', 'Overleg met']) expect(everything).not.toContain(text);
  });

  it('records measure updates, without the note', async () => {
    await say('/ote maatregel bijwerken scholen voortgang=12 status=lopend notitie=Gesprek met Jan Jansen');
    expect(await lines()).toEqual([
      { ...byOffice, action: 'maatregel.bijgewerkt', subject: 'scholen', detail: { voortgang: 12, status: 'lopend', notitie: true } },
    ]);
  });

  it('shows every kind of change in /ote audit', async () => {
    // The trail is stamped by the database clock, so ask as of now.
    const reply = await say('/ote audit', { now: new Date() });
    const table = reply.blocks.find((b) => b.kind === 'table');
    const actions = table?.kind === 'table' ? table.rows.map((r) => r[0]) : [];
    for (const action of [
      'rol.toegewezen', 'rol.ingetrokken', 'abonnement.aangemaakt', 'abonnement.gewijzigd', 'abonnement.gepauzeerd', 'abonnement.hervat',
      'abonnement.opgezegd', 'interventie.aangemaakt', 'interventie.gewijzigd', 'interventie.beeindigd', 'mijlpaal.toegevoegd',
      'mijlpaal.verplaatst', 'mijlpaal.geschrapt', 'mijlpaal.checkin-later', 'mijlpaal.checkin-knelpunt', 'maatregel.bijgewerkt',
    ]) {
      expect(actions).toContain(translate('nl', `auditAction.${action}` as MessageKey));
    }
    expect(allText(reply)).toContain('maatregel bijgewerkt');
  });
});
