// The figures commands on registers as real life makes them: late, partial, corrected, closed. Each
// register is built here, imported the way `ote import` imports it (rows, then the coverage it declares).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommandText } from '../../src/commands/dispatch.js';
import { localInstant } from '../../src/domain/local-time.js';
import type { Actor } from '../../src/domain/types.js';
import type { Reply } from '../../src/render/reply.js';
import { withdrawIncident } from '../../src/store/incidents.js';
import { openTestDb, type TestDb } from '../support/db.js';
import { incidentAt, importRows, SEASONAL_2024, until, yearOfIncidents, years } from '../support/register.js';
import { allText, fact } from '../support/reply.js';
import { actor, testRuntime } from '../support/runtime.js';

let db: TestDb;
/** One fresh register per group of tests, built once: the tests of a group only read it. */
function register(build: () => Promise<void> = async () => undefined): void {
  beforeAll(async () => {
    db = await openTestDb('pglite');
    await build();
  });
  afterAll(() => db.dispose());
}

const say = (text: string, now: Date, who: Actor = actor('partner')): Promise<Reply> =>
  runCommandText(text, { actor: who, channel: 'console:test', now }, testRuntime(db));
const JULY_1_2025 = new Date('2025-07-01T10:00:00Z');

describe('a register with 2024 rows and none of 2025 yet', () => {
  register(() => importRows(db, yearOfIncidents(2024, SEASONAL_2024)));

  it('gives no status for 2025 but says the register is complete through 31 December 2024', async () => {
    const reply = await say('/ote doel', JULY_1_2025);
    const text = allText(reply);
    expect(text).toContain('Voor 2025 is het register nog niet volledig (volledig t/m 31 december 2024): er is nog geen stand.');
    expect(text).not.toMatch(/op koers|−100,0%|Toegestaan/);
  });

  it('does not call the 2025 target met in 2026', async () => {
    const text = allText(await say('/ote doel', new Date('2026-03-01T10:00:00Z')));
    expect(text).not.toMatch(/gehaald|op koers/);
    expect(text).toContain('er is nog geen stand');
  });

  it('says in every figures reply past the coverage through when the register is complete', async () => {
    for (const command of ['/ote stats 2025-01', '/ote top 2025-Q1 3', '/ote gemeente Rotterdam 2025-03']) {
      expect(allText(await say(command, JULY_1_2025)), command).toContain('register volledig t/m 31 december 2024');
    }
    expect(allText(await say('/ote stats 2024', JULY_1_2025))).not.toContain('register volledig');
  });
});

describe('progress on what is known', () => {
  register();
  it('stands on the end of coverage and compares with the same part of 2024', async () => {
    await importRows(db, yearOfIncidents(2024, SEASONAL_2024));
    // The first-half export, declared as such; a chat report after it does not extend it.
    await importRows(db, yearOfIncidents(2025, [150, 60, 50, 40, 40, 40]), until(localInstant(2025, 1, 1), 2025, 7, 1));
    await runCommandText('/ote melden ref=CHAT-1 wanneer=2025-07-05T02:00 gemeente=Rotterdam doel=woning resultaat=explosie', { actor: actor('politie'), channel: 'console:test', now: new Date('2025-07-06T10:00:00Z') }, testRuntime(db));
    const reply = await say('/ote doel', new Date('2025-07-10T10:00:00Z'));
    expect(fact(reply, '2025 tot nu toe')).toBe('380');
    expect(fact(reply, 'Zelfde periode 2024')).toMatch(/^520 /);
    expect(fact(reply, 'Toegestaan tot nu toe')).toBe('468,0');
    expect(allText(reply)).toContain('(stand 30 juni 2025)');
    expect(allText(reply)).toContain('register volledig t/m 30 juni 2025');
  });
});

describe('a baseline that cannot flip on one row', () => {
  register();
  it('keeps the verdict when one 2024 incident is withdrawn, moves the allowance by less than one, and names both numbers', async () => {
    await importRows(db, yearOfIncidents(2024, SEASONAL_2024));
    // 560 in the first half of 2025: above 90% of the 520 of the first half of 2024, below 90% of half of 1.543.
    await importRows(db, yearOfIncidents(2025, [200, 80, 80, 70, 65, 65]), until(localInstant(2025, 1, 1), 2025, 7, 1));
    const before = await say('/ote doel', JULY_1_2025);
    expect(fact(before, 'Status')).toBe('⚠️ niet op koers');
    expect(fact(before, 'Toegestaan tot nu toe')).toBe('468,0');

    expect(await withdrawIncident(db, 'T2024-3-0', 'dubbel geteld', 'test')).toBe(true);
    const after = await say('/ote doel', JULY_1_2025);
    expect(fact(after, 'Status')).toBe('⚠️ niet op koers');
    const allowance = Number(fact(after, 'Toegestaan tot nu toe')!.replace(',', '.'));
    expect(Math.abs(allowance - 468)).toBeLessThan(1);
    expect(allowance).not.toBe(468);
    expect(fact(after, 'Plafond 2025')).toMatch(/^1\.388 /);
    const method = allText(after);
    expect(method).toContain('uit het register (1.542 incidenten), geschaald naar het gepubliceerde totaal (1.543)');
    expect(method).not.toContain('alleen het jaartotaal');
  });
});

