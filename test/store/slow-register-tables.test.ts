// Arrests, targets, published totals, coverage and the partner roles change a few times a year and are kept
// by the programme's marker: an incident write (many a minute under load) does not reload them, a write to
// them is seen at once through the handle and by another replica after its notification, and it drops a kept
// figures reply.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCommandText } from '../../src/commands/dispatch.js';
import { addArrests, sumArrests } from '../../src/store/arrests.js';
import { declareCoverage, registerCoverage } from '../../src/store/coverage.js';
import { openPostgres, type Db } from '../../src/store/db.js';
import { upsertIncidents, type IncidentInput } from '../../src/store/incidents.js';
import { migrate } from '../../src/store/migrate.js';
import { assignmentsFor, assignRole } from '../../src/store/roles.js';
import { listTargets, publishedTotals, savePublishedTotal, saveTarget } from '../../src/store/targets.js';
import { counting, DB_KINDS, openTestDb, TEST_DATABASE_URL, type TestDb } from '../support/db.js';
import { allText } from '../support/reply.js';
import { actor, testRuntime } from '../support/runtime.js';

const SLOW_TABLES = /FROM (arrests|targets|published_totals|coverage_declarations|role_assignments)\b/;
const incident = (reference: string): IncidentInput => ({
  reference,
  occurredAt: new Date('2025-03-01T01:00:00Z'),
  municipalityCode: 'GM0599',
  target: 'woning',
  outcome: 'explosie',
  means: 'vuurwerk',
  postcode4: null,
});

/** Every read of the slow tables a figures command or a role check makes. */
const readAll = (db: Db) =>
  Promise.all([
    sumArrests(db, '2025-01-01', '2025-12-31'),
    listTargets(db),
    publishedTotals(db, 2024),
    registerCoverage(db),
    assignmentsFor(db, 'slack', 'U0SLOW0001'),
  ]);

describe.each(DB_KINDS)('the slow register tables on %s', (kind) => {
  let test: TestDb;
  let db: Db;
  let asked: (table: RegExp) => number;
  let reset: () => void;
  beforeAll(async () => {
    test = await openTestDb(kind);
    ({ db, asked, reset } = counting(test));
  });
  afterAll(() => test.dispose());

  it('are not read again after an incident write', async () => {
    await readAll(db);
    reset();
    await db.transaction((tx) => upsertIncidents(tx, [incident('SLOW-1')], 'import', 'test'));
    await readAll(db);
    expect(asked(SLOW_TABLES)).toBe(0);
  });

  it('show a write through the same handle at once', async () => {
    await readAll(db);
    const arrests = await sumArrests(db, '2025-01-01', '2025-12-31');
    await addArrests(db, [{ date: '2025-04-01', count: 3 }], 'test');
    expect(await sumArrests(db, '2025-01-01', '2025-12-31')).toBe(arrests + 3);

    await saveTarget(db, { year: 2025, baselineYear: 2023, reductionPercent: 37 });
    expect((await listTargets(db)).find((t) => t.year === 2025)?.reductionPercent).toBe(37);

    await savePublishedTotal(db, { year: 2024, month: null, count: 4321 }, 'test');
    expect((await publishedTotals(db, 2024)).find((t) => t.month === null)?.count).toBe(4321);

    const spans = (await registerCoverage(db)).length;
    await declareCoverage(db, { from: new Date('2019-01-01T00:00:00Z'), to: new Date('2019-02-01T00:00:00Z') }, 'programma', 'test');
    expect((await registerCoverage(db)).length).toBe(spans + 1);

    await assignRole(db, { platform: 'slack', kind: 'user', id: 'U0SLOW0001' }, 'politie', null, 'test');
    expect((await assignmentsFor(db, 'slack', 'U0SLOW0001')).own?.role).toBe('politie');
  });

  it('drop a kept figures reply', async () => {
    const runtime = testRuntime(db);
    const now = new Date('2025-06-30T10:00:30Z');
    const ask = (text: string) => runCommandText(text, { actor: actor('partner'), channel: 'console:test', now }, runtime);

    const goal = await ask('/ote doel');
    expect(await ask('/ote doel')).toBe(goal);
    await saveTarget(db, { year: 2025, baselineYear: 2023, reductionPercent: 41 });
    const newGoal = await ask('/ote doel');
    expect(newGoal).not.toBe(goal);
    expect(allText(newGoal)).toContain('41');

    const stats = await ask('/ote stats 2025');
    expect(await ask('/ote stats 2025')).toBe(stats);
    await addArrests(db, [{ date: '2025-05-01', count: 1000 }], 'test');
    const newStats = await ask('/ote stats 2025');
    expect(newStats).not.toBe(stats);
    expect(allText(newStats)).not.toBe(allText(stats));
  });
});

