// The programme's slow-changing tables (interventions, measures, subscriptions …) are read from memory
// until their own marker moves: a write through the handle is seen at once, another replica's after its
// notification, nothing is kept while the listener is down, and the register's marker and this one do not
// disturb each other.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultMilestones } from '../../src/domain/fieldlab.js';
import { lastCheckIns } from '../../src/store/checkins.js';
import { openPostgres, type Db } from '../../src/store/db.js';
import { hasDemoIncidents } from '../../src/store/incidents.js';
import { latestDecisions } from '../../src/store/intervention-posts.js';
import { createIntervention, listInterventions, updateIntervention, type InterventionInput } from '../../src/store/interventions.js';
import { listMeasures, updateMeasure } from '../../src/store/measures.js';
import { migrate } from '../../src/store/migrate.js';
import { escalatedMilestoneIds } from '../../src/store/milestone-posts.js';
import { activeSubscriptions, liveSubscriptions, subscribe } from '../../src/store/subscriptions.js';
import { counting, DB_KINDS, openTestDb, TEST_DATABASE_URL, type TestDb } from '../support/db.js';
import { startTcpProxy, throughProxy } from '../support/tcp-proxy.js';

const intervention = (name: string): InterventionInput => ({
  name,
  description: 'Proef',
  owners: ['Politie'],
  channel: 'slack:C0TEAM0001',
  startDate: '2025-03-24',
  lengthDays: 100,
  status: 'actief',
  milestones: defaultMilestones(),
});
const subscription = (channel: string) => ({ channel, postMinute: 480, municipalityCode: null, weekdays: [1, 2, 3, 4, 5], lang: 'nl' as const, createdBy: 'test' });

const MEASURES = /FROM measures\b/;
const INTERVENTIONS = /FROM interventions\b/;
const SUBSCRIPTIONS = /FROM subscriptions\b/;

/** Every read the four slow commands make on each request. */
const readAll = (db: Db) =>
  Promise.all([listInterventions(db), lastCheckIns(db), escalatedMilestoneIds(db), latestDecisions(db), listMeasures(db), listMeasures(db, 'preventie'), liveSubscriptions(db), activeSubscriptions(db)]);

describe.each(DB_KINDS)('the kept programme tables on %s', (kind) => {
  let test: TestDb;
  let db: Db;
  let asked: (table: RegExp) => number;
  let reset: () => void;
  beforeAll(async () => {
    test = await openTestDb(kind);
    ({ db, asked, reset } = counting(test));
  });
  afterAll(() => test.dispose());

  it('asks the database once for what it reads twice', async () => {
    await readAll(db);
    reset();
    await readAll(db);
    expect(asked(/FROM (interventions|milestones|milestone_checkins|milestone_posts|intervention_decisions|measures|subscriptions)\b/)).toBe(0);
  });

  it('sees a write through the same handle at once', async () => {
    await readAll(db);
    const id = await createIntervention(db, intervention('Buurtaanpak'), 'test');
    expect((await listInterventions(db)).map((i) => i.name)).toEqual(['Buurtaanpak']);
    await updateIntervention(db, id, { name: 'Wijkaanpak' });
    expect((await listInterventions(db)).map((i) => i.name)).toEqual(['Wijkaanpak']);

    const [first] = await listMeasures(db);
    await updateMeasure(db, { code: first!.code, progress: 42, actor: 'test', at: new Date('2025-06-01T10:00:00Z') });
    expect((await listMeasures(db))[0]!.progress).toBe(42);
    expect((await listMeasures(db, first!.line))[0]!.progress).toBe(42);

    await subscribe(db, subscription('slack:C0SAME0001'));
    expect((await liveSubscriptions(db)).map((s) => s.channel)).toContain('slack:C0SAME0001');
    expect((await activeSubscriptions(db)).map((s) => s.channel)).toContain('slack:C0SAME0001');
  });

  it('keeps the figures when a programme table changes, and the programme tables when the register does', async () => {
    await Promise.all([readAll(db), hasDemoIncidents(db)]);
    const register = await db.query<{ generation: string }>('SELECT generation FROM register_state');
    reset();
    await subscribe(db, subscription('slack:C0OTHER001'));
    await hasDemoIncidents(db);
    expect(asked(/FROM incidents\b/)).toBe(0);
    expect(await db.query('SELECT generation FROM register_state')).toEqual(register);

    const settings = await db.query<{ generation: string }>('SELECT generation FROM settings_state');
    await readAll(db);
    reset();
    await db.query('UPDATE incidents SET status = status');
    await readAll(db);
    expect(asked(MEASURES) + asked(INTERVENTIONS) + asked(SUBSCRIPTIONS)).toBe(0);
    expect(await db.query('SELECT generation FROM settings_state')).toEqual(settings);
  });

  it('does not keep what a transaction reads', async () => {
    await test.transaction(async (tx) => {
      const inside = counting(tx);
      await listMeasures(inside.db);
      await listMeasures(inside.db);
      expect(inside.asked(MEASURES)).toBe(2);
    });
  });
});

