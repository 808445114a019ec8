// One SQL dialect (PostgreSQL) over two drivers: a real server through `pg`, or embedded PGlite on disk.
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';

export interface Db {
  readonly kind: 'postgres' | 'pglite';
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in one transaction; everything or nothing is written. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A PostgreSQL connection string; when absent, PGlite in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /** For tests: run every statement in this schema (created if missing). */
  schema?: string;
}

export async function openDatabase(options: DatabaseOptions): Promise<Db> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.schema);
  return wrapPglite(await PGlite.create(options.dataDir));
}

export async function openPostgres(url: string, schema?: string): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // Timestamps come back as Date; BIGINT counts as numbers (our counts are far below 2^53).
  pool.on('error', () => undefined);
  if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  const db: Db = {
    kind: 'postgres',
    async query<T>(sql: string, params: unknown[] = []) {
      return (await pool.query(sql, params)).rows as T[];
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>) {
      const client = await pool.connect();
      const tx: Db = {
        kind: 'postgres',
        async query<R>(sql: string, params: unknown[] = []) {
          return (await client.query(sql, params)).rows as R[];
        },
        async exec(sql: string) {
          await client.query(sql);
        },
        transaction: (inner) => inner(tx),
        close: async () => undefined,
      };
      try {
        await client.query('BEGIN');
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
  return db;
}

export function wrapPglite(lite: PGlite): Db {
  const asDb = (runner: Pick<PGlite, 'query' | 'exec'>): Db => ({
    kind: 'pglite',
    async query<T>(sql: string, params: unknown[] = []) {
      return (await runner.query<T>(sql, params)).rows;
    },
    async exec(sql: string) {
      await runner.exec(sql);
    },
    transaction: (fn) => (runner === lite ? lite.transaction((tx) => fn(asDb(tx))) : fn(asDb(runner))),
    close: () => lite.close(),
  });
  return asDb(lite);
}

// pg returns BIGINT (count(*)) as strings; parse them as numbers everywhere.
pg.types.setTypeParser(20, (value) => Number(value));
