// The digest over the demo register in a real database: its figures match `/ote doel` and the register,
// and it carries nothing of individual incidents.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommandText } from '../../src/commands/dispatch.js';
import { buildDigest } from '../../src/digest/build.js';
import type { Reply } from '../../src/render/reply.js';
import { loadDemoRegister } from '../../src/store/demo.js';
import { withdrawIncident } from '../../src/store/incidents.js';
import { subscribe } from '../../src/store/subscriptions.js';
import { openTestDb, type TestDb } from '../support/db.js';
import { allText, fact } from '../support/reply.js';
import { actor, testMunicipalities, testRuntime } from '../support/runtime.js';

const AT = new Date('2025-11-27T07:00:00Z'); // 08:00 in Amsterdam
const SINCE = new Date('2025-11-26T07:00:00Z');
let db: TestDb;

const digest = (input: { municipalityCode?: string | null; since?: Date; at?: Date; lang?: 'nl' | 'en' } = {}) =>
  buildDigest(db, testMunicipalities(), { at: AT, lang: 'nl', ...input });
const say = (text: string): Promise<Reply> =>
  runCommandText(text, { actor: actor('partner'), channel: 'slack:C0TEST', now: AT }, testRuntime(db));

interface Row {
  reference: string;
  municipality_code: string;
}
const windowRows = (from: Date, to: Date) =>
  db.query<Row>(
    "SELECT reference, municipality_code FROM incidents WHERE status = 'actief' AND occurred_at >= $1 AND occurred_at < $2",
    [from.toISOString(), to.toISOString()],
  );

const tables = (reply: Reply) => reply.blocks.flatMap((b) => (b.kind === 'table' ? [b] : []));

beforeAll(async () => {
  db = await openTestDb('pglite');
  await loadDemoRegister(db, testMunicipalities(), new Date('2025-11-28T00:00:00Z'));
});
afterAll(() => db.dispose());