describe('the kept programme tables on PostgreSQL with a second replica', () => {
  const schema = `test_settings_${randomBytes(5).toString('hex')}`;
  const opened: Db[] = [];
  let writer: Db;
  const open = async (url: string, trustMs: number) => {
    const db = await openPostgres(url, schema, { trustMs, listenerHeartbeatMs: 500, connectMs: 1_000, statementMs: 1_000 });
    opened.push(db);
    return db;
  };
  beforeAll(async () => {
    writer = await openPostgres(TEST_DATABASE_URL, schema);
    await migrate(writer);
  });
  afterAll(async () => {
    for (const db of opened) await db.close();
    await writer.exec(`DROP SCHEMA ${schema} CASCADE`);
    await writer.close();
  });

  it("sees another replica's write once PostgreSQL notifies it", async () => {
    // Trusting for a minute: only the notification can tell this reader in time.
    const { db, asked, reset } = counting(await open(TEST_DATABASE_URL, 60_000));
    await readAll(db);
    reset();
    await readAll(db);
    expect(asked(SUBSCRIPTIONS)).toBe(0);
    await subscribe(writer, subscription('slack:C0REPLICA1'));
    await vi.waitFor(async () => expect((await liveSubscriptions(db)).map((s) => s.channel)).toContain('slack:C0REPLICA1'), { timeout: 5_000, interval: 20 });
    const [measure] = await listMeasures(db);
    await updateMeasure(writer, { code: measure!.code, progress: 7, actor: 'test', at: new Date('2025-06-01T10:00:00Z') });
    await vi.waitFor(async () => expect((await listMeasures(db))[0]!.progress).toBe(7), { timeout: 5_000, interval: 20 });
  });

  it('asks the database on every read while the listener is down', async () => {
    const { db, asked, reset } = counting(await open(TEST_DATABASE_URL, 60_000));
    await readAll(db);
    db.settingsChanges!.listenerDown();
    reset();
    await listMeasures(db);
    await listMeasures(db);
    expect(asked(/FROM settings_state\b/)).toBe(2);
  });

  /** A connection of its own in the test's schema, for statements a test orders by hand. */
  const client = async () => {
    const c = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema} -c statement_timeout=5000` });
    await c.connect();
    return c;
  };

  it('lets a check-in and an edit of its intervention that meet on the same milestone both commit', async () => {
    const id = await createIntervention(writer, intervention(`Botsing ${randomBytes(3).toString('hex')}`), 'test');
    const [milestone] = await writer.query<{ id: string }>('SELECT id FROM milestones WHERE intervention_id = $1 ORDER BY day LIMIT 1', [id]);
    const [edit, checkIn] = [await client(), await client()];
    try {
      await edit.query('BEGIN');
      await edit.query("UPDATE interventions SET description = 'Bijgesteld' WHERE id = $1", [id]);
      await checkIn.query('BEGIN');
      await checkIn.query('SELECT 1 FROM milestones WHERE id = $1 FOR UPDATE', [milestone!.id]);
      // Had the edit taken the marker's row with its first statement, this insert would wait for it while
      // the edit waits below for the milestone row: a deadlock, and one of the two would be refused.
      const inserted = checkIn.query("INSERT INTO milestone_checkins (milestone_id, status, actor, at) VALUES ($1, 'gereed', 'test', now())", [milestone!.id]);
      const editWaits = edit.query('UPDATE milestones SET snoozed_until = NULL WHERE id = $1', [milestone!.id]);
      await inserted;
      await checkIn.query('COMMIT');
      await editWaits;
      await edit.query('COMMIT');
      expect(await writer.query("SELECT count(*)::int AS n FROM milestone_checkins WHERE milestone_id = $1 AND status = 'gereed'", [milestone!.id])).toEqual([{ n: 1 }]);
      expect(await writer.query('SELECT description FROM interventions WHERE id = $1', [id])).toEqual([{ description: 'Bijgesteld' }]);
    } finally {
      await Promise.all([edit.end(), checkIn.end()]);
    }
  });

  it('moves the marker once per transaction, and not at all for a statement that changes no row', async () => {
    const listener = await client();
    const heard: string[] = [];
    listener.on('notification', (message) => {
      if (message.channel === 'ote_settings' && message.payload?.startsWith(`${schema} `)) heard.push(message.payload);
    });
    try {
      await listener.query('LISTEN ote_settings');
      const generation = async () => (await writer.query<{ generation: string }>('SELECT generation FROM settings_state'))[0]!.generation;
      const before = await generation();
      await writer.query('UPDATE measures SET progress = progress WHERE false');
      expect(await generation()).toBe(before);
      await writer.transaction(async (tx) => {
        await tx.query("UPDATE measures SET progress = progress WHERE code IN (SELECT code FROM measures LIMIT 3)");
        await tx.query("INSERT INTO subscriptions (channel, post_minute, weekdays, lang, created_by) VALUES ('slack:C0ONCE0001', 480, '{1,2,3,4,5}', 'nl', 'test')");
      });
      const after = await generation();
      expect(after).not.toBe(before);
      await vi.waitFor(() => expect(heard).toEqual([`${schema} ${after}`]), { timeout: 5_000, interval: 20 });
    } finally {
      await listener.end();
    }
  });

  it('a half-open listener: the write it missed is read once the heartbeat has replaced it', async () => {
    const proxy = await startTcpProxy({ port: Number(new URL(TEST_DATABASE_URL).port || 5432) });
    const db = await openPostgres(throughProxy(TEST_DATABASE_URL, proxy), schema, { trustMs: 60_000, listenerHeartbeatMs: 500, connectMs: 1_000, statementMs: 1_000 });
    try {
      const [measure] = await listMeasures(db);
      expect(db.settingsChanges?.listening).toBe(true);
      proxy.stall();
      await updateMeasure(writer, { code: measure!.code, progress: 99, actor: 'test', at: new Date('2025-06-02T10:00:00Z') });
      // The register's tracker and this one hear through the same connection: both know it is gone.
      await vi.waitFor(() => expect([db.changes?.listening, db.settingsChanges?.listening]).toEqual([false, false]), { timeout: 5_000, interval: 20 });
      await vi.waitFor(async () => expect((await listMeasures(db).catch(() => []))[0]?.progress).toBe(99), { timeout: 10_000, interval: 50 });
      await vi.waitFor(() => expect([db.changes?.listening, db.settingsChanges?.listening]).toEqual([true, true]), { timeout: 10_000, interval: 20 });
    } finally {
      await db.close();
      await proxy.close();
    }
  });
});
