// Fuzzing the ways text comes in: the `/ote …` parser and dispatcher, the CSV import, the chat form line and
// the API body validation, with random Unicode, control characters and very long input. Seeded, bounded,
// fast: the same inputs every run. Never a crash; always a clear message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { runCommandText } from '../../src/commands/dispatch.js';
import type { Actor } from '../../src/domain/types.js';
import { validateIngestBody } from '../../src/http/ingest-schema.js';
import { seededRandom as prng } from '../../src/domain/seeded-random.js';
import { readIncidentCsv } from '../../src/import/incident-csv.js';
import { INCIDENT_COLUMNS } from '../../src/import/incident-rows.js';
import { parseReportLine, validateReport } from '../../src/intake/report-form.js';
import { openTestDb, type TestDb } from '../support/db.js';
import { allText } from '../support/reply.js';
import { testMunicipalities, testRuntime } from '../support/runtime.js';

const POOLS: readonly (readonly [number, number])[] = [
  [0x20, 0x7e], // printable ASCII
  [0x00, 0x1f], // C0 controls
  [0x7f, 0x9f], // DEL and C1 controls
  [0xa0, 0xff], // Latin-1
  [0x300, 0x36f], // combining marks
  [0x590, 0x6ff], // Hebrew, Arabic (right to left)
  [0x200b, 0x202e], // zero-width characters and bidi overrides
  [0x4e00, 0x4eff], // CJK
  [0xd800, 0xdfff], // lone surrogates
  [0x1f300, 0x1f64f], // emoji (surrogate pairs)
  [0xfff0, 0xffff], // specials, BOM neighbours
];
const TOKENS = ['/ote', 'publiek', '--lang', 'en', 'nl', '2025', '2025-q1', '7d', '..', 'Den Haag', 'GM0599', "'; DROP TABLE incidents; --", '=', 'ref=', 'wanneer=', '"', ',', '\n', '\r\n', '\t', '\u0000', '%s', '${x}', '{{x}}'];

function randomText(rand: () => number, maxLength: number): string {
  const length = Math.floor(rand() * maxLength);
  let out = '';
  while (out.length < length) {
    if (rand() < 0.15) out += `${TOKENS[Math.floor(rand() * TOKENS.length)]} `;
    else {
      const [from, to] = POOLS[Math.floor(rand() * POOLS.length)]!;
      out += String.fromCodePoint(from + Math.floor(rand() * (to - from + 1)));
    }
  }
  return out;
}

const NOW = new Date('2025-06-30T10:00:00Z');
const ACTORS: Actor[] = (['politie', 'om', 'programma', 'partner'] as const)
  .map((role): Actor => ({ platform: 'console', userId: `fuzz-${role}`, role }))
  .concat({ platform: 'console', userId: 'fuzz-gemeente', role: 'gemeente', municipalityCode: 'GM0599' });
const NAMES = commands.flatMap((c) => [c.name, ...(c.aliases ?? [])]);

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb('pglite');
});
afterAll(() => db.dispose());