describe('buildDigest', () => {
  it('shows the same target figures as /ote doel', async () => {
    const [reply, doel] = await Promise.all([digest(), say('/ote doel')]);
    expect(reply.title).toBe('Dagelijks overzicht 27 november 2025');
    expect(fact(reply, 'Aanslagen 2025 tot nu toe')).toBe(fact(doel, '2025 tot nu toe'));
    expect(fact(reply, 'Zelfde periode 2024')).toBe(fact(doel, 'Zelfde periode 2024'));
    expect(fact(reply, 'Toegestaan tot nu toe')).toBe(fact(doel, 'Toegestaan tot nu toe'));
    expect(fact(reply, 'Status')).toBe(fact(doel, 'Status'));
    expect(fact(reply, 'Ruimte tot plafond 1.388')).toBe(fact(doel, 'Ruimte over'));
    const ytd = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM incidents WHERE status = 'actief' AND occurred_at >= '2025-01-01T00:00:00+01:00' AND occurred_at < $1",
      [AT.toISOString()],
    );
    expect(fact(reply, 'Aanslagen 2025 tot nu toe')).toBe(new Intl.NumberFormat('nl-NL').format(ytd[0]!.n));
    expect(allText(reply)).toContain('Methode: vergeleken met dezelfde periode van 2024');
  });

  it('counts the incidents since the previous digest by municipality, as the register holds them', async () => {
    const rows = await windowRows(SINCE, AT);
    expect(rows.length).toBeGreaterThan(0);
    const reply = await digest({ since: SINCE });
    const table = tables(reply).find((t) => t.title?.startsWith('Sinds het vorige overzicht'));
    expect(table?.columns.map((c) => c.header)).toEqual(['Gemeente', 'Woningen', 'Bedrijfspanden', 'Voertuigen', 'Overig', 'Totaal']);
    expect(table!.rows.reduce((sum, row) => sum + Number(row.at(-1)), 0)).toBe(rows.length);
    expect(allText(reply)).toContain(`${rows.length} incident`);
    expect(allText(reply)).toContain('(26 november 2025 08:00)');
  });

  it('carries no incident reference, postcode or incident time', async () => {
    const since = new Date('2025-11-01T00:00:00Z');
    const rows = await windowRows(since, AT);
    const reply = await digest({ since });
    const text = allText(reply);
    for (const row of rows) expect(text).not.toContain(row.reference);
    // Counts are nl-NL formatted (1.075), so every bare four-digit number is a year, never a postcode area.
    expect([...new Set(text.match(/(?<![\d.,])\d{4}(?![\d.,])/g))].sort()).toEqual(['2024', '2025']);
    // The only clock time is the one of the previous digest.
    expect([...new Set(text.match(/\d{2}:\d{2}/g))]).toEqual(['01:00']);
  });

  it('says "geen incidenten gemeld" for a quiet municipality, with national context', async () => {
    const rows = await windowRows(SINCE, AT);
    const quiet = testMunicipalities().all().find((m) => !rows.some((r) => r.municipality_code === m.code))!;
    const reply = await digest({ municipalityCode: quiet.code, since: SINCE });
    const text = allText(reply);
    expect(text).toContain(`In ${quiet.name} sinds het vorige overzicht (26 november 2025 08:00): geen incidenten gemeld.`);
    expect(text).toContain(`Landelijk: ${rows.length} incident`);
    expect(tables(reply).some((t) => t.title?.startsWith('Sinds het vorige overzicht'))).toBe(false);
    expect(fact(reply, `${quiet.name} in 2025`)).toBeDefined();
  });

  it('narrows the incident part to a municipality', async () => {
    const rows = (await windowRows(new Date('2025-11-20T07:00:00Z'), AT)).filter((r) => r.municipality_code === 'GM0363');
    const reply = await digest({ municipalityCode: 'GM0363' });
    expect(fact(reply, 'Afgelopen 7 dagen in Amsterdam')).toMatch(new RegExp(`^${rows.length} \\(week ervoor`));
    // The target figures stay national.
    expect(fact(reply, 'Aanslagen 2025 tot nu toe')).toBe(fact(await digest(), 'Aanslagen 2025 tot nu toe'));
  });

  it('attaches the target chart as a PNG', async () => {
    const reply = await digest();
    const chart = reply.blocks.find((b) => b.kind === 'chart');
    expect(chart?.kind === 'chart' && chart.chart.fileName).toBe('ote-overzicht-2025-11-27.png');
    expect(chart?.kind === 'chart' && [...chart.chart.png.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
  });

  it('says it is demo data: posted digests with the full notice, the command once through the dispatcher', async () => {
    const posted = allText(await digest());
    expect(posted).toContain('Demogegevens.');
    expect(posted).toContain('Let op: dit zijn demogegevens');
    const command = await say('/ote digest');
    expect(command.visibility).toBe('ephemeral');
    expect(allText(command).match(/Let op: dit zijn demogegevens/g)).toHaveLength(1);
  });

  it('/ote digest takes the name people use for a municipality', async () => {
    const reply = await say('/ote digest Den Haag');
    expect(allText(reply)).toContain("Overzicht voor *'s-Gravenhage*");
    expect(allText(await say('/ote digest Amstredam'))).toContain('Bedoelde u: Amsterdam');
  });

  it("/ote digest shows the channel's own digest: its subscription's municipality", async () => {
    await subscribe(db, { channel: 'slack:C0TEST', postMinute: 480, municipalityCode: 'GM0599', weekdays: [1, 2, 3, 4, 5], lang: 'nl', createdBy: 'test' });
    expect(allText(await say('/ote digest'))).toContain('Overzicht voor *Rotterdam*');
    expect(allText(await say('/ote digest Almere'))).toContain('Overzicht voor *Almere*');
  });

  it('follows the corrected register: a withdrawn incident no longer counts', async () => {
    const rows = await windowRows(SINCE, AT);
    const before = fact(await digest(), 'Aanslagen 2025 tot nu toe');
    expect(await withdrawIncident(db, rows[0]!.reference, 'test', 'test')).toBe(true);
    const after = await digest();
    expect(allText(after)).toContain(rows.length - 1 === 0 ? 'geen incidenten gemeld' : `${rows.length - 1} incident`);
    const n = (s: string | undefined) => Number(s!.replace(/\./g, ''));
    expect(n(fact(after, 'Aanslagen 2025 tot nu toe'))).toBe(n(before) - 1);
  });
});
