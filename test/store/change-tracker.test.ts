// Which writes make a handle forget the register generation: an audit line cannot change it, so the next
// command need not ask for it again; every write to what the figures and roles are made of still does, and
// then the commands in flight ask for it once between them.
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/store/audit.js';
import { ChangeTracker, mayChangeGeneration, OUTSIDE_GENERATION } from '../../src/store/change-tracker.js';
import { registerGeneration } from '../../src/store/register-cache.js';
import { counting, DB_KINDS, openTestDb, type TestDb } from '../support/db.js';

describe('mayChangeGeneration', () => {
  it('is false for reads and an INSERT into the audit log only', () => {
    expect(mayChangeGeneration('SELECT generation FROM register_state')).toBe(false);
    expect(mayChangeGeneration('  show search_path')).toBe(false);
    expect(mayChangeGeneration('INSERT INTO audit_log (actor) VALUES ($1)')).toBe(false);
    expect(mayChangeGeneration('\n  insert into AUDIT_LOG (actor)\n SELECT * FROM unnest($1::text[]);  ')).toBe(false);
    const withLine = 'WITH shown AS (SELECT reference, updated_at FROM incidents LIMIT $1), logged AS (INSERT INTO audit_log (actor) SELECT $2) SELECT * FROM shown';
    expect(mayChangeGeneration(withLine)).toBe(false);
  });

  it('is true for every other write, and for a second statement after an audit line', () => {
    expect(mayChangeGeneration('INSERT INTO incidents (reference) VALUES ($1)')).toBe(true);
    expect(mayChangeGeneration('INSERT INTO audit_log_archive (actor) VALUES ($1)')).toBe(true);
    expect(mayChangeGeneration('UPDATE audit_log SET actor = $1')).toBe(true);
    expect(mayChangeGeneration('DELETE FROM audit_log')).toBe(true);
    expect(mayChangeGeneration('WITH gone AS (DELETE FROM incidents RETURNING id) INSERT INTO audit_log (actor) SELECT id FROM gone')).toBe(true);
    expect(mayChangeGeneration("INSERT INTO audit_log (actor) VALUES ('x'); DELETE FROM incidents")).toBe(true);
    expect(mayChangeGeneration('UPDATE targets SET reduction_percent = 10')).toBe(true);
    expect(mayChangeGeneration('WITH logged AS (INSERT INTO audit_log (actor) SELECT $1) UPDATE incidents SET status = $2')).toBe(true);
    expect(mayChangeGeneration('WITH logged AS (INSERT INTO audit_log (actor) SELECT $1) INSERT INTO incidents (reference) SELECT $2')).toBe(true);
    expect(mayChangeGeneration('WITH logged AS (INSERT INTO audit_log (actor) SELECT $1 ON CONFLICT DO UPDATE SET actor = $1) SELECT 1')).toBe(true);
  });

  it('names only tables no marker watches, and each marker watches the tables its caches read', async () => {
    const dir = fileURLToPath(new URL('../../src/store/migrations/', import.meta.url));
    const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
    const sql = (await Promise.all(files.map((f) => readFile(`${dir}${f}`, 'utf8')))).join('\n').replace(/--[^\n]*/g, '');
    // The triggers standing after every migration, in order: a later one may drop what an earlier one made.
    const triggers = new Map<string, { table: string; fn: string; deferred: boolean; truncate: boolean }>();
    const statements = /CREATE\s+(CONSTRAINT\s+)?TRIGGER\s+(\w+)\s+([^;]*?)\bON\s+(\w+)([^;]*?)EXECUTE\s+FUNCTION\s+(\w+)|DROP\s+TRIGGER\s+(?:IF\s+EXISTS\s+)?(\w+)\s+ON\s+(\w+)/gi;
    for (const m of sql.matchAll(statements)) {
      if (m[7]) {
        const key = `${m[7]} ${m[8]}`.toLowerCase();
        expect(triggers.has(key), `dropped ${key}`).toBe(true);
        triggers.delete(key);
      } else {
        const table = m[4]!.toLowerCase();
        triggers.set(`${m[2]} ${table}`.toLowerCase(), { table, fn: m[6]!.toLowerCase(), deferred: /DEFERRED/i.test(m[5]!) && !!m[1], truncate: /TRUNCATE/i.test(m[3]!) });
      }
    }
    const standing = [...triggers.values()];
    const tablesOf = (fn: string) => [...new Set(standing.filter((t) => t.fn === fn).map((t) => t.table))].sort();
    expect(tablesOf('bump_register_generation')).toEqual(['incidents']);
    const programme = tablesOf('bump_settings_generation');
    expect(programme).toEqual(
      ['arrests', 'coverage_declarations', 'intervention_decisions', 'interventions', 'measures', 'milestone_checkins', 'milestone_posts', 'milestones', 'published_totals', 'role_assignments', 'subscriptions', 'targets'],
    );
    // As migration 022 does it: a deferred row trigger, and a statement trigger for TRUNCATE.
    for (const table of programme) {
      const mine = standing.filter((t) => t.table === table && t.fn === 'bump_settings_generation');
      expect(mine.some((t) => t.deferred && !t.truncate), table).toBe(true);
      expect(mine.some((t) => !t.deferred && t.truncate), table).toBe(true);
    }
    // No marker watches a table outside the generations, nor what that table's own triggers keep.
    const marked = standing.filter((t) => t.fn === 'bump_register_generation' || t.fn === 'bump_settings_generation').map((t) => t.table);
    for (const table of OUTSIDE_GENERATION) expect(marked).not.toContain(table);
    expect(standing.filter((t) => t.table === 'audit_log').map((t) => t.fn)).toEqual(expect.arrayContaining(['audit_counts_move', 'audit_counts_clear']));
    expect(marked).not.toContain('audit_counts');
  });
});

