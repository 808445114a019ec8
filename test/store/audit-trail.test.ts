// `/ote audit` counts a period from the kept counts per local day and action, and lists its latest lines
// along the trail's index. Both must say what a plain count over the lines says: on random trails, across
// local midnights and the clock changes, after lines are changed or removed, and for lines written before
// the counts were kept.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localInstant } from '../../src/domain/local-time.js';
import { seededRandom } from '../../src/domain/seeded-random.js';
import { auditedTrail, auditLine, type AuditAction, type AuditTrail } from '../../src/store/audit.js';
import { openPostgres, type Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { DB_KINDS, openTestDb, TEST_DATABASE_URL, type TestDb } from '../support/db.js';

const ACTIONS: AuditAction[] = ['incident.bekeken', 'incident.lijst-bekeken', 'rol.toegewezen', 'audit.bekeken', 'abonnement.gewijzigd'];
const LOOK = auditLine({ platform: 'slack', userId: 'UOFFICE1', role: 'programma' }, 'audit.bekeken', 'test');
const LATEST = 7;

const dayKey = (d: Date) => d.toISOString().slice(0, 10);

/** Local midnights and the hours around both clock changes of 2025, then random instants. */
function instants(random: () => number, count: number): Date[] {
  const edges = [
    localInstant(2025, 1, 1), localInstant(2025, 3, 30), localInstant(2025, 3, 30, 3), localInstant(2025, 3, 31),
    localInstant(2025, 10, 26), localInstant(2025, 10, 26, 2, 30), localInstant(2025, 10, 27), localInstant(2025, 6, 1),
  ].flatMap((at) => [new Date(at.getTime() - 1), at, new Date(at.getTime() + 1)]);
  const from = localInstant(2024, 12, 20).getTime();
  const to = localInstant(2025, 11, 10).getTime();
  return [...edges, ...Array.from({ length: count }, () => new Date(from + Math.floor(random() * (to - from))))];
}

async function writeLines(db: Db, at: readonly Date[], random: () => number): Promise<void> {
  // In statements of several lines, as the batched writer does, and of one.
  for (let i = 0; i < at.length; ) {
    const size = 1 + Math.floor(random() * 12);
    const part = at.slice(i, i + size);
    i += size;
    await db.query(
      `INSERT INTO audit_log (at, actor, role, platform, action, subject)
       SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`,
      [part.map((d) => d.toISOString()), part.map(() => 'slack:U0TEST0001'), part.map(() => 'programma'), part.map(() => 'slack'), part.map(() => ACTIONS[Math.floor(random() * ACTIONS.length)]!), part.map((_, j) => `S-${i + j}`)],
    );
  }
}

/** What a plain count over the lines says of the local days firstDay..lastDay (none: to the end). */
async function plainTrail(db: Db, firstDay: string, lastDay: string | undefined): Promise<AuditTrail> {
  const [y, m, d] = firstDay.split('-').map(Number) as [number, number, number];
  const from = localInstant(y, m, d);
  const end = lastDay ? (() => { const [ly, lm, ld] = lastDay.split('-').map(Number) as [number, number, number]; return localInstant(ly, lm, ld + 1); })() : new Date('9999-01-01');
  const params = [from.toISOString(), end.toISOString()];
  const counts = await db.query<{ action: string; count: number }>(
    'SELECT action, count(*)::int AS count FROM audit_log WHERE at >= $1 AND at < $2 GROUP BY action ORDER BY count DESC, action', params);
  const latest = await db.query<{ id: string; at: string }>(`SELECT id, at FROM audit_log WHERE at >= $1 AND at < $2 ORDER BY at DESC, id DESC LIMIT ${LATEST}`, params);
  return { counts, latest: latest.map((l) => ({ id: Number(l.id), at: new Date(l.at) })) as AuditTrail['latest'] };
}

const shape = (trail: AuditTrail) => ({ counts: trail.counts, latest: trail.latest.map((l) => ({ id: l.id, at: l.at.getTime() })) });

/** Random day ranges within the trail (some to the end), each read through auditedTrail and counted plainly. */
async function compareRandomPeriods(db: Db, random: () => number, periods: number): Promise<void> {
  const first = localInstant(2024, 12, 25).getTime();
  for (let i = 0; i < periods; i++) {
    const start = new Date(first + Math.floor(random() * 300) * 86_400_000 + 43_200_000);
    const days = Math.floor(random() * 90);
    const firstDay = dayKey(start);
    const lastDay = random() < 0.2 ? undefined : dayKey(new Date(start.getTime() + days * 86_400_000));
    const kept = await auditedTrail(db, LOOK, lastDay ? { firstDay, lastDay } : { firstDay }, LATEST);
    // Counted after the look was written, so that the look is in the plain count where it falls in the period.
    expect(shape(kept), `${firstDay}..${lastDay ?? ''}`).toEqual(shape(await plainTrail(db, firstDay, lastDay)));
  }
}

describe.each(DB_KINDS)('the audit trail of a period on %s', (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(kind);
  });
  afterAll(async () => {
    await db.dispose();
  });

  it('counts and lists what a plain count over the lines does, on random trails', async () => {
    const random = seededRandom(2_406);
    await writeLines(db, instants(random, 600), random);
    await compareRandomPeriods(db, random, 40);
  });

  it('still does after lines are changed, removed, or all removed', async () => {
    const random = seededRandom(2_407);
    await db.query("UPDATE audit_log SET action = 'rol.ingetrokken' WHERE id % 7 = 0");
    await db.query("UPDATE audit_log SET at = at + interval '1 hour' WHERE id % 11 = 0");
    await db.query('DELETE FROM audit_log WHERE id % 5 = 0');
    await compareRandomPeriods(db, random, 25);
    await db.exec('TRUNCATE audit_log');
    await writeLines(db, instants(random, 100), random);
    await compareRandomPeriods(db, random, 10);
  });

  it('still does when many looks are written at once, over several connections', async () => {
    const random = seededRandom(2_409);
    const today = new Date();
    const looks = Array.from({ length: 300 }, (_, i) =>
      auditedTrail(db, auditLine({ platform: 'slack', userId: `U0LOOK${i % 9}`, role: 'programma' }, ACTIONS[i % ACTIONS.length]!, `L-${i}`), { firstDay: dayKey(today) }, LATEST));
    await Promise.all(looks);
    await compareRandomPeriods(db, random, 10);
    const [stripes] = await db.query<{ n: number }>('SELECT count(DISTINCT stripe)::int AS n FROM audit_counts');
    if (kind === 'postgres') expect(stripes!.n).toBeGreaterThan(1);
  });

  it('counts from the kept counts, not from the lines', async () => {
    // A day without lines whose kept count says 1.000: only a count that reads the kept counts sees them.
    await db.query("INSERT INTO audit_counts (local_day, action, stripe, count) VALUES ('2023-05-04', 'incident.bekeken', 3, 1000)");
    const trail = await auditedTrail(db, LOOK, { firstDay: '2023-05-04', lastDay: '2023-05-04' }, LATEST);
    expect(trail).toEqual({ counts: [{ action: 'incident.bekeken', count: 1000 }], latest: [] });
  });
});

describe('the kept counts of lines written before they were kept', () => {
  let db: Db;
  let schema: string;
  beforeAll(async () => {
    schema = `test_${randomBytes(6).toString('hex')}`;
    db = await openPostgres(TEST_DATABASE_URL, schema);
    await migrate(db, '023');
  });
  afterAll(async () => {
    await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.close();
  });

  it('counts them from the migration on', async () => {
    const random = seededRandom(2_408);
    await writeLines(db, instants(random, 200), random);
    expect(await migrate(db)).toContain('024_audit_counts.sql');
    await compareRandomPeriods(db, random, 20);
  });
});
