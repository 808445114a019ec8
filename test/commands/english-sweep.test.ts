// Every command, asked by every role with --lang en, answers without Dutch sentences: a role × command sweep.
// Names stay as they are (municipalities, organisations, commands and options in `code`); what is checked
// is the bot's own wording, the action plan's measures included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { runCommandText } from '../../src/commands/dispatch.js';
import { ROLES, type Role } from '../../src/domain/types.js';
import { loadDemoRegister } from '../../src/store/demo.js';
import { openTestDb, type TestDb } from '../support/db.js';
import { allText } from '../support/reply.js';
import { actor, testMunicipalities, testRuntime } from '../support/runtime.js';

const NOW = new Date('2025-06-30T10:00:00Z');
let db: TestDb;

/** Words that only Dutch sentences use; each a whole word. */
const DUTCH_WORDS = ['het', 'een', 'niet', 'geen', 'voor', 'wordt', 'zijn', 'naar', 'deze', 'bij', 'ook', 'nog', 'tot', 'uit', 'dat', 'als', 'maar', 'met', 'van', 'u', 'uw', 'heeft', 'kunt', 'mag', 'alleen', 'gemeente', 'gemeenten', 'aanslagen', 'periode', 'jaar', 'ingetrokken', 'gemeld', 'Gebruik', 'Onbekend', 'Onbekende', 'Ongeldige', 'verwacht', 'ontbreekt', 'Geef', 'kies', 'Dat', 'lukte', 'Geen', 'toegang', 'dagen', 'mijlpaal', 'mijlpalen', 'interventies', 'maatregel', 'maatregelen'];
const DUTCH = new RegExp(`(?:^|[\\s(,.;:“‘"])(${DUTCH_WORDS.join('|')})(?=$|[\\s),.;:!?”’"])`, 'u');

/** The bot's own words: code spans and the names of places, measures and interventions taken out. */
function ownWords(text: string, names: readonly string[]): string {
  let own = text.replace(/`[^`]*`/g, ' ');
  for (const name of names) own = own.split(name).join(' ');
  return own;
}

const SAMPLES: Record<string, string[]> = {
  stats: ['', 'Rotterdam 2024', 'Weesp 2021', 'Bergen', 'Den Haag 2024 2025'],
  doel: ['', '2024', 'Rotterdam'],
  top: ['', '2024 5', '0'],
  gemeente: ['', 'Amsterdam 2024', 'Nergenshuizen'],
  incident: ['', 'PL-EN-1', 'bestaat-niet'],
  incidenten: ['', 'Rotterdam 2025'],
  melden: ['', 'ref=PL-EN-2 wanneer=2025-03-30T02:30 gemeente=Nergens doel=huis resultaat=boem', 'ref=PL-EN-3 wanneer=2025-03-01T02:30 gemeente=Rotterdam doel=woning resultaat=explosie'],
  intrekken: ['', 'PL-EN-1'],
  abonneer: ['25:00', 'Atlantis'],
  audit: ['', '2025'],
  maatregel: ['scholen', 'handreiking-f4'],
  maatregelen: ['', 'preventie'],
};

beforeAll(async () => {
  db = await openTestDb('pglite');
  await loadDemoRegister(db, testMunicipalities(), new Date('2025-06-29T00:00:00Z'));
  await runCommandText('/ote melden ref=PL-EN-1 wanneer=2025-03-01T02:30 gemeente=Rotterdam doel=woning resultaat=explosie', { actor: actor('politie'), channel: 'console:sweep', now: NOW }, testRuntime(db));
});
afterAll(() => db.dispose());

describe('English replies, role × command', () => {
  it.each(ROLES.map((r) => [r] as const))('as %s', async (role: Role) => {
    const names = testMunicipalities().all().map((m) => m.name).sort((a, b) => b.length - a.length);
    const dutchFound: string[] = [];
    for (const command of commands) {
      for (const args of SAMPLES[command.name] ?? ['']) {
        const text = `/ote ${command.name} ${args} --lang en`.replace(/\s+/g, ' ');
        const reply = await runCommandText(text, { actor: { ...actor(role, role === 'gemeente' ? 'GM0599' : undefined), channelAdmin: role === 'partner' }, channel: 'console:sweep', now: NOW }, testRuntime(db));
        const own = ownWords(allText(reply), [...names, 'Offensief Tegen Explosies', 'Alleen Jij Bepaalt wie je bent', 'Meld Misdaad Anoniem', 'het Keerpunt', 'Jongerenwerk op Zuid']);
        const match = DUTCH.exec(own);
        if (match) dutchFound.push(`${text} → “${own.slice(Math.max(0, match.index - 40), match.index + 60).replace(/\s+/g, ' ')}”`);
      }
    }
    expect(dutchFound).toEqual([]);
  });

  it('gives /ote melden validation, the audit trail and a refusal in English', async () => {
    const run = (text: string) => runCommandText(text, { actor: actor('programma'), channel: 'console:sweep', now: NOW }, testRuntime(db));
    const melden = allText(await run('/ote melden ref=PL-EN-9 wanneer=2031-01-01T00:00 gemeente=Nergens doel=huis resultaat=boem --lang en'));
    expect(melden).toContain('• `wanneer`: lies in the future');
    expect(melden).toContain('• `gemeente`: unknown municipality ‘Nergens’');
    expect(melden).toContain('• `doel`: unknown target; choose from woning, bedrijf, voertuig, overig');
    expect(allText(await run('/ote audit --lang en'))).toContain('incident created');
  });
});
