// What is kept per generation follows writes made through another connection and ignores rolled-back ones.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openPostgres, type Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { countedIncidents, hasDemoIncidents, upsertIncidents, type IncidentInput } from '../../src/store/incidents.js';
import { registerGeneration } from '../../src/store/register-cache.js';
import { TEST_DATABASE_URL } from '../support/db.js';

const schema = `test_cache_${randomBytes(5).toString('hex')}`;
let reader: Db;
let writer: Db;
const YEAR: [Date, Date] = [new Date('2024-12-31T23:00:00Z'), new Date('2025-12-31T23:00:00Z')];
const incident = (reference: string, iso: string): IncidentInput => ({
  reference,
  occurredAt: new Date(iso),
  municipalityCode: 'GM0363',
  target: 'woning',
  outcome: 'explosie',
  means: 'vuurwerk',
  postcode4: null,
});

beforeAll(async () => {
  reader = await openPostgres(TEST_DATABASE_URL, schema);
  writer = await openPostgres(TEST_DATABASE_URL, schema);
  await migrate(writer);
});
afterAll(async () => {
  await writer.exec(`DROP SCHEMA ${schema} CASCADE`);
  await Promise.all([reader.close(), writer.close()]);
});

describe('the cached register', () => {
  it('sees its own write at once, and a write through another connection as soon as PostgreSQL notifies it', async () => {
    expect(await hasDemoIncidents(reader)).toBe(false);
    await writer.transaction((tx) => upsertIncidents(tx, [incident('C1', '2025-05-01T01:00:00Z')], 'demo', 'test'));
    expect(await hasDemoIncidents(writer)).toBe(true);
    await vi.waitFor(async () => expect(await hasDemoIncidents(reader)).toBe(true), { timeout: 5_000, interval: 20 });
    await writer.query("DELETE FROM incidents WHERE reference = 'C1'");
    expect(await hasDemoIncidents(writer)).toBe(false);
    await vi.waitFor(async () => expect(await hasDemoIncidents(reader)).toBe(false), { timeout: 5_000, interval: 20 });
  });

  it('knows the generation without asking once it is settled, and forgets it on a write', async () => {
    const settled = await registerGeneration(writer);
    expect(writer.changes?.known()).toBe(settled);
    await writer.query('UPDATE incidents SET status = status');
    expect(writer.changes?.known()).toBeUndefined();
    const next = await registerGeneration(writer);
    expect(next).not.toBe(settled);
    await vi.waitFor(() => expect(reader.changes?.known()).toBe(next), { timeout: 5_000, interval: 20 });
  });

  it('ignores notifications of another schema', async () => {
    const before = await registerGeneration(reader);
    const other = await openPostgres(TEST_DATABASE_URL, `${schema}_x`);
    try {
      await migrate(other);
      await other.query('UPDATE incidents SET status = status');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await registerGeneration(reader)).toBe(before);
    } finally {
      await other.exec(`DROP SCHEMA ${schema}_x CASCADE`);
      await other.close();
    }
  });

  it('ignores a write that was rolled back', async () => {
    await expect(
      writer.transaction(async (tx) => {
        await upsertIncidents(tx, [incident('C2', '2025-06-01T01:00:00Z')], 'demo', 'test');
        expect((await countedIncidents(tx, ...YEAR)).length).toBe(1);
        throw new Error('terugdraaien');
      }),
    ).rejects.toThrow('terugdraaien');
    expect(await countedIncidents(reader, ...YEAR)).toEqual([]);
    expect(await countedIncidents(writer, ...YEAR)).toEqual([]);
    expect(await hasDemoIncidents(reader)).toBe(false);
  });

  it('cuts periods across year boundaries exactly', async () => {
    await writer.transaction((tx) =>
      upsertIncidents(tx, [incident('C3', '2024-12-31T22:59:59Z'), incident('C4', '2024-12-31T23:00:00Z'), incident('C5', '2025-01-01T00:00:00Z')], 'import', 'test'),
    );
    const around = await countedIncidents(writer, new Date('2024-12-31T22:00:00Z'), new Date('2025-01-01T00:00:00Z'));
    expect(around.map((i) => i.occurredAt.toISOString())).toEqual(['2024-12-31T22:59:59.000Z', '2024-12-31T23:00:00.000Z']);
  });
});
