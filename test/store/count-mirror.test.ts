// The counts a long-running process holds in memory answer every count exactly as plain SQL over the rows
// does, while the register is written the ways it is in real life: imports, corrections, withdrawals, a
// transaction rolled back, the demo register removed, the table emptied, and (on PostgreSQL) all of it by
// another process, a second replica, while this one serves; and a process that fell behind the pruned log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNT_DIMENSIONS, type CountDimension } from '../../src/domain/count-query.js';
import { localInstant, localParts } from '../../src/domain/local-time.js';
import { seededRandom } from '../../src/domain/seeded-random.js';
import { MEANS, OUTCOMES, TARGETS } from '../../src/domain/types.js';
import { loadMunicipalities } from '../../src/reference/municipalities.js';
import { attachCountMirror, type CountMirror } from '../../src/store/count-mirror.js';
import { openPostgres, type Db } from '../../src/store/db.js';
import { countByMonth, countByMunicipality, countIncidents, loadTally } from '../../src/store/incident-counts.js';
import { deleteDemoData, upsertIncidents, withdrawIncident, type IncidentInput } from '../../src/store/incidents.js';
import { registerGeneration } from '../../src/store/register-cache.js';
import { DB_KINDS, openTestDb, TEST_DATABASE_URL, type TestDb } from '../support/db.js';
import { plainCounts } from '../support/plain-counts.js';

const CODES = loadMunicipalities().slice(0, 8).map((m) => m.code);
const BASE = localInstant(2024, 3, 20).getTime();
const SPAN = localInstant(2025, 1, 10).getTime() - BASE;

function register(seed: number, count: number): IncidentInput[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const edges = [localInstant(2024, 3, 31, 1), localInstant(2024, 10, 27, 1), localInstant(2024, 12, 31, 22)].map((d) => d.getTime());
  return Array.from({ length: count }, (_, i) => ({
    reference: `MIR-${seed}-${i}`,
    // Half near the changes of summer time and New Year, half anywhere in the span.
    occurredAt: new Date(random() < 0.5 ? pick(edges) + Math.floor((random() - 0.5) * 6 * 3_600_000) : BASE + Math.floor(random() * SPAN)),
    municipalityCode: pick(CODES),
    target: pick(TARGETS),
    outcome: pick(OUTCOMES),
    means: pick(MEANS),
    postcode4: null,
  }));
}

const SETS: CountDimension[][] = [
  [], ['target', 'outcome', 'means'], ['municipality'], ['month'], ['day'], ['hour'], ['municipality', 'target'],
  ['municipality', 'target', 'outcome', 'means'], ['target'], ['month', 'means'], ['municipality', 'hour'], ['month', 'hour'], ['hour', 'target'],
];

function midnightOf(t: number): number {
  const p = localParts(new Date(t));
  return localInstant(p.year, p.month, p.day).getTime();
}

/** Random periods × dimensions × municipalities: the mirrored answer must be plain SQL's, in SQL's order. */
async function expectExact(mirrored: Db, sql: Db, seed: number, rounds = 39): Promise<void> {
  const random = seededRandom(seed);
  for (let i = 0; i < rounds; i++) {
    const [a, b] = [BASE + Math.floor(random() * SPAN), BASE + Math.floor(random() * SPAN)].sort((x, y) => x - y) as [number, number];
    const from = new Date(i % 3 === 0 ? a : midnightOf(a));
    const to = new Date(i % 3 === 1 ? b : midnightOf(b) + (i % 5 === 0 ? 0 : 86_400_000));
    const municipalityCode = random() < 0.5 ? CODES[Math.floor(random() * CODES.length)] : undefined;
    const by = SETS[i % SETS.length]!;
    const only = municipalityCode ? { municipalityCode } : {};
    const rows = await countIncidents(mirrored, { from, to, by, ...only });
    const shown = rows.map((r) => JSON.stringify([...by.map((d) => (r as Record<string, unknown>)[d]), r.n]));
    const label = `${by.join(',')} ${from.toISOString()}..${to.toISOString()} ${municipalityCode ?? ''}`;
    expect([...shown].sort(), label).toEqual(await plainCounts(sql, by, from, to, municipalityCode));
    // Ordered by each dimension in turn, as the database orders them.
    expect(shown, label).toEqual([...shown].sort((x, y) => compareRows(JSON.parse(x), JSON.parse(y))));
    if (by.length === 1 && (by[0] === 'month' || (by[0] === 'municipality' && !municipalityCode))) {
      const byValue = by[0] === 'month' ? await countByMonth(mirrored, from, to, municipalityCode) : await countByMunicipality(mirrored, from, to);
      expect([...byValue].map((entry) => JSON.stringify(entry)), label).toEqual(shown);
    }
    if (i % 4 === 0) {
      const tally = await loadTally(mirrored, from, to, [new Date((a + b) / 2)], municipalityCode);
      const cut = new Date((a + b) / 2);
      expect(tally.count(from.getTime(), cut.getTime()), label).toBe(JSON.parse((await plainCounts(sql, [], from, cut < from ? from : cut, municipalityCode))[0]!)[0]);
    }
  }
}

