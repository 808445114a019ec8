// Audit lines of many commands at once are written together, each still before its command answers, and
// one line the database refuses does not take the others with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, type AuditEntry } from '../../src/store/audit.js';
import type { Db } from '../../src/store/db.js';
import { DB_KINDS, openTestDb, type TestDb } from '../support/db.js';

const look = (i: number): AuditEntry => ({ actor: `slack:U${i}`, role: 'politie', platform: 'slack', action: 'incident.bekeken', subject: `REF-${i}` });

describe.each(DB_KINDS)('audit lines at once on %s', (kind) => {
  let db: TestDb;
  let inserts = 0;
  /** The same handle, counting the statements that write audit lines. */
  let counting: Db;
  beforeAll(async () => {
    db = await openTestDb(kind);
    counting = { ...db, query: (sql, params) => ((inserts += /INSERT INTO audit_log/.test(sql) ? 1 : 0), db.query(sql, params)) };
  });
  afterAll(() => db.dispose());

  const subjects = async () => (await db.query<{ subject: string }>('SELECT subject FROM audit_log ORDER BY subject')).map((r) => r.subject);

  it('are written together, every one before its call resolves', async () => {
    const written = await Promise.all(Array.from({ length: 60 }, (_, i) => audit(counting, look(i)).then(subjects)));
    // Each call saw its own line once it resolved.
    written.forEach((seen, i) => expect(seen).toContain(`REF-${i}`));
    expect((await subjects()).length).toBe(60);
    expect(inserts).toBeLessThanOrEqual(3);
  });

  it('keep the others when the database refuses one', async () => {
    await db.query('DELETE FROM audit_log');
    const calls = [look(100), { ...look(101), subject: 'NUL \u0000 teken' }, look(102)].map((entry) => audit(counting, entry));
    const settled = await Promise.allSettled(calls);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await subjects()).toEqual(['REF-100', 'REF-102']);
  });

  it('inside a transaction are written with it, and rolled back with it', async () => {
    await db.query('DELETE FROM audit_log');
    await expect(db.transaction(async (tx) => {
      await audit(tx, look(200));
      throw new Error('the change fails');
    })).rejects.toThrow('the change fails');
    expect(await subjects()).toEqual([]);
  });
});
