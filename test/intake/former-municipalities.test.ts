// A police export spanning the mergers: Weesp, Uden, Brielle by name or code in every intake path, counted
// in today's municipality, with the name kept as written, and explained in lookups.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommandText } from '../../src/commands/dispatch.js';
import type { Role } from '../../src/domain/types.js';
import { validateIngestBody } from '../../src/http/ingest-schema.js';
import { readIncidentCsv } from '../../src/import/incident-csv.js';
import { recordIncidents } from '../../src/intake/record.js';
import { upsertIncidents } from '../../src/store/incidents.js';
import { openTestDb, type TestDb } from '../support/db.js';
import { allText, fact } from '../support/reply.js';
import { actor, testMunicipalities, testRuntime } from '../support/runtime.js';

const NOW = new Date('2025-06-30T10:00:00Z');
const WHO = { actor: 'api:test/token-1', role: null, platform: 'api' };
let db: TestDb;
const say = (text: string, role: Role = 'politie') => runCommandText(text, { actor: actor(role), channel: 'console:test', now: NOW }, testRuntime(db));

beforeAll(async () => {
  db = await openTestDb('pglite');
});
afterAll(() => db.dispose());

describe('former municipalities in intake', () => {
  it('imports an export of 2021-2022 naming Weesp and Uden, counted in Amsterdam and Maashorst, as written', async () => {
    const csv = readIncidentCsv(
      [
        'registratienummer;pleegdatum;gemeente;doelwit;resultaat',
        'W-1;15-11-2021 03:00;Weesp;woning;explosie',
        'W-2;20-12-2021 02:00;GM0856;bedrijf;poging',
        'W-3;01-02-2022 04:00;Amsterdam;woning;explosie',
      ].join('\r\n'),
      testMunicipalities(),
      NOW,
    );
    expect(csv).toMatchObject({ ok: true });
    if (!csv.ok) return;
    await db.transaction((tx) => upsertIncidents(tx, csv.incidents, 'import', 'test'));
    expect(await db.query('SELECT reference, municipality_code, municipality_as_written FROM incidents ORDER BY reference')).toEqual([
      { reference: 'W-1', municipality_code: 'GM0363', municipality_as_written: 'Weesp' },
      { reference: 'W-2', municipality_code: 'GM1991', municipality_as_written: 'GM0856' },
      { reference: 'W-3', municipality_code: 'GM0363', municipality_as_written: null },
    ]);
  });

  it('accepts them from the API and in a chat report', async () => {
    const api = validateIngestBody({ id: 'B-1', occurred_at: '2022-06-01T02:00', municipality: 'Brielle', target: 'voertuig', outcome: 'explosie' }, testMunicipalities(), NOW);
    expect(api).toMatchObject({ ok: true, incidents: [{ municipalityCode: 'GM1992', municipalityAsWritten: 'Brielle' }] });
    if (api.ok) await recordIncidents(db, api.incidents, 'api', WHO);
    const chat = await say('/ote melden ref=H-1 wanneer=2021-10-01T03:00 gemeente=Heerhugowaard doel=woning resultaat=poging');
    expect(chat.isError).toBeUndefined();
    expect(fact(chat, 'Gemeente')).toBe('Dijk en Waard (GM1980), gemeld als Heerhugowaard');
    const corrected = await say('/ote melden ref=H-1 doel=bedrijf');
    expect(fact(corrected, 'Gemeente')).toBe('Dijk en Waard (GM1980), gemeld als Heerhugowaard');
  });

  it('shows the name as written in the detail', async () => {
    const reply = await say('/ote incident w-1');
    expect(fact(reply, 'Gemeente')).toBe('Amsterdam (GM0363), gemeld als Weesp');
  });
});

describe('former municipalities in lookups', () => {
  it('/ote gemeente Weesp explains that it is part of Amsterdam since 24 March 2022 and shows Amsterdam', async () => {
    const reply = await say('/ote gemeente Weesp 2021', 'partner');
    expect(reply.isError).toBeUndefined();
    expect(reply.title).toBe('Amsterdam, 2021');
    expect(allText(reply)).toContain('Weesp is sinds 24 maart 2022 deel van Amsterdam');
    // A partner sees the single attack only as a small number; the police see it counted in Amsterdam.
    expect(fact(reply, 'Woningen')).toBe('<3');
    expect(fact(await say('/ote gemeente Weesp 2021', 'politie'), 'Woningen')).toBe('1');
    const english = await say('/ote gemeente Weesp 2021 --lang en', 'partner');
    expect(allText(english)).toContain('Weesp has been part of Amsterdam since 24 March 2022');
  });

  it('ranks only today’s municipalities', async () => {
    const reply = await say('/ote top 2021', 'partner');
    const text = allText(reply);
    expect(text).toContain('Amsterdam');
    expect(text).toContain('Maashorst');
    expect(text).toContain('Dijk en Waard');
    expect(text).not.toMatch(/Weesp|Uden|Heerhugowaard/);
  });

  it('explains Weesp in every command that looks up a municipality’s incidents', async () => {
    const note = 'Weesp is sinds 24 maart 2022 deel van Amsterdam';
    // The police see the incidents themselves; a partner sees their figures only.
    const detail = await say('/ote incidenten Weesp 2021', 'politie');
    expect(detail.title).toBe('Incidenten: Amsterdam, 2021');
    expect(allText(detail)).toContain('W-1');
    expect(allText(detail)).toContain(note);
    const figures = await say('/ote incidenten Weesp 2021', 'partner');
    expect(allText(figures)).not.toContain('W-1');
    expect(allText(figures)).toContain(note);
    for (const text of ['/ote herhalingen Weesp 2021', '/ote digest Weesp']) {
      const reply = await say(text, 'partner');
      expect(reply.isError, text).toBeUndefined();
      expect(allText(reply), text).toContain(note);
    }
    // Today's name says nothing of a merger.
    expect(allText(await say('/ote incidenten Amsterdam 2021', 'politie'))).not.toContain('Weesp');
  });

  it('finds Weesp, not Weert, in /ote stats', async () => {
    const reply = await say('/ote stats Weesp 2021', 'partner');
    expect(reply.title).toBe('Aanslagen met explosieven: Amsterdam, 2021');
    expect(allText(reply)).toContain('Weesp is sinds 24 maart 2022 deel van Amsterdam');
  });
});
