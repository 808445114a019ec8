// A generated register of a million incidents (2022-2025) in a throw-away schema on the real PostgreSQL,
// written by the server itself from generate_series (seconds, not minutes of client round trips), with the
// migrations applied first so every trigger and index is the production one. Seeded: the same register
// every run. Larger municipalities get more incidents (a squared uniform draw over the list).
import { randomBytes } from 'node:crypto';
import { loadMunicipalities } from '../../src/reference/municipalities.js';
import { openPostgres, type Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';

export const BIG_INCIDENTS = 1_000_000;
export const BIG_YEARS = [2022, 2023, 2024, 2025] as const;

export interface BigRegister {
  schema: string;
  databaseUrl: string;
  db: Db;
  references: string[];
  /** Generating, indexing and analysing, in ms. */
  buildMs: number;
  drop(): Promise<void>;
}

export function schemaUrl(baseUrl: string, schema: string): string {
  return `${baseUrl}${baseUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}

/**
 * The bench's own handle writes a million rows in one statement, which takes minutes on a loaded 2-core
 * machine; the bot's 30-second statement deadline would cancel it. The bot under test opens its own
 * connections with its own deadlines, which this does not touch.
 */
const BULK_LOAD_DEADLINES = { statementMs: 30 * 60_000 } as const;

export async function createBigRegister(baseUrl: string, count = BIG_INCIDENTS): Promise<BigRegister> {
  const schema = `bench_big_${randomBytes(5).toString('hex')}`;
  const db = await openPostgres(baseUrl, schema, BULK_LOAD_DEADLINES);
  const started = performance.now();
  try {
    await migrate(db);
    const codes = loadMunicipalities().map((m) => m.code);
    await db.transaction(async (tx) => {
      await tx.query('SELECT setseed(0.4215)');
      await tx.query(
        `INSERT INTO incidents (reference, occurred_at, municipality_code, target, outcome, means, postcode4, status, source)
         SELECT 'GEN-' || lpad(g::text, 7, '0'),
                date_trunc('second', t0 + random() * (t1 - t0)),
                ($1::text[])[1 + floor(power(random(), 2) * cardinality($1::text[]))::int],
                CASE WHEN r1 < 0.72 THEN 'woning' WHEN r1 < 0.87 THEN 'bedrijf' WHEN r1 < 0.97 THEN 'voertuig' ELSE 'overig' END,
                CASE WHEN random() < 0.7 THEN 'explosie' ELSE 'poging' END,
                (ARRAY['vuurwerk', 'explosief', 'handgranaat', 'onbekend'])[1 + floor(random() * 4)::int],
                CASE WHEN random() < 0.8 THEN (1000 + floor(random() * 9000))::int::text END,
                CASE WHEN random() < 0.01 THEN 'ingetrokken' ELSE 'actief' END,
                'import'
         FROM generate_series(1, $2::int) AS g,
              LATERAL (SELECT random() + 0 * g AS r1) AS draw,
              LATERAL (SELECT timestamp '2022-01-01' AT TIME ZONE 'Europe/Amsterdam' AS t0,
                              timestamp '2026-01-01' AT TIME ZONE 'Europe/Amsterdam' AS t1) AS span`,
        [codes, count],
      );
    });
    await db.exec('ANALYZE');
  } catch (error) {
    await dropSchema(db, schema);
    throw error;
  }
  const buildMs = performance.now() - started;
  const references = (await db.query<{ reference: string }>(
    "SELECT reference FROM incidents WHERE status = 'actief' ORDER BY md5(reference) LIMIT 500",
  )).map((r) => r.reference);
  return { schema, databaseUrl: schemaUrl(baseUrl, schema), db, references, buildMs, drop: () => dropSchema(db, schema) };
}

async function dropSchema(db: Db, schema: string): Promise<void> {
  await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await db.close();
}
