// Sums of arrests over dates, nationally and per municipality, say what plain SQL over the table says,
// also right after arrests are added (the held sums follow the register's generation).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/domain/seeded-random.js';
import { addArrests, sumArrests, type ArrestCount } from '../../src/store/arrests.js';
import { DB_KINDS, openTestDb, type TestDb } from '../support/db.js';

const CODES = ['GM0599', 'GM0363', 'GM0014'];

function arrests(seed: number, count: number): ArrestCount[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => ({
    date: new Date(Date.UTC(2024, 0, 1) + Math.floor(random() * 500) * 86_400_000).toISOString().slice(0, 10),
    count: 1 + Math.floor(random() * 4),
    municipalityCode: random() < 0.4 ? null : CODES[Math.floor(random() * CODES.length)]!,
  }));
}

describe.each(DB_KINDS)('sumArrests on %s', (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(kind);
  });
  afterAll(async () => {
    await db.dispose();
  });

  const plain = async (first: string, last: string, code?: string) =>
    (await db.query<{ n: number }>(
      'SELECT coalesce(sum(count), 0)::int AS n FROM arrests WHERE arrest_date BETWEEN $1 AND $2 AND ($3::text IS NULL OR municipality_code = $3)',
      [first, last, code ?? null],
    ))[0]!.n;

  it('equal plain SQL for random dates, before and after more arrests are added', async () => {
    const random = seededRandom(77);
    const day = () => new Date(Date.UTC(2023, 11, 20) + Math.floor(random() * 540) * 86_400_000).toISOString().slice(0, 10);
    expect(await sumArrests(db, '2024-01-01', '2024-12-31')).toBe(0);
    for (const seed of [1, 2]) {
      await addArrests(db, arrests(seed, 300), 'test');
      for (let i = 0; i < 40; i++) {
        const [first, last] = [day(), day()].sort() as [string, string];
        const code = i % 3 === 0 ? undefined : i % 3 === 1 ? CODES[i % CODES.length] : 'GM0344';
        expect(await sumArrests(db, first, last, code), `${first}..${last} ${code ?? ''}`).toBe(await plain(first, last, code));
      }
      expect(await sumArrests(db, '2024-03-05', '2024-03-05')).toBe(await plain('2024-03-05', '2024-03-05'));
    }
  });
});
