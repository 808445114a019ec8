// One reference rule: references compare without regard to case and surrounding spaces in every intake
// path and lookup, are stored upper-case, and the migration that brings old rows to that form reports
// pairs that differ only in case instead of merging them.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeReferenceCasePairs } from '../../src/cli/references.js';
import { runCommandText } from '../../src/commands/dispatch.js';
import { readIncidentCsv } from '../../src/import/incident-csv.js';
import { normalReference } from '../../src/domain/reference.js';
import { openPostgres, type Db } from '../../src/store/db.js';
import { findIncident } from '../../src/store/incident-detail.js';
import { referenceCasePairs, upsertIncidents } from '../../src/store/incidents.js';
import { migrate } from '../../src/store/migrate.js';
import { openTestDb, TEST_DATABASE_URL, type TestDb } from '../support/db.js';
import { actor, testMunicipalities, testRuntime } from '../support/runtime.js';

const NOW = new Date('2025-06-30T10:00:00Z');
const HEADER = 'id,occurred_at,municipality,target,outcome';
const row = (reference: string, target = 'woning') => ({
  reference, occurredAt: new Date('2025-03-01T01:30:00Z'), municipalityCode: 'GM0599', target: target as 'woning', outcome: 'explosie' as const, means: 'onbekend' as const, postcode4: null,
});

describe('the normal form of a reference', () => {
  it('is trimmed and upper-case', () => {
    expect(normalReference('  pl0900-2025-001 ')).toBe('PL0900-2025-001');
  });

  it('makes two spellings in one file the same reference', () => {
    const result = readIncidentCsv(`${HEADER}\nAPI-001,2025-03-01,Rotterdam,woning,explosie\n api-001 ,2025-03-02,Rotterdam,woning,explosie`, testMunicipalities(), NOW);
    expect(result).toMatchObject({ ok: false, problems: [{ line: 3, field: 'id', reason: 'komt al voor op regel 2' }] });
  });
});

describe('references in the register', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb('postgres');
  });
  afterAll(() => db.dispose());

  it('stores the normal form, so `api-001` after `API-001` corrects instead of adding a second incident', async () => {
    const first = readIncidentCsv(`${HEADER}\nAPI-001,2025-03-01,Rotterdam,woning,explosie`, testMunicipalities(), NOW);
    const second = readIncidentCsv(`${HEADER}\n api-001 ,2025-03-01,Rotterdam,bedrijf,explosie`, testMunicipalities(), NOW);
    if (!first.ok || !second.ok) throw new Error('rows should be valid');
    await db.transaction((tx) => upsertIncidents(tx, first.incidents, 'import', 'test'));
    const summary = await db.transaction((tx) => upsertIncidents(tx, second.incidents, 'import', 'test'));
    expect(summary).toEqual({ created: 0, corrected: 1, unchanged: 0 });
    expect(await db.query('SELECT reference, target FROM incidents')).toEqual([{ reference: 'API-001', target: 'bedrijf' }]);
  });

  it('finds an incident in chat whatever the case and spaces typed', async () => {
    expect((await findIncident(db, ' api-001'))?.reference).toBe('API-001');
    const reply = await runCommandText('/ote melden ref=api-001 doel=voertuig', { actor: actor('politie'), channel: 'console:test', now: NOW }, testRuntime(db));
    expect(reply.isError).toBeUndefined();
    expect(await db.query('SELECT reference, target FROM incidents')).toEqual([{ reference: 'API-001', target: 'voertuig' }]);
  });
});

describe('migration 008', () => {
  let db: Db;
  let schema: string;
  beforeAll(async () => {
    schema = `test_${randomBytes(6).toString('hex')}`;
    db = await openPostgres(TEST_DATABASE_URL, schema);
    await migrate(db, '007');
  });
  afterAll(async () => {
    await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.close();
  });

  it('brings references to the normal form and reports, without merging, pairs that differ only in case', async () => {
    // As the register held them before: written as given.
    for (const [reference, target] of [['P-1', 'woning'], ['p-1', 'bedrijf'], ['b-2', 'woning'], ['C-3', 'woning'], ['ab-1', 'woning'], ['Ab-1', 'woning']]) {
      await db.query("INSERT INTO incidents (reference, occurred_at, municipality_code, target, outcome, source) VALUES ($1, now(), 'GM0599', $2, 'explosie', 'import')", [reference, target]);
      await db.query("INSERT INTO incident_history (reference, version, change, changed_by, snapshot) VALUES ($1, 1, 'aangemaakt', 'test', '{}')", [reference]);
    }
    expect(await migrate(db)).toContain('008_references_and_mergers.sql');
    expect(await db.query('SELECT reference, target FROM incidents ORDER BY reference COLLATE "C"')).toEqual([
      { reference: 'Ab-1', target: 'woning' },
      { reference: 'B-2', target: 'woning' },
      { reference: 'C-3', target: 'woning' },
      { reference: 'P-1', target: 'woning' },
      { reference: 'ab-1', target: 'woning' },
      { reference: 'p-1', target: 'bedrijf' },
    ]);
    expect(await db.query("SELECT reference FROM incident_history WHERE reference ILIKE 'b-2'")).toEqual([{ reference: 'B-2' }]);
    expect(await referenceCasePairs(db)).toEqual([
      { normalReference: 'AB-1', references: ['Ab-1', 'ab-1'] },
      { normalReference: 'P-1', references: ['P-1', 'p-1'] },
    ]);
    const report = await describeReferenceCasePairs(db);
    expect(report).toContain('Let op: 2 referenties staan in het register');
    expect(report).toContain('  AB-1: Ab-1, ab-1\n  P-1: P-1, p-1');
  });

  it('writes to the one of a pair that has the normal form, and refuses to add a third spelling', async () => {
    expect(await db.transaction((tx) => upsertIncidents(tx, [row('p-1', 'overig')], 'import', 'test'))).toEqual({ created: 0, corrected: 1, unchanged: 0 });
    await expect(db.transaction((tx) => upsertIncidents(tx, [row('ab-1')], 'import', 'test'))).rejects.toThrow(/AB-1/);
    expect(await db.query("SELECT count(*)::int AS n FROM incidents WHERE upper(reference) = 'AB-1'")).toEqual([{ n: 2 }]);
  });
});
