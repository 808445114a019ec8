// The incident counts (migrations 012 and 019) are exactly the counted rows, per local day, local hour,
// municipality, target, outcome and means, after random registers are written the ways the bot writes
// them: imports, corrections, withdrawals, corrections of withdrawn incidents, removing the demo register;
// and what countIncidents reads from them equals plain SQL over the rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDayKey, localInstant, localParts } from '../../src/domain/local-time.js';
import { seededRandom } from '../../src/domain/seeded-random.js';
import { breakdown, countByLocalMonthKey } from '../../src/domain/statistics.js';
import { MEANS, OUTCOMES, TARGETS } from '../../src/domain/types.js';
import { loadMunicipalities } from '../../src/reference/municipalities.js';
import type { Db } from '../../src/store/db.js';
import { countBreakdown, countByMonth, countByMunicipality, countIncidents, type CountDimension } from '../../src/store/incident-counts.js';
import { countedIncidents, deleteDemoData, upsertIncidents, withdrawIncident, type IncidentInput } from '../../src/store/incidents.js';
import { DB_KINDS, openTestDb, type TestDb } from '../support/db.js';
import { plainCounts } from '../support/plain-counts.js';

type CountRow = { day: string; hour: number; municipality: string; target: string; outcome: string; means: string; n: number };

const key = (r: CountRow) => `${r.day} ${String(r.hour).padStart(2, '0')} ${r.municipality} ${r.target} ${r.outcome} ${r.means} ${r.n}`;

async function kept(db: Db): Promise<string[]> {
  const rows = await db.query<CountRow>(
    `SELECT to_char(local_day, 'YYYY-MM-DD') AS day, local_hour AS hour, municipality_code AS municipality, target, outcome, means, count AS n
     FROM incident_counts WHERE count > 0`,
  );
  // The national counts are the same counts summed over municipalities and hours.
  const national = await db.query<{ day: string; target: string; outcome: string; means: string; n: number }>(
    "SELECT to_char(local_day, 'YYYY-MM-DD') AS day, target, outcome, means, count AS n FROM incident_counts_national WHERE count > 0",
  );
  const summed = new Map<string, number>();
  for (const r of rows) summed.set(`${r.day} ${r.target} ${r.outcome} ${r.means}`, (summed.get(`${r.day} ${r.target} ${r.outcome} ${r.means}`) ?? 0) + r.n);
  expect(national.map((r) => `${r.day} ${r.target} ${r.outcome} ${r.means} ${r.n}`).sort()).toEqual([...summed].map(([k, n]) => `${k} ${n}`).sort());
  // The monthly counts (migration 019) are the same counts summed per local month.
  const monthly = async (table: string, dims: string[]) => {
    const found = await db.query<{ k: string }>(`SELECT concat_ws(' ', to_char(local_month, 'YYYY-MM'), ${dims.join(', ')}, count) AS k FROM ${table} WHERE count > 0`);
    const sums = new Map<string, number>();
    const field = { municipality_code: 'municipality', target: 'target', outcome: 'outcome', means: 'means' } as const;
    for (const r of rows) {
      const k = [r.day.slice(0, 7), ...dims.map((d) => r[field[d as keyof typeof field]])].join(' ');
      sums.set(k, (sums.get(k) ?? 0) + r.n);
    }
    expect(found.map((r) => r.k).sort(), table).toEqual([...sums].map(([k, n]) => `${k} ${n}`).sort());
  };
  await monthly('incident_counts_monthly', ['municipality_code', 'target', 'outcome', 'means']);
  await monthly('incident_counts_monthly_ranking', ['municipality_code', 'target']);
  await monthly('incident_counts_monthly_national', ['target', 'outcome', 'means']);
  return rows.map(key).sort();
}

/** The same counts, straight from the rows, bucketed in JavaScript with the domain's local time. */
async function fromRows(db: Db): Promise<string[]> {
  const rows = await db.query<{ occurred_at: Date; municipality_code: string; target: string; outcome: string; means: string }>(
    "SELECT occurred_at, municipality_code, target, outcome, means FROM incidents WHERE status = 'actief'",
  );
  const counts = new Map<string, CountRow>();
  for (const r of rows) {
    const at = new Date(r.occurred_at);
    const row: CountRow = { day: localDayKey(at), hour: localParts(at).hour, municipality: r.municipality_code, target: r.target, outcome: r.outcome, means: r.means, n: 0 };
    const k = key(row);
    const known = counts.get(k) ?? row;
    known.n += 1;
    counts.set(k, known);
  }
  return [...counts.values()].map(key).sort();
}

function randomRegister(seed: number, count: number): IncidentInput[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  // Few municipalities and a narrow window, so many incidents share a count; the window spans both
  // changes of summer time and New Year, where local days and hours differ most from UTC.
  const codes = loadMunicipalities().slice(0, 6).map((m) => m.code);
  const edges = [localInstant(2024, 3, 31, 1), localInstant(2024, 10, 27, 1), localInstant(2024, 12, 31, 22)];
  return Array.from({ length: count }, (_, i) => ({
    reference: `CNT-${seed}-${i}`,
    occurredAt: new Date(pick(edges).getTime() + Math.floor((random() - 0.3) * 4 * 3_600_000)),
    municipalityCode: pick(codes),
    target: pick(TARGETS),
    outcome: pick(OUTCOMES),
    means: pick(MEANS),
    postcode4: null,
  }));
}