describe('published years count', () => {
  register(() => importRows(db, yearOfIncidents(2024, SEASONAL_2024)));

  it('/ote stats 2024 without 2023 rows compares with the published 901, labelled', async () => {
    const reply = await say('/ote stats 2024', JULY_1_2025);
    expect(fact(reply, 'Zelfde periode vorig jaar (2023)')).toBe('901 (gepubliceerd cijfer) (+71,3% t.o.v. vorig jaar)');
    expect(fact(reply, 'Gepubliceerd cijfer 2024')).toBe('1.543');
  });

  it('makes no comparison for a part of a year the register does not cover and that is not published', async () => {
    const reply = await say('/ote stats 2024-Q1', JULY_1_2025);
    expect(fact(reply, 'Zelfde periode vorig jaar')).toBe('geen vergelijking: register niet volledig voor 1e kwartaal 2023');
  });
});

describe('small numbers', () => {
  const YESTERDAY_ONE = new Date('2025-03-02T10:00:00Z');
  register(() => importRows(db, [incidentAt('ROT-1', localInstant(2025, 3, 1, 3, 10))], years(2025, 2025)));

  it('hides the hour of a single attack from a partner, also when shared', async () => {
    for (const text of ['/ote gemeente Rotterdam gisteren', '/ote gemeente Rotterdam gisteren publiek']) {
      const reply = await say(text, YESTERDAY_ONE);
      expect(fact(reply, 'Tussen 02:00 en 05:00'), text).toBe('<3');
      expect(fact(reply, 'Woningen'), text).toBe('<3');
      expect(fact(reply, 'Totaal'), text).toBe('1');
      expect(allText(reply), text).toContain('Kleine aantallen (minder dan 3) zijn verborgen (<3)');
    }
    const shared = await say('/ote gemeente Rotterdam gisteren publiek', YESTERDAY_ONE, actor('politie'));
    expect(fact(shared, 'Tussen 02:00 en 05:00')).toBe('<3');
  });

  it('shows it to the police privately and to Rotterdam itself', async () => {
    expect(fact(await say('/ote gemeente Rotterdam gisteren', YESTERDAY_ONE, actor('politie')), 'Tussen 02:00 en 05:00')).toBe('100,0%');
    expect(fact(await say('/ote gemeente Rotterdam gisteren', YESTERDAY_ONE, actor('gemeente', 'GM0599')), 'Tussen 02:00 en 05:00')).toBe('100,0%');
  });
});

describe('rankings', () => {
  register();
  it('/ote top 2025-01 3 names the ties at the cut and orders ties by name', async () => {
    const counts: [string, number][] = [
      ['GM0363', 30], // Amsterdam
      ['GM0599', 25], // Rotterdam
      ...['GM0014', 'GM0034', 'GM0193', 'GM0200', 'GM0344', 'GM0758', 'GM0772', 'GM0855'].map((code): [string, number] => [code, 21]),
    ];
    const rows = counts.flatMap(([code, n]) => Array.from({ length: n }, (_, i) => incidentAt(`${code}-${i}`, localInstant(2025, 1, 1 + (i % 28), 3), code)));
    await importRows(db, rows, years(2025, 2025));
    const reply = await say('/ote top 2025-01 3', JULY_1_2025);
    const table = reply.blocks.find((b) => b.kind === 'table');
    expect(table?.kind === 'table' && table.rows.map((r) => [r[0], r[1], r[2]])).toEqual([
      ['1', 'Amsterdam', '30'],
      ['2', 'Rotterdam', '25'],
      ['3', 'Almere', '21'],
    ]);
    expect(allText(reply)).toContain('… en 7 andere gemeenten met 21');
    const all = await say('/ote top 2025-01 10', JULY_1_2025);
    const full = all.blocks.find((b) => b.kind === 'table');
    expect(full?.kind === 'table' && full.rows.slice(2).map((r) => r[1])).toEqual(['Almere', 'Apeldoorn', 'Breda', 'Eindhoven', 'Groningen', 'Tilburg', 'Utrecht', 'Zwolle']);
    expect(allText(all)).not.toContain('andere gemeenten');
  });
});

describe('the same period a year earlier', () => {
  register(() =>
    importRows(
      db,
      [
        incidentAt('A-0228', localInstant(2024, 2, 28, 3)),
        incidentAt('A-0229', localInstant(2024, 2, 29, 3)),
        incidentAt('B-0228', localInstant(2025, 2, 28, 3)),
        incidentAt('C-0228', localInstant(2023, 2, 28, 3)),
      ],
      years(2023, 2025),
    ),
  );

  it('compares 28 February with 28 February only', async () => {
    const reply = await say('/ote stats 2025-02-28..2025-02-28', JULY_1_2025);
    expect(fact(reply, 'Zelfde periode vorig jaar (28 feb 2024)')).toBe('1 (0,0% t.o.v. vorig jaar)');
    expect(allText(reply)).not.toContain('29 februari');
  });

  it('compares 29 February with 28 February and says so', async () => {
    const reply = await say('/ote stats 2024-02-29..2024-02-29', JULY_1_2025);
    expect(fact(reply, 'Zelfde periode vorig jaar (28 feb 2023)')).toBe('1 (0,0% t.o.v. vorig jaar)');
    expect(allText(reply)).toContain('29 februari is vergeleken met 28 februari 2023.');
  });
});

describe('sparklines', () => {
  register();
  it('have a bar for every month of the period, the empty ones too', async () => {
    await importRows(db, [...yearOfIncidents(2024, [5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7])], years(2024, 2024));
    for (const command of ['/ote stats 2024', '/ote gemeente Rotterdam 2024']) {
      const reply = await say(command, JULY_1_2025, actor('politie'));
      const spark = reply.blocks.find((b) => b.kind === 'sparkline');
      expect(spark?.kind === 'sparkline' && spark.values, command).toEqual([5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7]);
    }
  });
});
