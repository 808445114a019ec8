// Reporting, correcting and withdrawing incidents in chat, as the console and the adapters do, on PGlite.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCommand, runCommandText } from '../../src/commands/dispatch.js';
import type { Role } from '../../src/domain/types.js';
import type { Reply } from '../../src/render/reply.js';
import { countedIncidents, upsertIncidents } from '../../src/store/incidents.js';
import { openTestDb, type TestDb } from '../support/db.js';
import { allText, fact } from '../support/reply.js';
import { plainMentions } from '../../src/render/mention.js';
import { actor, testRuntime } from '../support/runtime.js';

const NOW = new Date('2025-06-30T10:00:00Z');
const LINE = 'ref=PL-100 wanneer=2025-03-01T02:30 gemeente=Den Haag doel=woning resultaat=explosie middel=vuurwerk postcode=2512';
let db: TestDb;

const say = (text: string, role: Role = 'politie', municipalityCode?: string): Promise<Reply> =>
  runCommandText(text, { actor: actor(role, municipalityCode), channel: 'console:test', now: NOW }, testRuntime(db));
const history = (reference: string) =>
  db.query<{ version: number; change: string; reason: string | null }>(
    'SELECT version, change, reason FROM incident_history WHERE reference = $1 ORDER BY version',
    [reference],
  );
const audited = () => db.query<{ actor: string; action: string; subject: string }>('SELECT actor, action, subject FROM audit_log ORDER BY id');

beforeAll(async () => {
  db = await openTestDb('pglite');
});
afterAll(() => db.dispose());
beforeEach(async () => {
  await db.exec('DELETE FROM audit_log; DELETE FROM incident_history; DELETE FROM incidents;');
});

describe('/ote melden', () => {
  it('explains the form when given nothing', async () => {
    const reply = await say('/ote melden');
    expect(reply.title).toBe('Incident melden');
    expect(allText(reply)).toContain('Geen namen, adressen of andere persoonsgegevens');
    expect(allText(reply)).toContain('doel=');
  });

  it('stores a report and shows the stored incident, with its history, audited', async () => {
    const reply = await say(`/ote melden ${LINE}`);
    expect(reply.isError).toBeUndefined();
    expect(reply.title).toBe('Incident gemeld');
    expect(fact(reply, 'Gemeente')).toBe("'s-Gravenhage (GM0518)");
    expect(fact(reply, 'Moment')).toBe('1 maart 2025 02:30');
    expect(fact(reply, 'Postcodegebied')).toBe('2512');
    expect(fact(reply, 'Bron')).toBe('melding in de chat');
    expect(reply.blocks).toContainEqual({ kind: 'buttons', buttons: [{ actionId: 'melden:corrigeren', label: 'Corrigeren', value: 'PL-100' }] });
    expect(await history('PL-100')).toEqual([{ version: 1, change: 'aangemaakt', reason: null }]);
    expect(await audited()).toEqual([{ actor: 'console:test-politie', action: 'incident.aangemaakt', subject: 'PL-100' }]);
  });

  it('corrects by reference, changing only the fields given, and keeps the history', async () => {
    await say(`/ote melden ${LINE}`);
    const same = await say('/ote melden ref=pl-100');
    expect(same.title).toBe('Niets gewijzigd');
    const corrected = await say('/ote melden ref=PL-100 doel=bedrijf', 'programma');
    expect(corrected.title).toBe('Incident gecorrigeerd');
    expect(fact(corrected, 'Doelwit')).toBe('Bedrijfspand');
    expect(fact(corrected, 'Postcodegebied')).toBe('2512');
    expect((await history('PL-100')).map((h) => h.change)).toEqual(['aangemaakt', 'gecorrigeerd']);
    expect((await audited()).map((a) => a.action)).toEqual(['incident.aangemaakt', 'incident.gecorrigeerd']);
  });

  it('leaves an imported incident alone when its correction changes nothing, seconds included', async () => {
    await db.transaction((tx) =>
      upsertIncidents(tx, [{ reference: 'IMP-1', occurredAt: new Date('2025-03-01T01:30:17.250Z'), municipalityCode: 'GM0599', target: 'woning', outcome: 'poging', means: 'onbekend', postcode4: null }], 'import', 'test'),
    );
    expect((await say('/ote melden ref=IMP-1 resultaat=poging')).title).toBe('Niets gewijzigd');
  });

  it('takes the fields as options too, the way a Slack or Discord modal hands them over', async () => {
    const reply = await runCommand(
      'melden',
      { ref: 'PL-200', wanneer: '2025-03-02T03:15', gemeente: 'GM0599', doel: 'voertuig', resultaat: 'poging' },
      { actor: actor('programma'), channel: 'slack:C1', now: NOW },
      testRuntime(db),
    );
    expect(reply.title).toBe('Incident gemeld');
    expect(fact(reply, 'Middel')).toBe('Onbekend');
  });

  it('refuses a bad report with every problem by field, and writes nothing', async () => {
    const reply = await say('/ote melden ref=PL-300 wanneer=2030-01-01T00:00 gemeente=Nergenshuizen resultaat=boem postcode=2512 AB');
    expect(reply.isError).toBe(true);
    const text = allText(reply);
    expect(text).toContain('De melding is niet opgeslagen:');
    expect(text).toContain('• `wanneer`: ligt in de toekomst');
    expect(text).toMatch(/• `gemeente`: onbekende gemeente ‘Nergenshuizen’/);
    expect(text).toContain('• `doel`: onbekend doelwit');
    expect(text).toContain('• `resultaat`: onbekend resultaat');
    expect(text).toContain('• `postcode`: verwacht vier cijfers');
    expect(await countedIncidents(db, new Date('2000-01-01'), new Date('2100-01-01'))).toEqual([]);
    expect(await audited()).toEqual([]);
  });

  it('refuses fields it does not know, such as a name, and text outside the form', async () => {
    expect(allText(await say('/ote melden ref=PL-1 naam=Jan Jansen'))).toContain('Onbekend veld ‘naam’');
    expect(allText(await say('/ote melden PL-1 Den Haag woning'))).toContain('Schrijf het formulier als veld=waarde');
  });

  it('is for the police and the programme office only', async () => {
    for (const role of ['om', 'partner'] as const) expect((await say(`/ote melden ${LINE}`, role)).title).toBe('Geen toegang');
    expect((await say(`/ote melden ${LINE}`, 'gemeente', 'GM0518')).title).toBe('Geen toegang');
  });
});