describe.each(DB_KINDS)('the generation a %s handle knows', (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(kind);
  });
  afterAll(() => db.dispose());

  it('survives an audit line, and the database agrees it is unchanged', async () => {
    const before = await registerGeneration(db);
    expect(db.changes?.known()).toBe(before);
    await audit(db, { actor: 'slack:U1', role: 'programma', platform: 'slack', action: 'incident.bekeken', subject: 'R1' });
    expect(db.changes?.known()).toBe(before);
    const [row] = await db.query<{ generation: string }>('SELECT generation FROM register_state WHERE id = 1');
    expect(row?.generation).toBe(before);
  });

  it('is forgotten after a write to the register', async () => {
    const before = await registerGeneration(db);
    await db.query('UPDATE incidents SET status = status');
    expect(db.changes?.known()).toBeUndefined();
    expect(await registerGeneration(db)).not.toBe(before);
  });

  it('is asked once by the commands that need it together after a write, and again after the next write', async () => {
    const counted = counting(db);
    const together = () => Promise.all(Array.from({ length: 20 }, () => registerGeneration(counted.db)));
    await db.query('UPDATE incidents SET status = status');
    const first = await together();
    expect(counted.asked(/FROM register_state/)).toBe(1);
    expect(new Set(first).size).toBe(1);
    counted.reset();
    await counted.db.query('UPDATE incidents SET status = status');
    const next = await together();
    expect(counted.asked(/FROM register_state/)).toBe(1);
    expect(new Set(next).size).toBe(1);
    expect(next[0]).not.toBe(first[0]);
  });
});

describe('a generation asked for while one question is on its way', () => {
  const questions = () => {
    const asked: { answer(generation: string): void }[] = [];
    const read = () => new Promise<string>((resolve) => asked.push({ answer: resolve }));
    return { asked, read };
  };

  it('waits for that question, and is then known', async () => {
    const tracker = new ChangeTracker(true);
    const { asked, read } = questions();
    const together = Promise.all(Array.from({ length: 5 }, () => tracker.generation(read)));
    expect(asked).toHaveLength(1);
    asked[0]!.answer('g1');
    expect(await together).toEqual(['g1', 'g1', 'g1', 'g1', 'g1']);
    expect(tracker.known()).toBe('g1');
    expect(await tracker.generation(read)).toBe('g1');
    expect(asked).toHaveLength(1);
  });

  it('asks again after a write or a notification, and remembers only the answer asked after it', async () => {
    const tracker = new ChangeTracker(true);
    const { asked, read } = questions();
    const before = tracker.generation(read);
    tracker.written();
    const afterWrite = tracker.generation(read);
    tracker.notified('g-elsewhere');
    tracker.written();
    const afterBoth = tracker.generation(read);
    expect(asked).toHaveLength(3);
    asked[2]!.answer('g3');
    asked[1]!.answer('g2');
    asked[0]!.answer('g1');
    expect([await before, await afterWrite, await afterBoth]).toEqual(['g1', 'g2', 'g3']);
    expect(tracker.known()).toBe('g3');
  });

  it('asks again when the question failed', async () => {
    const tracker = new ChangeTracker(true);
    let fail = true;
    const read = async () => {
      if (fail) throw new Error('database gone');
      return 'g1';
    };
    await expect(tracker.generation(read)).rejects.toThrow('database gone');
    fail = false;
    expect(await tracker.generation(read)).toBe('g1');
  });
});