describe('the slow register tables on PostgreSQL with a second replica', () => {
  const schema = `test_slow_${randomBytes(5).toString('hex')}`;
  let writer: Db;
  let reader: Db;
  beforeAll(async () => {
    writer = await openPostgres(TEST_DATABASE_URL, schema);
    await migrate(writer);
    // Trusting for a minute: only the notification can tell this reader in time.
    reader = await openPostgres(TEST_DATABASE_URL, schema, { trustMs: 60_000, listenerHeartbeatMs: 500, connectMs: 1_000, statementMs: 1_000 });
  });
  afterAll(async () => {
    await reader.close();
    await writer.exec(`DROP SCHEMA ${schema} CASCADE`);
    await writer.close();
  });

  it("sees another replica's write once PostgreSQL notifies it", async () => {
    await readAll(reader);
    const arrests = await sumArrests(reader, '2025-01-01', '2025-12-31');
    await addArrests(writer, [{ date: '2025-04-01', count: 5 }], 'test');
    await vi.waitFor(async () => expect(await sumArrests(reader, '2025-01-01', '2025-12-31')).toBe(arrests + 5), { timeout: 5_000, interval: 20 });
    await saveTarget(writer, { year: 2025, baselineYear: 2023, reductionPercent: 33 });
    await vi.waitFor(async () => expect((await listTargets(reader)).find((t) => t.year === 2025)?.reductionPercent).toBe(33), { timeout: 5_000, interval: 20 });
    await assignRole(writer, { platform: 'slack', kind: 'user', id: 'U0SLOW0001' }, 'om', null, 'test');
    await vi.waitFor(async () => expect((await assignmentsFor(reader, 'slack', 'U0SLOW0001')).own?.role).toBe('om'), { timeout: 5_000, interval: 20 });
    const spans = (await registerCoverage(reader)).length;
    await declareCoverage(writer, { from: new Date('2018-01-01T00:00:00Z'), to: new Date('2018-02-01T00:00:00Z') }, 'programma', 'test');
    await vi.waitFor(async () => expect((await registerCoverage(reader)).length).toBe(spans + 1), { timeout: 5_000, interval: 20 });
  });

  it('a transaction writing them moves the programme marker once, at commit, and leaves the register marker', async () => {
    const listener = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` });
    await listener.connect();
    const heard: string[] = [];
    listener.on('notification', (message) => {
      if (message.payload?.startsWith(`${schema} `)) heard.push(`${message.channel} ${message.payload}`);
    });
    try {
      await listener.query('LISTEN ote_settings');
      await listener.query('LISTEN ote_register');
      const generation = async (table: string) => (await writer.query<{ generation: string }>(`SELECT generation FROM ${table}`))[0]!.generation;
      const [settingsBefore, registerBefore] = [await generation('settings_state'), await generation('register_state')];
      let inside = '';
      await writer.transaction(async (tx) => {
        await addArrests(tx, [{ date: '2025-04-02', count: 1 }], 'test');
        await saveTarget(tx, { year: 2026, baselineYear: 2023, reductionPercent: 20 });
        await savePublishedTotal(tx, { year: 2023, month: 1, count: 12 }, 'test');
        await declareCoverage(tx, { from: new Date('2017-01-01T00:00:00Z'), to: new Date('2017-02-01T00:00:00Z') }, 'programma', 'test');
        await assignRole(tx, { platform: 'slack', kind: 'user', id: 'U0SLOW0002' }, 'gemeente', 'GM0599', 'test');
        inside = (await tx.query<{ generation: string }>('SELECT generation FROM settings_state'))[0]!.generation;
      });
      expect(inside).toBe(settingsBefore);
      const settingsAfter = await generation('settings_state');
      expect(settingsAfter).not.toBe(settingsBefore);
      expect(await generation('register_state')).toBe(registerBefore);
      await vi.waitFor(() => expect(heard).toEqual([`ote_settings ${schema} ${settingsAfter}`]), { timeout: 5_000, interval: 20 });
      await writer.query('TRUNCATE published_totals');
      expect(await generation('settings_state')).not.toBe(settingsAfter);
      expect(await generation('register_state')).toBe(registerBefore);
    } finally {
      await listener.end();
    }
  });
});