describe('withdrawing', () => {
  beforeEach(async () => {
    await say(`/ote melden ${LINE}`);
  });

  it('works as /ote incident intrekken and as /ote intrekken, keeping the history and the reason', async () => {
    const reply = await say('/ote incident intrekken PL-100 dubbel gemeld');
    expect(reply.title).toBe('Incident ingetrokken');
    expect(fact(reply, 'Status')).toBe('ingetrokken (telt niet mee)');
    expect(await history('PL-100')).toEqual([
      { version: 1, change: 'aangemaakt', reason: null },
      { version: 2, change: 'ingetrokken', reason: 'dubbel gemeld' },
    ]);
    expect(await countedIncidents(db, new Date('2025-01-01'), new Date('2026-01-01'))).toEqual([]);
    expect(allText(await say('/ote intrekken PL-100 nogmaals', 'programma'))).toContain('is al ingetrokken');
    expect((await audited()).map((a) => a.action)).toEqual(['incident.aangemaakt', 'incident.ingetrokken']);
  });

  it('needs a reason and a known reference', async () => {
    expect(allText(await say('/ote intrekken PL-100'))).toContain('Geef een reden bij het intrekken van ‘PL-100’');
    expect(allText(await say('/ote intrekken'))).toContain('Geef de referentie en de reden');
    expect(allText(await say('/ote intrekken PL-999 typfout'))).toContain('Geen incident ‘PL-999’ gevonden');
  });

  it('is not for a municipality, OM or other partners, whichever form they use', async () => {
    expect((await say('/ote incident intrekken PL-100 weg ermee', 'gemeente', 'GM0518')).title).toBe('Geen toegang');
    expect((await say('/ote incident intrekken PL-100 weg ermee', 'om')).title).toBe('Geen toegang');
    expect((await say('/ote intrekken PL-100 weg ermee', 'partner')).title).toBe('Geen toegang');
    expect(await history('PL-100')).toHaveLength(1);
  });

  it('keeps a withdrawn incident withdrawn when it is reported again', async () => {
    await say('/ote intrekken PL-100 dubbel gemeld');
    const reply = await say(`/ote melden ${LINE.replace('doel=woning', 'doel=bedrijf')}`);
    expect(reply.title).toBe('Incident gecorrigeerd');
    expect(allText(reply)).toContain('is ingetrokken en blijft ingetrokken');
  });
});

describe('/ote incident and /ote audit', () => {
  it('asks for a reference', async () => {
    expect(allText(await say('/ote incident'))).toContain('Geef de referentie van het incident');
    expect(allText(await say('/ote incident A B'))).toContain('Geef één referentie');
  });

  it('shows the programme office the audit trail, never in a channel', async () => {
    await say(`/ote melden ${LINE}`);
    await say('/ote incident PL-100', 'gemeente', 'GM0518');
    const reply = await say('/ote audit', 'programma');
    expect(reply.title).toBe('Audittrail, laatste 7 dagen');
    const text = allText(reply);
    expect(text).toContain('incident aangemaakt');
    expect(text).toContain('incident bekeken');
    const english = allText(await runCommandText('/ote audit --lang en', { actor: actor('programma'), channel: 'console:test', now: NOW }, testRuntime(db)));
    expect(english).toContain('incident created');
    expect(english).toContain('programme office');
    expect(plainMentions(text)).toContain('@test-gemeente (console)');
    expect((await say('/ote audit publiek', 'programma')).isError).toBe(true);
    expect((await say('/ote audit', 'politie')).title).toBe('Geen toegang');
  });
});