function compareRows(x: unknown[], y: unknown[]): number {
  for (let i = 0; i < x.length - 1; i++) if (x[i] !== y[i]) return (x[i] as string) < (y[i] as string) ? -1 : 1;
  return 0;
}

describe.each(DB_KINDS)('counts held in memory on %s', (kind) => {
  let db: TestDb;
  /** The process that serves, with the mirror. */
  let serving: Db;
  /** Where the register is written: on PostgreSQL another process (a second replica), on PGlite the same one. */
  let writer: Db;
  let mirror: CountMirror;
  const others: Db[] = [];

  beforeAll(async () => {
    db = await openTestDb(kind);
    if (kind === 'postgres') {
      const [{ schema }] = await db.query<{ schema: string }>('SELECT current_schema() AS schema') as [{ schema: string }];
      serving = await openPostgres(TEST_DATABASE_URL, schema);
      others.push(serving);
      writer = db;
    } else {
      serving = db;
      writer = db;
    }
    mirror = attachCountMirror(serving);
  });
  afterAll(async () => {
    for (const other of others) await other.close();
    await db.dispose();
  });

  /** Until the serving process has heard of the writer's last change (a notification, within milliseconds). */
  async function heard(): Promise<void> {
    const [row] = await db.query<{ generation: string }>('SELECT generation FROM register_state');
    for (let i = 0; i < 200 && (await registerGeneration(serving)) !== row!.generation; i++) await new Promise((r) => setTimeout(r, 10));
  }

  const check = async (seed: number) => {
    await heard();
    await expectExact(serving, db, seed);
  };

  it('follow imports, corrections, withdrawals, a rollback, removing the demo register and emptying the table', async () => {
    expect((await mirror.current()).size).toBe(0);
    const first = register(1, 500);
    await writer.transaction((tx) => upsertIncidents(tx, first.slice(0, 350), 'import', 'test'));
    await writer.transaction((tx) => upsertIncidents(tx, first.slice(350), 'demo', 'test'));
    await check(11);

    const other = register(2, 500);
    const random = seededRandom(5);
    const corrected = first.map((incident, i) => (random() < 0.4 ? { ...other[i]!, reference: incident.reference } : incident));
    await writer.transaction((tx) => upsertIncidents(tx, corrected, 'import', 'test'));
    await check(12);

    for (const incident of first.filter(() => random() < 0.15)) await withdrawIncident(writer, incident.reference, 'test', 'test');
    await check(13);

    const rolledBack = writer.transaction(async (tx) => {
      await upsertIncidents(tx, register(3, 100), 'import', 'test');
      throw new Error('the import stops halfway');
    });
    await expect(rolledBack).rejects.toThrow('halfway');
    await check(14);

    await writer.transaction((tx) => deleteDemoData(tx));
    await check(15);

    await writer.query('TRUNCATE incidents CASCADE');
    await check(16);
    expect((await mirror.current()).size).toBe(0);
  });

  it('read the register again when the changes they missed were pruned from the log', async () => {
    await writer.transaction((tx) => upsertIncidents(tx, register(4, 300), 'import', 'test'));
    await check(21);
    const hidden = register(5, 200);
    // Written, then its log rows pruned, as a day later: the mirror cannot step, it must reload.
    await writer.transaction(async (tx) => {
      await upsertIncidents(tx, hidden, 'import', 'test');
      await tx.query("UPDATE incident_count_log SET logged_at = now() - interval '2 days'");
    });
    await writer.transaction((tx) => upsertIncidents(tx, register(6, 10), 'api', 'test'));
    const [{ pruned }] = await db.query<{ pruned: number }>('SELECT pruned_through::int AS pruned FROM incident_count_log_state') as [{ pruned: number }];
    expect(pruned).toBeGreaterThan(0);
    await check(22);
  });

  it('answer many counts asked at once while the register changes, each from one whole step', async () => {
    const batches = [register(7, 120), register(8, 120), register(9, 120)];
    const asked: Promise<unknown>[] = [];
    for (const batch of batches) {
      asked.push(...Array.from({ length: 10 }, () => countIncidents(serving, { from: new Date(BASE), to: new Date(BASE + SPAN), by: ['municipality'] })));
      await writer.transaction((tx) => upsertIncidents(tx, batch, 'import', 'test'));
    }
    await Promise.all(asked);
    await check(31);
  });

  it('group by any dimensions the kept counts in the database can', () => {
    expect(new Set(SETS.flat())).toEqual(new Set(COUNT_DIMENSIONS));
  });
});