describe('the /ote text parser and dispatcher', () => {
  it('answers random, hostile and very long input with a clear message, never a crash', async () => {
    const rand = prng(20250301);
    const runtime = testRuntime(db);
    const inputs: string[] = [
      '',
      ' '.repeat(10_000),
      '/ote',
      `/ote ${'a'.repeat(100_000)}`,
      `/ote stats ${'Den Haag '.repeat(5_000)}`,
      '/ote \u0000\u0001\u0002 stats',
      '/ote \ud800 doel',
      '/ote incident \u202eLOR-1\u202c',
      `/ote melden ${'ref='.repeat(300)}`,
    ];
    for (let i = 0; i < 200; i++) {
      const name = rand() < 0.8 ? NAMES[Math.floor(rand() * NAMES.length)]! : randomText(rand, 12);
      inputs.push(`${rand() < 0.9 ? '/ote ' : ''}${name} ${randomText(rand, rand() < 0.05 ? 20_000 : 80)}`);
    }
    for (const [i, text] of inputs.entries()) {
      const actor = ACTORS[i % ACTORS.length]!;
      const reply = await runCommandText(text, { actor, channel: 'console:fuzz', now: NOW }, runtime);
      const shown = allText(reply);
      const where = `input ${i}: ${JSON.stringify(text.slice(0, 80))} as ${actor.role}`;
      expect(reply.title.trim(), where).not.toBe('');
      expect(shown, where).not.toMatch(/\n\s+at \S+ \(|Er ging iets mis aan onze kant|TypeError|undefined is not/);
      if (reply.isError) expect(shown.length, where).toBeGreaterThan(reply.title.length + 10);
    }
  });
});

describe('what a reply shows of the input', () => {
  const BIDI = /[\u202a-\u202e\u2066-\u2069]/;

  it('never carries a bidi control back to the user', async () => {
    const runtime = testRuntime(db);
    const sneaky = ['\u202e', '\u202a', '\u202b', '\u202c', '\u202d', '\u2066', '\u2067', '\u2068', '\u2069'];
    const inputs = sneaky.flatMap((mark) => [
      `/ote onbekend${mark}lasrevni`,
      `/ote stats Rotter${mark}dam`,
      `/ote doel 2025 ${mark}extra`,
      `/ote --lang ${mark}xx doel`,
      `/ote abonneer ${mark}25:99`,
      `/ote melden ${mark}onzin`,
      `/ote incident ${mark}LOR-1${mark}`,
    ]);
    for (const text of inputs) {
      const reply = await runCommandText(text, { actor: ACTORS[2]!, channel: 'console:fuzz', now: NOW }, runtime);
      expect(allText(reply), JSON.stringify(text)).not.toMatch(BIDI);
    }
  });

  it('quotes at most a short piece of very long input in an error message', async () => {
    const runtime = testRuntime(db);
    const huge = 'x'.repeat(2_000_000);
    for (const text of [`/ote ${huge}`, `/ote doel ${huge}`, `/ote abonneer ${huge}`, `/ote melden ${huge}`, `/ote melden ref=1 ${huge}=2`, `/ote --lang ${huge} doel`]) {
      const reply = await runCommandText(text, { actor: ACTORS[2]!, channel: 'console:fuzz', now: NOW }, runtime);
      expect(reply.isError, text.slice(0, 20)).toBe(true);
      expect(allText(reply).length, text.slice(0, 20)).toBeLessThan(1_500);
    }
  });
});

describe('the CSV import', () => {
  const municipalities = testMunicipalities();
  const header = INCIDENT_COLUMNS.join(',');

  function expectClear(result: ReturnType<typeof readIncidentCsv>, lines: number, where: string) {
    if (result.ok) return;
    expect(result.problems.length, where).toBeGreaterThan(0);
    for (const p of result.problems) {
      expect(p.line, where).toBeGreaterThanOrEqual(1);
      expect(p.line, where).toBeLessThanOrEqual(lines + 1);
      expect(['', ...INCIDENT_COLUMNS], where).toContain(p.field);
      expect(p.reason.trim(), where).not.toBe('');
    }
  }

  it('reports random files, line by line and field by field, never a crash', () => {
    const rand = prng(1543);
    for (let i = 0; i < 200; i++) {
      const text = randomText(rand, 400);
      // An unclosed quote is reported at the end of the file, where csv-parse may count a lone CR as a line.
      expectClear(readIncidentCsv(text, municipalities, NOW), (text.match(/[\r\n]/g)?.length ?? 0) + 1, `file ${i}`);
    }
  });

  it('reports random rows under a valid header, never a crash', () => {
    const rand = prng(1388);
    for (let i = 0; i < 30; i++) {
      const rows = Array.from({ length: 1 + Math.floor(rand() * 10) }, () =>
        Array.from({ length: 7 }, () => randomText(rand, 20).replace(/[\r\n",]/g, ' ')).join(','),
      );
      const text = [header, ...rows].join('\n');
      const result = readIncidentCsv(text, municipalities, NOW);
      expect(result.ok, `file ${i}`).toBe(false);
      expectClear(result, text.split('\n').length, `file ${i}`);
    }
  });

  it('quotes at most a short piece of a 2 MB field or 100.000 column names', () => {
    const huge = 'Q'.repeat(2_000_000);
    const badHeader = readIncidentCsv(`${header},${Array.from({ length: 100_000 }, (_, i) => `kolom${i}`).join(',')}\nx`, municipalities, NOW);
    const badMoment = readIncidentCsv(`${header}\nR-1,${huge},Rotterdam,woning,explosie,,`, municipalities, NOW);
    const badPlace = readIncidentCsv(`${header}\nR-1,2025-03-01T02:30,${huge},woning,explosie,,`, municipalities, NOW);
    const badQuote = readIncidentCsv(`${header}\nR-1,"2025${huge}"x,Rotterdam,woning,explosie,,`, municipalities, NOW);
    const bidiPlace = readIncidentCsv(`${header}\nR-1,2025-03-01T02:30,Nergens\u202edorp,woning,explosie,,`, municipalities, NOW);
    for (const [name, result] of Object.entries({ badHeader, badMoment, badPlace, badQuote, bidiPlace })) {
      expect(result.ok, name).toBe(false);
      if (result.ok) continue;
      for (const problem of result.problems) {
        expect(problem.reason.length, name).toBeLessThan(800);
        expect(problem.reason, name).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
      }
    }
    expect(badHeader.ok || badHeader.problems[0]!.reason).toContain('(+');
  });

  it('copes with a very long field and many rows', () => {
    const long = readIncidentCsv(`${header}\n${'P'.repeat(1_000_000)},2025-03-01T02:30,Rotterdam,woning,explosie,,`, municipalities, NOW);
    expect(long).toMatchObject({ ok: false, problems: [{ line: 2, field: 'id', reason: 'langer dan 64 tekens' }] });
    const rows = Array.from({ length: 5_000 }, (_, i) => `R-${i},2025-03-01T02:30,Rotterdam,woning,explosie,,`);
    const many = readIncidentCsv([header, ...rows].join('\n'), municipalities, NOW);
    expect(many.ok && many.incidents.length).toBe(5_000);
  });
});

describe('the chat form and the API body', () => {
  it('never crash on random form lines and random JSON', () => {
    const rand = prng(901);
    const municipalities = testMunicipalities();
    const randomJson = (depth: number): unknown => {
      const r = rand();
      if (depth > 3 || r < 0.3) return randomText(rand, 30);
      if (r < 0.4) return Math.floor(rand() * 1e6) * (rand() < 0.5 ? -1 : 1);
      if (r < 0.5) return [null, true, false][Math.floor(rand() * 3)];
      if (r < 0.7) return Array.from({ length: Math.floor(rand() * 4) }, () => randomJson(depth + 1));
      const keys = [...INCIDENT_COLUMNS, 'incidents', randomText(rand, 8)];
      return Object.fromEntries(Array.from({ length: Math.floor(rand() * 8) }, () => [keys[Math.floor(rand() * keys.length)]!, randomJson(depth + 1)]));
    };
    for (let i = 0; i < 300; i++) {
      const line = parseReportLine(randomText(rand, 200));
      if (line.ok) {
        const checked = validateReport(line.values, municipalities, NOW);
        if (!checked.ok) for (const reason of Object.values(checked.errors)) expect(reason!.trim()).not.toBe('');
      } else expect(line.detail.length).toBeLessThanOrEqual(60);

      const body = validateIngestBody(randomJson(0), municipalities, NOW);
      if (!body.ok) for (const e of body.errors) expect(e.melding.trim(), `body ${i}`).not.toBe('');
    }
  });
});
