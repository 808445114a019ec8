// /ote meldingen, /ote kanaal, /ote herhalingen, and shared (`publiek`) replies written for the channel's
// audience, driven through the text grammar as an adapter does.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCommandText } from '../../src/commands/dispatch.js';
import { renderText } from '../../src/platforms/console/render.js';
import { findAlertSubscription } from '../../src/store/alerts.js';
import { upsertIncidents, type IncidentInput } from '../../src/store/incidents.js';
import { openTestDb, type TestDb } from '../support/db.js';
import { actor, testRuntime } from '../support/runtime.js';

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb('pglite');
});
afterAll(() => db.dispose());
beforeEach(() => db.exec('TRUNCATE alert_incidents, alert_posts, alert_subscriptions, channel_audiences, incidents, incident_history, audit_log CASCADE'));

type Role = Parameters<typeof actor>[0];
const say = async (text: string, channel = 'slack:C1', role: Role = 'programma', municipalityCode?: string) =>
  renderText(await runCommandText(text, { actor: actor(role, municipalityCode), channel }, testRuntime(db)));

const day = (d: number) => new Date(Date.now() - d * 86_400_000);
const row = (reference: string, daysAgo: number, municipalityCode: string, postcode4: string | null): IncidentInput => ({
  reference, occurredAt: day(daysAgo), municipalityCode, target: 'woning', outcome: 'explosie', means: 'vuurwerk', postcode4,
});

describe('/ote meldingen', () => {
  it('switches alerts on for police members and says how', async () => {
    await say('/ote kanaal leden politie');
    const text = await say('/ote meldingen aan Rotterdam');
    expect(text).toContain('Meldingen aan');
    expect(text).toContain('binnen een minuut een melding van elke nieuwe aanslag (Rotterdam)');
    expect(text).not.toContain('geen meldingen');
    expect(await findAlertSubscription(db, 'slack:C1')).toMatchObject({ municipalityCode: 'GM0599', lang: 'nl' });
  });

  it('says no alert will come to a channel with a partner member, naming who', async () => {
    await say('/ote kanaal leden politie,partner');
    const text = await say('/ote meldingen aan');
    expect(text).toContain('er komen hier geen meldingen');
    expect(text).toContain('lid-2 (partner)');
    // Unknown members: a partner is assumed.
    expect(await say('/ote meldingen aan', 'slack:C2')).toContain('een onbekend lid (partner aangenomen)');
  });

  it('tells a municipal channel it gets only its own municipality, and switches off', async () => {
    await say('/ote kanaal leden politie,gemeente:Rotterdam');
    expect(await say('/ote meldingen aan')).toContain('Dit kanaal ziet details van incidenten in Rotterdam');
    expect(await say('/ote meldingen uit')).toContain('Meldingen uit');
    expect(await findAlertSubscription(db, 'slack:C1')).toBeUndefined();
    expect(await say('/ote meldingen')).toContain('Geen meldingen');
  });

  it('is for the programme office and a channel admin only, and answers in English', async () => {
    expect(await say('/ote meldingen aan', 'slack:C1', 'politie')).toMatch(/programmabureau/i);
    const admin = renderText(await runCommandText('/ote meldingen aan --lang en', { actor: { ...actor('partner'), channelAdmin: true }, channel: 'slack:C9' }, testRuntime(db)));
    expect(admin).toContain('Alerts on');
    expect(admin).toContain('no alerts will come here');
  });
});

describe('/ote kanaal', () => {
  it('shows the members, the least-entitled and what the channel sees', async () => {
    const text = await say('/ote kanaal leden politie,gemeente:Rotterdam');
    expect(text).toContain('De leden zijn met de hand ingesteld (2 leden)');
    expect(text).toContain('Minst bevoegd: lid-2 (gemeente (Rotterdam))');
    expect(text).toContain('details van incidenten in Rotterdam');
    expect(text).toContain('Meldingen per aanslag: uit.');
    expect(await say('/ote kanaal leden wis')).toContain('Het platform zegt niet wie hier leest');
  });

  it('refuses a word that is not a role, changing nothing, and lets only the programme office set members', async () => {
    await say('/ote kanaal leden politie');
    expect(await say('/ote kanaal leden politie,burgemeester')).toContain('‘burgemeester’ is geen rol');
    expect(await say('/ote kanaal leden partner', 'slack:C1', 'politie')).toMatch(/niet|programmabureau/i);
    expect(await say('/ote kanaal', 'slack:C1', 'partner')).toContain('alle details van elk incident');
  });
});

describe('shared replies follow the audience', () => {
  it('shows a police officer’s shared incident list only in a channel of police', async () => {
    await upsertIncidents(db, [row('PUB-1', 1, 'GM0599', '3067')], 'api', 'test');
    await say('/ote kanaal leden politie,om', 'slack:CPOL');
    expect(await say('/ote incidenten Rotterdam 7d publiek', 'slack:CPOL', 'politie')).toContain('PUB-1');
    await say('/ote kanaal leden politie,partner', 'slack:CMIX');
    expect(await say('/ote incidenten Rotterdam 7d publiek', 'slack:CMIX', 'politie')).not.toContain('PUB-1');
  });
});

describe('/ote herhalingen', () => {
  beforeEach(async () => {
    await upsertIncidents(db, [row('H-1', 40, 'GM0599', '3067'), row('H-2', 10, 'GM0599', '3067'), row('H-3', 5, 'GM0599', '3068'), row('H-4', 20, 'GM0363', null), row('H-5', 3, 'GM0363', null)], 'api', 'test');
  });

  it('lists the areas for those who may see them', async () => {
    const text = await say('/ote herhalingen 30d', 'console:local', 'politie');
    expect(text).toMatch(/3067\s+Rotterdam\s+1\s+1/);
    expect(text).toMatch(/hele gemeente\s+Amsterdam\s+2\s+1/);
    expect(text).not.toContain('3068');
  });

  it('gives a municipality its own areas and the others as counts under the small-number rule', async () => {
    const text = await say('/ote herhalingen 30d', 'console:local', 'gemeente', 'GM0599');
    expect(text).toContain('3067');
    expect(text).toMatch(/Amsterdam\s+<3/);
    const partner = await say('/ote herhalingen 30d', 'console:local', 'partner');
    expect(partner).not.toContain('3067');
    expect(partner).toMatch(/Rotterdam\s+<3/);
    expect(partner).toContain('<3');
  });

  it('changes when the earlier attack is withdrawn', async () => {
    await db.exec("UPDATE incidents SET status = 'ingetrokken', version = version + 1 WHERE reference = 'H-1'");
    expect(await say('/ote herhalingen Rotterdam 30d', 'console:local', 'politie')).toContain('Geen gebied had in deze periode');
  });
});
