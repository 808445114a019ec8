import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countedIncidents, upsertIncidents, withdrawIncident, type IncidentInput } from '../../src/store/incidents.js';
import { DB_KINDS, openTestDb, type TestDb } from '../support/db.js';

const incident = (reference: string, overrides: Partial<IncidentInput> = {}): IncidentInput => ({
  reference,
  occurredAt: new Date('2025-03-01T01:30:00Z'),
  municipalityCode: 'GM0599',
  target: 'woning',
  outcome: 'explosie',
  means: 'vuurwerk',
  postcode4: '3011',
  ...overrides,
});
const YEAR_2025: [Date, Date] = [new Date('2024-12-31T23:00:00Z'), new Date('2025-12-31T23:00:00Z')];

describe.each(DB_KINDS)('the incident register on %s', (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(kind);
  });
  afterAll(() => db.dispose());

  it('tells whether the demo register is loaded from an index of the demo rows, not by reading every incident', async () => {
    const plan = await db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      return tx.query<{ 'QUERY PLAN': string }>("EXPLAIN SELECT 1 FROM incidents WHERE source = 'demo' LIMIT 1");
    });
    expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toContain('incidents_from_demo');
  });

  it('creates, leaves unchanged, and corrects by reference without duplicates', async () => {
    const first = await db.transaction((tx) => upsertIncidents(tx, [incident('R1'), incident('R2')], 'import', 'test'));
    expect(first).toEqual({ created: 2, corrected: 0, unchanged: 0 });
    const again = await db.transaction((tx) =>
      upsertIncidents(tx, [incident('R1'), incident('R2', { target: 'bedrijf' })], 'import', 'test'),
    );
    expect(again).toEqual({ created: 0, corrected: 1, unchanged: 1 });
    const rows = await countedIncidents(db, ...YEAR_2025);
    expect(rows.map((r) => r.target).sort()).toEqual(['bedrijf', 'woning']);
    const history = await db.query<{ reference: string; version: number; change: string }>(
      'SELECT reference, version, change FROM incident_history ORDER BY reference, version',
    );
    expect(history).toEqual([
      { reference: 'R1', version: 1, change: 'aangemaakt' },
      { reference: 'R2', version: 1, change: 'aangemaakt' },
      { reference: 'R2', version: 2, change: 'gecorrigeerd' },
    ]);
  });

  it('stops counting a withdrawn incident everywhere and keeps why', async () => {
    expect(await withdrawIncident(db, 'R1', 'definitie: geen explosief', 'test')).toBe(true);
    expect(await withdrawIncident(db, 'R1', 'nogmaals', 'test')).toBe(false);
    expect(await withdrawIncident(db, 'ONBEKEND', 'x', 'test')).toBe(false);
    expect((await countedIncidents(db, ...YEAR_2025)).length).toBe(1);
    const [last] = await db.query<{ change: string; reason: string }>(
      "SELECT change, reason FROM incident_history WHERE reference = 'R1' ORDER BY version DESC LIMIT 1",
    );
    expect(last).toEqual({ change: 'ingetrokken', reason: 'definitie: geen explosief' });
  });

  it('filters by municipality and half-open time window', async () => {
    await db.transaction((tx) =>
      upsertIncidents(tx, [incident('R3', { municipalityCode: 'GM0363', occurredAt: new Date('2025-12-31T23:00:00Z') })], 'import', 'test'),
    );
    expect((await countedIncidents(db, ...YEAR_2025, 'GM0363')).length).toBe(0);
    expect((await countedIncidents(db, YEAR_2025[1], new Date('2026-02-01T00:00:00Z'), 'GM0363')).length).toBe(1);
  });

  it('writes nothing of a batch when a row breaks a database rule', async () => {
    const before = (await countedIncidents(db, ...YEAR_2025)).length;
    await expect(
      db.transaction((tx) => upsertIncidents(tx, [incident('R9'), incident('R10', { municipalityCode: 'XX1' })], 'import', 'test')),
    ).rejects.toThrow();
    expect((await countedIncidents(db, ...YEAR_2025)).length).toBe(before);
  });

  it('stores SQL-looking text verbatim (in the normal form of a reference)', async () => {
    const reference = "R'); DROP TABLE incidents;--";
    await db.transaction((tx) => upsertIncidents(tx, [incident(reference)], 'import', 'test'));
    const rows = await db.query<{ reference: string }>('SELECT reference FROM incidents WHERE upper(reference) = upper($1)', [reference]);
    expect(rows).toEqual([{ reference: "R'); DROP TABLE INCIDENTS;--" }]);
  });
});
