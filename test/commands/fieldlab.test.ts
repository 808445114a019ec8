// The Field Lab and action-plan commands as an adapter drives them, with the check-in handler in between.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommandText, type CommandRuntime } from '../../src/commands/dispatch.js';
import type { Actor } from '../../src/domain/types.js';
import { handleCheckInAction } from '../../src/fieldlab/checkin.js';
import { renderText } from '../../src/platforms/console/render.js';
import { translator } from '../../src/i18n/index.js';
import { renderSlack } from '../../src/platforms/slack/render.js';
import type { Reply } from '../../src/render/reply.js';
import { listInterventions } from '../../src/store/interventions.js';
import { openTestDb, type TestDb } from '../support/db.js';
import { testRuntime } from '../support/runtime.js';

const office: Actor = { platform: 'slack', userId: 'UOFFICE1', role: 'programma' };
// A team member: in the team channel with an assigned partner role.
const member: Actor = { platform: 'slack', userId: 'UTEAM01', role: 'partner', assigned: true };
const TEAM = 'slack:C0TEAM0001';
const at = (iso: string) => new Date(iso);

describe('Field Lab commands', () => {
  let db: TestDb;
  let runtime: CommandRuntime;
  const enqueued: { name: string; data: unknown }[] = [];
  const say = async (text: string, options: { actor?: Actor; channel?: string; now?: string } = {}) => {
    const reply = await runCommandText(text, { actor: options.actor ?? office, channel: options.channel ?? 'slack:C0OFFICE1', now: at(options.now ?? '2025-04-25T10:00:00Z') }, runtime);
    return { reply, text: renderText(reply) };
  };
  const press = async (actionId: string, day: number, options: { note?: string; now?: string; name?: string; actor?: Actor; channel?: string } = {}): Promise<Reply> => {
    const intervention = (await listInterventions(db)).find((i) => i.name === (options.name ?? 'Buurtaanpak Noord'))!;
    const milestone = intervention.milestones.find((m) => m.day === day)!;
    return handleCheckInAction(
      { actionId, value: String(milestone.id), actor: options.actor ?? member, note: options.note, channel: options.channel ?? intervention.channel },
      { db, now: at(options.now ?? '2025-04-25T10:00:00Z'), enqueue: async (name, data) => void enqueued.push({ name, data }) },
    );
  };

  beforeAll(async () => {
    db = await openTestDb('pglite');
    runtime = { ...testRuntime(db), services: { enqueue: async (name, data) => void enqueued.push({ name, data }) } };
  });
  afterAll(() => db.dispose());

  it('says there are no interventions yet', async () => {
    expect((await say('/ote fieldlab')).text).toContain('Er zijn nog geen interventies vastgelegd');
  });

  it('lets only the programme office add an intervention', async () => {
    const { reply, text } = await say('/ote interventie nieuw naam=Proef kanaal=slack:C0TEAM0009 start=2025-03-24', { actor: member });
    expect(reply).toMatchObject({ isError: true, title: 'Geen toegang' });
    expect(text).toContain('U heeft de rol partner; /ote interventie nieuw is voorbehouden aan: programmabureau.');
  });

  it('adds an intervention with the standard milestones and asks the queue to plan its reminders', async () => {
    const { reply, text } = await say('/ote interventie nieuw Buurtaanpak Noord kanaal=<#C0TEAM0001|team-noord> start=2025-03-24 eigenaren=Politie, Gemeente Rotterdam omschrijving=Wijkteams na een aanslag');
    expect(reply.isError).toBeUndefined();
    expect(text).toContain('Buurtaanpak Noord start op 24 maart 2025 en loopt 100 dagen, met 6 mijlpalen; herinneringen gaan naar #C0TEAM0001 (Slack).');
    const [stored] = await listInterventions(db);
    expect(stored).toMatchObject({ channel: TEAM, owners: ['Politie', 'Gemeente Rotterdam'], description: 'Wijkteams na een aanslag' });
    expect(enqueued.at(-1)).toEqual({ name: 'reminder-reconcile', data: { interventionId: stored!.id } });
  });

  it('names every bad field at once', async () => {
    const { reply, text } = await say('/ote interventie nieuw naam=Tweede kanaal=telefoon start=2025-02-30 duur=0');
    expect(reply.isError).toBe(true);
    expect(text).toContain('kanaal: geef een Slack-kanaal');
    expect(text).toContain('start: geef een datum als 2025-04-07');
    expect(text).toContain('duur: geef een aantal dagen van 1 tot en met 365');
    expect((await say('/ote interventie nieuw naam=Buurtaanpak noord kanaal=slack:C0TEAM0002 start=2025-03-24')).text).toContain('er is al een interventie met die naam');
    expect((await say('/ote interventie nieuw naam=X kleur=rood')).text).toContain('Onbekend veld kleur.');
  });

  it('shows day X of 100, the next milestone and the overdue ones', async () => {
    const { text } = await say('/ote fieldlab');
    expect(text).toMatch(/Buurtaanpak Noord\s+dag 32 van 100\s+Kick-off \(24 maart 2025\)\s+nog geen\s+actief ⏰ 2 achterstallig/);
    const detail = (await say('/ote interventie buurtaanpak')).text;
    expect(detail).toContain('Looptijd           24 maart 2025 t/m 2 juli 2025');
    expect(detail).toMatch(/ 30 +Eerste tussenstand +23 april 2025 +⏰ achterstallig/);
    expect(detail).toMatch(/ 75 +Tweede tussenstand +10 juni 2025 +gepland/); // Whit Monday moves it to Tuesday
    expect(detail).toContain('Nog geen check-ins.');
  });

  it('records check-ins from the reminder buttons, and the first answer stands', async () => {
    // Someone in the channel without a partner role, or pressing from elsewhere, may not answer for the team.
    const stranger: Actor = { platform: 'slack', userId: 'UNOBODY1', role: 'partner' };
    const refused = await press('checkin:gereed', 0, { actor: stranger });
    expect(refused.isError).toBe(true);
    expect(refused.visibility).toBe('ephemeral');
    expect(renderText(refused)).toContain('Alleen het team van Buurtaanpak Noord (leden van #C0TEAM0001 (Slack) met een partnerrol) en het programmabureau');
    expect((await press('checkin:gereed', 0, { channel: 'slack:C0ELDERS1' })).isError).toBe(true);
    expect(renderText(await press('checkin:gereed', 0))).toContain('✅ @UTEAM01 (Slack) meldt Kick-off van Buurtaanpak Noord als gereed.');
    expect(renderText(await press('checkin:later-dag', 30))).toContain('een nieuwe herinnering volgt op 28 april 2025 09:00'); // Friday → Monday
    const asked = await press('checkin:knelpunt', 50);
    expect(asked.isError).toBe(true);
    expect(renderText(asked)).toContain('Beschrijf het knelpunt kort');
    expect(renderText(await press('checkin:knelpunt', 50, { note: '  Geen locatie\nvoor de sketch ' }))).toContain('knelpunt bij Midterm-evaluatie van Buurtaanpak Noord: Geen locatie voor de sketch');
    const again = await press('checkin:gereed', 0);
    expect(again.isError).toBeUndefined();
    expect(renderText(again)).toContain('is al als gereed gemeld door @UTEAM01 (Slack)');
    expect(enqueued.filter((e) => e.name === 'reminder-reconcile')).toHaveLength(4);

    const detail = (await say('/ote interventie Buurtaanpak Noord', { now: '2025-04-25T12:00:00Z' })).text;
    expect(detail).toMatch(/ 30 +Eerste tussenstand +23 april 2025 +uitgesteld tot 28 april 2025 09:00/);
    expect(detail).toContain('· Midterm-evaluatie · @UTEAM01 (Slack): knelpunt — Geen locatie voor de sketch');
    expect((await say('/ote fieldlab')).text).toMatch(/actief ⚠️ knelpunt/);
  });

  it('lets the team change its milestones from its own channel, and only those', async () => {
    let result = await say('/ote interventie wijzig Buurtaanpak Noord mijlpaal=45 Extra overleg', { actor: member, channel: TEAM });
    expect(result.text).toContain('mijlpaal op dag 45 toegevoegd (Extra overleg)');
    result = await say('/ote interventie wijzig Buurtaanpak Noord schrap=45', { actor: member, channel: 'slack:C0ELDERS1' });
    const refused = 'U heeft de rol partner; /ote interventie wijzig is voorbehouden aan: programmabureau, het team (alleen mijlpalen, vanuit zijn eigen teamkanaal).';
    expect(result.text).toContain(refused);
    result = await say('/ote interventie wijzig Buurtaanpak Noord status=gepauzeerd', { actor: member, channel: TEAM });
    expect(result.text).toContain(refused);
    result = await say('/ote interventie wijzig Buurtaanpak Noord verplaats=90>95 schrap=45', { actor: member, channel: TEAM });
    expect(result.text).toContain('mijlpaal op dag 45 geschrapt; mijlpaal van dag 90 naar dag 95 verplaatst');
    expect((await listInterventions(db))[0]!.milestones.map((m) => m.day)).toEqual([0, 30, 50, 75, 95, 100]);
  });

  it('refuses milestone changes that do not fit', async () => {
    expect((await say('/ote interventie wijzig Buurtaanpak Noord verplaats=30>50')).text).toContain('op dag 50 staat al een mijlpaal');
    expect((await say('/ote interventie wijzig Buurtaanpak Noord verplaats=0>5')).text).toContain('op dag 0 staat geen open mijlpaal');
    expect((await say('/ote interventie wijzig Buurtaanpak Noord duur=60')).text).toContain('de mijlpaal op dag 75 valt buiten een duur van 60 dagen');
    expect((await say('/ote interventie wijzig Buurtaanpak Noord mijlpaal=45')).text).toContain('geef de dag en een titel');
  });

  it('stops an intervention, which ends its reminders and flags', async () => {
    const { text } = await say('/ote interventie stop Buurtaanpak Noord besluit=aangepast');
    expect(text).toContain('Buurtaanpak Noord heeft nu de status aangepast; de openstaande herinneringen zijn geannuleerd.');
    expect((await say('/ote fieldlab')).text).toMatch(/Buurtaanpak Noord\s+–\s+–\s+knelpunt, 25 april 2025\s+aangepast \(25 april 2025\)\s*$/m);
    const late = await press('checkin:gereed', 75);
    expect(renderText(late)).toContain('is aangepast; voor Tweede tussenstand is geen check-in meer nodig');
  });

  it('reads a name that begins with an action word as a name', async () => {
    await say('/ote interventie nieuw naam=Stop de knal kanaal=discord:123456789012345678 start=2025-04-07');
    expect((await say('/ote interventie Stop de knal')).reply.title).toBe('Interventie: Stop de knal');
    expect((await say('/ote interventie knal --lang en')).text).toContain('Kick-off');
  });

  it('sets the language and the roles that may answer for the team, and names a bad value', async () => {
    expect((await say('/ote interventie wijzig Stop de knal taal=en team=politie, gemeente')).text).toContain('Interventie gewijzigd');
    const detail = (await say('/ote interventie Stop de knal')).text;
    expect(detail).toMatch(/Taal\s+Engels/);
    expect(detail).toMatch(/Team\s+leden van het teamkanaal met een partnerrol, of de rollen politie, gemeente/);
    expect(detail).toMatch(/Teamkanaal\s+#123456789012345678 \(Discord\)/);
    const bad = await say('/ote interventie wijzig Stop de knal taal=fr team=buren');
    expect(bad.text).toContain('taal: kies nl of en');
    expect(bad.text).toContain('team: geef rollen uit politie, om, gemeente, programma, partner');
    // A member with the role politie may answer from the team channel, even without an own assignment.
    const police: Actor = { platform: 'discord', userId: '123', role: 'politie' };
    const reply = await press('checkin:gereed', 0, { name: 'Stop de knal', actor: police, now: '2025-04-07T10:00:00Z' });
    // Its language is English now: so is the answer for the team.
    expect(renderText(reply)).toContain('✅ @123 (Discord) reports Kick-off of Stop de knal as done.');
  });

  it('says without a queue that the reminders follow at the next reconcile', async () => {
    const bare = testRuntime(db);
    const reply = await runCommandText('/ote interventie wijzig Stop de knal omschrijving=Campagne', { actor: office, channel: 'console:local' }, bare);
    expect(renderText(reply)).toContain('de herinneringen worden bij de volgende afstemming (elk uur) bijgewerkt');
  });
});

describe('action plan commands', () => {
  let db: TestDb;
  const say = async (text: string, actor: Actor = member) =>
    renderText(await runCommandText(text, { actor, channel: 'slack:C1', now: at('2025-05-01T10:00:00Z') }, testRuntime(db)));

  beforeAll(async () => {
    db = await openTestDb('pglite');
  });
  afterAll(() => db.dispose());

  it('lists the measures per line of work, or one line', async () => {
    const all = await say('/ote maatregelen');
    for (const line of ['Preventie', 'Opsporing en vervolging', 'Nazorg en lokale aanpak', 'Kennis en onderzoek', 'Communicatie', 'Europese aanpak illegaal vuurwerk']) expect(all).toContain(line);
    expect(all).toMatch(/Schoolbezoeken in kwetsbare wijken \(scholen\)\s+0 van 50 scholen \(0,0%\)/);
    expect(all).toMatch(/\(ajb-workshops\)\s+0 van 5\.000 deelnemers \(0,0%\)\s+31 december 2025\s+lopend/);
    const one = await say('/ote maatregelen opsporing');
    expect(one).toContain('Handreiking handhaving F4-vuurwerk (handreiking-f4)');
    expect(one).not.toContain('scholen');
  });

  it('shows one measure and lets its owner update it', async () => {
    const municipality: Actor = { platform: 'slack', userId: 'UGEM1', role: 'gemeente', municipalityCode: 'GM0599' };
    expect(await say('/ote maatregel school')).toContain('Jongerenwerk op Zuid (JOZ) en lokale jeugdwerkers');
    expect(await say('/ote maatregel bijwerken scholen voortgang=12', { platform: 'slack', userId: 'UPOL1', role: 'politie' })).toContain(
      'U heeft de rol Politie; /ote maatregel bijwerken is voorbehouden aan: programmabureau, gemeente.',
    );
    expect(await say('/ote maatregel bijwerken scholen voortgang=12 notitie=Eerste ronde Rotterdam', municipality)).toContain(
      'Schoolbezoeken in kwetsbare wijken: voortgang 12 van 50 scholen (24,0%), status lopend.',
    );
    expect(await say('/ote maatregel bijwerken ajb-workshops voortgang=1.250', office)).toContain('1.250 van 5.000 deelnemers (25,0%)');
    const detail = await say('/ote maatregel scholen');
    expect(detail).toMatch(/@UGEM1 \(Slack\)\s+12\s+lopend\s+Eerste ronde Rotterdam/);
    const shown = await runCommandText('/ote maatregel scholen', { actor: member, channel: 'slack:C1', now: at('2025-05-01T10:00:00Z') }, testRuntime(db));
    const slackText = JSON.stringify(renderSlack(shown, { t: translator('nl') }).blocks);
    expect(slackText).toContain('<@UGEM1>');
    expect(slackText).not.toContain('UGEM1 (Slack)');
  });

  it('refuses what does not fit', async () => {
    expect(await say('/ote maatregel bijwerken handreiking-f4 voortgang=3', office)).toContain('deze maatregel heeft geen getalsdoel');
    expect(await say('/ote maatregel bijwerken handreiking-f4 status=klaar', office)).toContain('kies uit gepland, lopend, vertraagd, gereed, gestopt');
    expect(await say('/ote maatregel workshops')).toContain('Meerdere maatregelen passen bij ‘workshops’');
    expect(await say('/ote maatregel raketten')).toContain('Geen maatregel gevonden');
    expect(await say('/ote maatregelen lijn9')).toContain('lijn9');
  });
});
