// The commands that show incident detail or the audit trail ask the database once: the read and its audit
// line are one statement, so the line is committed with what is shown, records what was shown, and when it
// cannot be written nothing is shown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommandText } from '../../src/commands/dispatch.js';
import type { Role } from '../../src/domain/types.js';
import type { Reply } from '../../src/render/reply.js';
import { attachCountMirror } from '../../src/store/count-mirror.js';
import type { Db } from '../../src/store/db.js';
import { upsertIncidents, type IncidentInput } from '../../src/store/incidents.js';
import { counting, DB_KINDS, openTestDb, type TestDb } from '../support/db.js';
import { allText } from '../support/reply.js';
import { actor, testRuntime } from '../support/runtime.js';

const NOW = new Date('2025-06-30T10:00:00Z');
const LISTED = 22;

const incident = (i: number): IncidentInput => ({
  reference: `AR-${String(i).padStart(2, '0')}`,
  occurredAt: new Date(Date.UTC(2025, 0, 10 + i, 2, 30)),
  municipalityCode: 'GM0518',
  target: 'woning',
  outcome: 'explosie',
  means: 'vuurwerk',
  postcode4: '2512',
});

describe.each(DB_KINDS)('audited reads on %s', (kind) => {
  let base: TestDb;
  let counted: ReturnType<typeof counting>;
  const say = (text: string, role: Role = 'politie', db: Db = counted.db): Promise<Reply> =>
    runCommandText(text, { actor: actor(role), channel: 'console:test', now: NOW }, testRuntime(db));
  const lastLine = async () =>
    (await base.query<{ action: string; subject: string; detail: Record<string, unknown> }>('SELECT action, subject, detail FROM audit_log ORDER BY id DESC LIMIT 1'))[0];
  const lines = async () => Number((await base.query<{ n: string }>('SELECT count(*) AS n FROM audit_log'))[0]!.n);

  beforeAll(async () => {
    base = await openTestDb(kind);
    await base.transaction((tx) => upsertIncidents(tx, Array.from({ length: LISTED }, (_, i) => incident(i + 1)), 'import', 'test'));
    counted = counting(base);
  });
  afterAll(() => base.dispose());

  /** The statements of a second run, after a first has filled what is kept between commands. */
  const statementsOf = async (text: string, role: Role = 'politie'): Promise<string[]> => {
    await say(text, role);
    counted.reset();
    const reply = await say(text, role);
    expect(reply.isError, allText(reply)).toBeUndefined();
    return [...counted.statements()];
  };

  it.each([
    ['/ote incidenten Den Haag 2025', 'politie'],
    ['/ote incident AR-01', 'politie'],
    ['/ote audit', 'programma'],
  ] as const)('%s asks the database once', async (text, role) => {
    expect(await statementsOf(text, role)).toHaveLength(1);
  });

  it.each([
    ['/ote incident AR-01', 'politie'],
    ['/ote audit', 'programma'],
  ] as const)('%s asks it as a statement the database keeps planned (its text is always the same)', async (text, role) => {
    const statements = await statementsOf(text, role);
    expect(counted.kept()).toEqual(statements);
  });

  it('lists with the counts in memory in one statement too', async () => {
    const mirrored = counting(base);
    // Filled before the first command, as a long-running process fills it at start.
    await attachCountMirror(mirrored.db).current();
    await say('/ote incidenten Den Haag 2025', 'politie', mirrored.db);
    mirrored.reset();
    expect(allText(await say('/ote incidenten Den Haag 2025', 'politie', mirrored.db))).toContain('AR-22');
    expect(mirrored.statements()).toHaveLength(1);
    // With the total as a parameter its text is always the same, so the database keeps it planned.
    expect(mirrored.kept()).toEqual(mirrored.statements());
    expect((await lastLine())!.detail).toMatchObject({ getoond: 20, totaal: LISTED });
  });

  it('records as shown the rows the list showed, and the total', async () => {
    const reply = await say('/ote incidenten Den Haag 2025');
    expect(allText(reply)).toContain('AR-22');
    expect(allText(reply)).not.toContain('AR-01');
    expect(await lastLine()).toMatchObject({ action: 'incident.lijst-bekeken', subject: 'GM0518 2025-01-01..2025-06-30', detail: { getoond: 20, totaal: LISTED } });
    await say('/ote incidenten Den Haag 2024');
    expect((await lastLine())!.detail).toMatchObject({ getoond: 0, totaal: 0 });
  });

  it('records a look at one incident, and a refused or missing one under what was asked', async () => {
    await say('/ote incident ar-01');
    expect(await lastLine()).toMatchObject({ action: 'incident.bekeken', subject: 'AR-01' });
    expect(allText(await say('/ote incident AR-01', 'gemeente'))).not.toContain('2512');
    expect(await lastLine()).toMatchObject({ action: 'incident.inzage-geweigerd', subject: 'AR-01' });
    const missing = await say('/ote incident NOPE-1');
    expect(missing.isError).toBe(true);
    expect(await lastLine()).toMatchObject({ action: 'incident.inzage-geweigerd', subject: 'NOPE-1' });
  });

  it("lists the viewer's own look in /ote audit", async () => {
    const reply = await say('/ote audit', 'programma', base);
    const [counts, latest] = reply.blocks.filter((b) => b.kind === 'table');
    expect(latest?.kind === 'table' && latest.rows[0]).toEqual([expect.any(String), expect.stringContaining('test-programma'), expect.any(String), 'audittrail bekeken', '2025-06-24..2025-06-30']);
    const row = counts?.kind === 'table' ? counts.rows.find((r) => r[0] === 'audittrail bekeken') : undefined;
    const written = (await base.query<{ n: string }>("SELECT count(*) AS n FROM audit_log WHERE action = 'audit.bekeken'"))[0]!.n;
    expect(row?.[1]).toBe(String(written));
  });

  it.each([
    ['/ote incidenten Den Haag 2025', 'politie', 'AR-22'],
    ['/ote incident AR-01', 'politie', '2512'],
    ['/ote audit', 'programma', 'test-politie'],
  ] as const)('%s shows nothing when its audit line is refused', async (text, role, detail) => {
    const before = await lines();
    await base.exec('ALTER TABLE audit_log ADD CONSTRAINT refuse_all CHECK (false) NOT VALID');
    try {
      const reply = await say(text, role);
      expect(reply.isError).toBe(true);
      expect(reply.title).toBe('Dat lukte niet');
      expect(allText(reply)).not.toContain(detail);
    } finally {
      await base.exec('ALTER TABLE audit_log DROP CONSTRAINT refuse_all');
    }
    expect(await lines()).toBe(before);
  });
});
