// Every refusal a user can see is a sentence from the catalogue that names the field and what would be
// accepted, in the user's language: never the validation library's own words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommandText } from '../../src/commands/dispatch.js';
import type { Role } from '../../src/domain/types.js';
import type { Lang } from '../../src/i18n/index.js';
import { openTestDb, type TestDb } from '../support/db.js';
import { allText } from '../support/reply.js';
import { actor, testRuntime } from '../support/runtime.js';

const NOW = new Date('2025-06-30T10:00:00Z');
let db: TestDb;
const say = async (text: string, role: Role = 'programma', lang?: Lang) => {
  const reply = await runCommandText(text, { actor: { ...actor(role), channelAdmin: true }, channel: 'slack:C0WORDS', now: NOW, ...(lang ? { lang } : {}) }, testRuntime(db));
  return { reply, text: allText(reply) };
};
const LIBRARY_WORDS = /NaN|undefined|ontving|verwacht dat|received|Onbekende key|Invalid input:|>=|<=/i;

beforeAll(async () => {
  db = await openTestDb('pglite');
});
afterAll(() => db.dispose());

describe('refusals in words', () => {
  it.each([
    ['/ote doel Rotterdam', /`\/ote doel` verwacht geen tekst als ‘Rotterdam’/, /jaar/],
    ['/ote gemeente', /geen gemeente opgegeven/i, /naam of CBS-code/],
    ['/ote top 0', /aantal/, /heel getal van 1 tot 342/],
    ['/ote top 500', /aantal/, /heel getal van 1 tot 342/],
    ['/ote doel 1999', /jaar/, /2000/],
    ['/ote doel --lang', /Na `--lang` hoort een taal/, /`nl` of `en`/],
    ['/ote abonneer 25:00', /‘25:00’ is geen geldige tijd/, /uu:mm/],
    ['/ote stats Den Haag 2024 2025', /twee periodes/i, /2024.*2025/],
    ['/ote melden ref=G-1 wanneer=2025-03-30T02:30 gemeente=Rotterdam doel=woning resultaat=explosie', /`wanneer`: ‘2025-03-30T02:30’ bestaat niet in Nederlandse tijd/, /02:00 naar 03:00/],
    ['/ote gemeente Bergen', /Welke gemeente bedoelt u met ‘Bergen’/, /Bergen \(L\.\).*Bergen \(NH\.\)/],
    ['/ote stats gemeente=Rotterdam peroide=2025', /`\/ote stats` verwacht geen tekst als ‘peroide=’/, /\[gemeente\] \[periode\]/],
    ['/ote stats Rotterdam gemeente=Utrecht', /gemeente staat er twee keer; geef het één keer/, /\[gemeente\] \[periode\]/],
  ])('%s', async (command, first, second) => {
    const { reply, text } = await say(command);
    expect(reply.isError, text).toBe(true);
    expect(text).toMatch(first);
    expect(text).toMatch(second);
    expect(text).not.toMatch(LIBRARY_WORDS);
  });

  it('suggests the command or action meant by a typo, and none for a word like no command', async () => {
    expect((await say('/ote stast 2025')).text).toMatch(/Onbekend commando `stast`\. Bedoelt u `\/ote stats`\? Beschikbaar: help, stats/);
    expect((await say('/ote incidnten 2025')).text).toMatch(/Bedoelt u `\/ote incidenten`\?/);
    expect((await say('/ote stast --lang en')).text).toMatch(/Unknown command `stast`\. Did you mean `\/ote stats`\? Available:/);
    const none = (await say('/ote hallo')).text;
    expect(none).toMatch(/Onbekend commando `hallo`\. Beschikbaar:/);
    expect(none).not.toMatch(/Bedoelt/);
  });

  it('suggests the action meant by a typo when the command refuses the words, and none when they are answered or near no action', async () => {
    // Read as the name of an intervention or a measure, which does not exist.
    const intervention = await say('/ote interventie nieuww');
    expect(intervention.reply.isError).toBe(true);
    expect(intervention.text).toMatch(/Geen interventie gevonden voor ‘nieuww’[\s\S]*Bedoelt u `\/ote interventie nieuw`\?/);
    expect((await say('/ote maatregel bijwerkn OPS-1 voortgang=5')).text).toMatch(/Bedoelt u `\/ote maatregel bijwerken`\?/);
    // Refused by the grammar: `/ote rol` takes no words of its own.
    expect((await say('/ote rol toewjzen <@U1> partner')).text).toMatch(/`\/ote rol` verwacht geen tekst als ‘toewjzen <@U1> partner’\. Bedoelt u `\/ote rol toewijzen`\? Gebruik:/);
    expect((await say('/ote rol toewjzen <@U1> partner --lang en')).text).toMatch(/Did you mean `\/ote rol toewijzen`\?/);
    expect((await say('/ote interventie Hallo wereld')).text).not.toMatch(/Bedoelt/);
    expect((await say('/ote doel Rotterdam')).text).not.toMatch(/Bedoelt/);
  });

  it('answers in English with --lang en', async () => {
    for (const command of ['/ote doel Rotterdam --lang en', '/ote top 0 --lang en', '/ote gemeente --lang en', '/ote stats Den Haag 2024 2025 --lang en', '/ote gemeente Bergen --lang en', '/ote top aantal=3 aantal=4 --lang en']) {
      const { reply, text } = await say(command);
      expect(reply.isError, command).toBe(true);
      expect(text, command).not.toMatch(LIBRARY_WORDS);
      expect(text, command).not.toMatch(/\b(verwacht|ontbreekt|bedoelt|opgegeven|geldige|geef|Welke)\b/i);
    }
  });

  it('reads a CBS code without GM, a single date and vorige maand as they are meant', async () => {
    expect((await say('/ote stats 0599 2024', 'partner')).reply.title).toBe('Aanslagen met explosieven: Rotterdam, 2024');
    expect((await say('/ote stats Rotterdam 2024-12-25', 'partner')).reply.title).toBe('Aanslagen met explosieven: Rotterdam, 25 dec 2024');
    expect((await say('/ote stats vorige maand', 'partner')).reply.title).toBe('Aanslagen met explosieven: heel Nederland, vorige maand (mei 2025)');
    expect((await say('/ote stats vorig jaar', 'partner')).reply.title).toBe('Aanslagen met explosieven: heel Nederland, vorig jaar (2024)');
    expect((await say('/ote stats vorige week', 'partner')).reply.title).toBe('Aanslagen met explosieven: heel Nederland, vorige week (week 26, 2025)');
    expect((await say('/ote stats gemeente=Den Haag periode=vorige maand', 'partner')).reply.title).toBe('Aanslagen met explosieven: \'s-Gravenhage, vorige maand (mei 2025)');
  });
});