describe.each(DB_KINDS)('incident counts on %s', (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(kind);
  });
  afterAll(async () => {
    await db.dispose();
  });

  it.each([1, 2, 3])('stay equal to the rows through imports, corrections and withdrawals (register %i)', async (seed) => {
    const random = seededRandom(seed * 7919);
    const register = randomRegister(seed, 400);
    await db.transaction((tx) => upsertIncidents(tx, register.slice(0, 250), 'import', 'test'));
    await db.transaction((tx) => upsertIncidents(tx, register.slice(250, 330), 'demo', 'test'));
    await db.transaction((tx) => upsertIncidents(tx, register.slice(330), 'api', 'test'));
    expect(await kept(db)).toEqual(await fromRows(db));

    // Corrections: another moment, municipality or kind for some, the same for others (unchanged rows).
    const other = randomRegister(seed + 100, 400);
    const corrected = register.map((incident, i) => (random() < 0.4 ? { ...other[i]!, reference: incident.reference } : incident));
    await db.transaction((tx) => upsertIncidents(tx, corrected, 'import', 'test'));
    expect(await kept(db)).toEqual(await fromRows(db));

    for (const incident of register.filter(() => random() < 0.15)) await withdrawIncident(db, incident.reference, 'test', 'test');
    expect(await kept(db)).toEqual(await fromRows(db));

    // A withdrawn incident corrected again stays withdrawn and out of the counts.
    await db.transaction((tx) => upsertIncidents(tx, other.map((incident, i) => ({ ...incident, reference: register[i]!.reference })), 'import', 'test'));
    expect(await kept(db)).toEqual(await fromRows(db));

    await db.transaction((tx) => deleteDemoData(tx));
    expect(await kept(db)).toEqual(await fromRows(db));

    await db.query("DELETE FROM incident_history WHERE reference LIKE 'CNT-%'");
    await db.query("DELETE FROM incidents WHERE reference LIKE 'CNT-%'");
    expect(await kept(db)).toEqual([]);
  });
});

describe.each(DB_KINDS)('countIncidents on %s', (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(kind);
    const register = [...randomRegister(11, 300), ...randomRegister(12, 300)];
    await db.transaction((tx) => upsertIncidents(tx, register, 'import', 'test'));
    for (const incident of register.filter((_, i) => i % 9 === 0)) await withdrawIncident(db, incident.reference, 'test', 'test');
  });
  afterAll(async () => {
    await db.dispose();
  });

  const SETS: CountDimension[][] = [[], ['target', 'outcome', 'means'], ['municipality'], ['month'], ['day'], ['hour'], ['municipality', 'hour']];
  it('equals plain SQL over the rows for random periods (whole days, parts of days, across summer time and New Year)', async () => {
    const random = seededRandom(4242);
    const codes = loadMunicipalities().slice(0, 6).map((m) => m.code);
    const base = localInstant(2024, 3, 29).getTime();
    const span = localInstant(2025, 1, 3).getTime() - base;
    for (let i = 0; i < 40; i++) {
      const a = base + Math.floor(random() * span);
      const b = base + Math.floor(random() * span);
      // Half the periods on local midnights, like most periods; the others anywhere, like `now`.
      const snap = (t: number) => (i % 2 === 0 ? midnightOf(new Date(t)).getTime() : t);
      const [from, to] = [new Date(snap(Math.min(a, b))), new Date(snap(Math.max(a, b)) + (i % 4 === 1 ? 3_600_000 : 0))];
      const municipalityCode = random() < 0.5 ? codes[Math.floor(random() * codes.length)] : undefined;
      const by = SETS[i % SETS.length]!;
      const counted = await countIncidents(db, { from, to, by, ...(municipalityCode ? { municipalityCode } : {}) });
      expect(counted.map((r) => JSON.stringify([...by.map((d) => (r as Record<string, unknown>)[d]), r.n])).sort(), `${by.join(',')} ${from.toISOString()}..${to.toISOString()} ${municipalityCode ?? ''}`)
        .toEqual(await plainCounts(db, by, from, to, municipalityCode));
    }
  });
});

function midnightOf(instant: Date): Date {
  const p = localParts(instant);
  return localInstant(p.year, p.month, p.day);
}

describe.each(DB_KINDS)('figures from counts on %s', (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(kind);
    const register = [...randomRegister(21, 300), ...randomRegister(22, 300)];
    await db.transaction((tx) => upsertIncidents(tx, register, 'import', 'test'));
    for (const incident of register.filter((_, i) => i % 7 === 0)) await withdrawIncident(db, incident.reference, 'test', 'test');
  });
  afterAll(async () => {
    await db.dispose();
  });

  it('give what the domain counts from the rows: breakdowns, months and municipalities of random periods', async () => {
    const random = seededRandom(99);
    const codes = loadMunicipalities().slice(0, 6).map((m) => m.code);
    const base = localInstant(2024, 3, 29).getTime();
    const span = localInstant(2025, 1, 3).getTime() - base;
    for (let i = 0; i < 20; i++) {
      const [a, b] = [base + Math.floor(random() * span), base + Math.floor(random() * span)].sort((x, y) => x - y) as [number, number];
      const from = i % 2 ? new Date(a) : midnightOf(new Date(a));
      const to = new Date(b);
      const municipalityCode = random() < 0.5 ? codes[Math.floor(random() * codes.length)] : undefined;
      const rows = await countedIncidents(db, from, to, municipalityCode);
      expect(await countBreakdown(db, from, to, municipalityCode)).toEqual(breakdown(rows));
      expect([...(await countByMonth(db, from, to, municipalityCode))]).toEqual([...countByLocalMonthKey(rows)]);
      const perMunicipality = new Map<string, number>();
      for (const r of await countedIncidents(db, from, to)) perMunicipality.set(r.municipalityCode, (perMunicipality.get(r.municipalityCode) ?? 0) + 1);
      expect(new Map(await countByMunicipality(db, from, to))).toEqual(perMunicipality);
    }
  });
});
