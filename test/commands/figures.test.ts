// The figures commands over the demo register, checked against counts taken straight from the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommandText } from '../../src/commands/dispatch.js';
import type { Reply } from '../../src/render/reply.js';
import { loadDemoRegister } from '../../src/store/demo.js';
import { withdrawIncident } from '../../src/store/incidents.js';
import { openTestDb, type TestDb } from '../support/db.js';
import { allText, fact } from '../support/reply.js';
import { actor, testMunicipalities, testRuntime } from '../support/runtime.js';

const AS_OF = new Date('2025-06-30T10:00:00Z'); // 12:00 in Amsterdam (summer time)
let db: TestDb;
const say = (text: string, now = AS_OF, role = actor('partner')): Promise<Reply> =>
  runCommandText(text, { actor: role, channel: 'console:test', now }, testRuntime(db));
const count = async (sql: string, params: unknown[] = []) =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM incidents WHERE status = 'actief' AND ${sql}`, params))[0]!.n;

beforeAll(async () => {
  db = await openTestDb('pglite');
  await loadDemoRegister(db, testMunicipalities(), new Date('2026-11-27T09:00:00Z'));
});
afterAll(() => db.dispose());

describe('/ote stats', () => {
  it('gives the published 2024 figures with their breakdown and the change on 2023', async () => {
    const reply = await say('/ote stats 2024');
    expect(reply.title).toBe('Aanslagen met explosieven: heel Nederland, 2024');
    expect(fact(reply, 'Totaal')).toBe('1.543');
    expect(fact(reply, 'Woningen')).toBe('1.119');
    expect(fact(reply, 'Bedrijfspanden')).toBe('230');
    expect(fact(reply, 'Voertuigen')).toBe('154');
    expect(fact(reply, 'Overig')).toBe('40');
    expect(fact(reply, 'Zelfde periode vorig jaar')).toBe('901 (+71,3% t.o.v. vorig jaar)');
    expect(fact(reply, 'Aanhoudingen')).toBe('315');
    expect(allText(reply)).toContain('demogegevens');
  });

  it('narrows to a municipality by the name people use, counting in Amsterdam time', async () => {
    const reply = await say('/ote stats Den Haag 2025-Q1');
    const expected = await count(
      "municipality_code = 'GM0518' AND occurred_at >= '2025-01-01T00:00:00+01:00' AND occurred_at < '2025-04-01T00:00:00+02:00'",
    );
    expect(reply.title).toContain("'s-Gravenhage, 1e kwartaal 2025");
    expect(fact(reply, 'Totaal')).toBe(String(expected));
  });

  it('answers bad input with a Dutch message naming what is wrong', async () => {
    expect(allText(await say('/ote stats Amstredam'))).toContain('Bedoelde u: Amsterdam');
    expect(allText(await say('/ote stats 2025-13'))).toContain('Onbekende periode ‘2025-13’');
    const future = await say('/ote stats 2030');
    expect(future.isError).toBe(true);
    expect(allText(future)).toContain('toekomst');
  });
});

describe('/ote top', () => {
  it('ranks the 2024 top five in the published order', async () => {
    const reply = await say('/ote top 2024 5');
    const table = reply.blocks.find((b) => b.kind === 'table');
    expect(table?.kind === 'table' && table.rows.map((r) => r[1])).toEqual([
      'Amsterdam', 'Rotterdam', "'s-Gravenhage", 'Almere', "'s-Hertogenbosch",
    ]);
  });

  it('refuses a count over 342', async () => {
    const reply = await say('/ote top 2024 999');
    expect(reply.isError).toBe(true);
    expect(allText(reply)).toContain('aantal');
  });
});

describe('/ote doel', () => {
  it('compares the year to date with the same period of 2024, per day from the register', async () => {
    const reply = await say('/ote doel');
    const ytd = await count("occurred_at >= '2025-01-01T00:00:00+01:00' AND occurred_at < $1", [AS_OF.toISOString()]);
    const base = await count("occurred_at >= '2024-01-01T00:00:00+01:00' AND occurred_at < '2024-06-30T12:00:00+02:00'");
    expect(fact(reply, '2025 tot nu toe')).toBe(String(ytd));
    expect(fact(reply, 'Zelfde periode 2024')).toMatch(new RegExp(`^${base} `));
    expect(fact(reply, 'Toegestaan tot nu toe')).toBe((base * 0.9).toFixed(1).replace('.', ','));
    expect(fact(reply, 'Plafond 2025')).toBe('1.388 (1.543 × 0,90, naar beneden afgerond)');
    expect(fact(reply, 'Ruimte over')).toBe(new Intl.NumberFormat('nl-NL').format(1388 - ytd));
    expect(fact(reply, 'Status')).toBe(ytd <= base * 0.9 ? '✅ op koers' : '⚠️ niet op koers');
    expect(allText(reply)).toContain('dezelfde periode van 2024 (per dag, uit het register)');
  });

  it('follows a withdrawal in every figure', async () => {
    const before = fact(await say('/ote doel'), '2025 tot nu toe');
    const [row] = await db.query<{ reference: string }>(
      "SELECT reference FROM incidents WHERE occurred_at >= '2025-02-01' AND occurred_at < '2025-03-01' AND status = 'actief' LIMIT 1",
    );
    await withdrawIncident(db, row!.reference, 'test', 'test');
    expect(Number(fact(await say('/ote doel'), '2025 tot nu toe'))).toBe(Number(before) - 1);
  });

  it('gives the final result of 2025 when asked in 2026, which has no target', async () => {
    const reply = await say('/ote doel', new Date('2026-11-27T09:00:00Z'));
    const total = await count("occurred_at >= '2025-01-01T00:00:00+01:00' AND occurred_at < '2026-01-01T00:00:00+01:00'");
    expect(fact(reply, 'Totaal 2025')).toBe(new Intl.NumberFormat('nl-NL').format(total));
    expect(allText(reply)).toContain('Voor 2026 is geen doel vastgelegd');
  });

  it('speaks English when asked', async () => {
    const reply = await say('/ote doel --lang en');
    expect(reply.title).toBe('Target 2025: at least 10% fewer attacks than in 2024');
    expect(fact(reply, 'Cap 2025')).toBe('1,388 (1,543 × 0.90, rounded down)');
  });
});

describe('/ote gemeente', () => {
  it('profiles Den Bosch with its rank', async () => {
    const reply = await say('/ote gemeente Den Bosch 2024');
    expect(reply.title).toBe("'s-Hertogenbosch, 2024");
    expect(fact(reply, 'Positie')).toMatch(/^5e van \d+ gemeenten/);
  });
});
