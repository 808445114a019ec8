// One SQL dialect (PostgreSQL) over two drivers: a real server through `pg`, or embedded PGlite on disk.
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { ChangeTracker, isReadOnly } from './change-tracker.js';

export interface Db {
  readonly kind: 'postgres' | 'pglite';
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in one transaction; everything or nothing is written. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** What this handle knows of the register's generation (absent inside a transaction). */
  readonly changes?: ChangeTracker;
}

export interface DatabaseOptions {
  /** A PostgreSQL connection string; when absent, PGlite in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /** For tests: run every statement in this schema (created if missing). */
  schema?: string;
}

/** The channel migration 006's trigger notifies on, with `<schema> <generation>` as payload. */
const REGISTER_CHANNEL = 'ote_register';

export async function openDatabase(options: DatabaseOptions): Promise<Db> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.schema);
  // Loaded only for the embedded database, so a process with DATABASE_URL never loads PGlite.
  const { openPglite } = await import('./pglite.js');
  return wrapPglite(await openPglite(options.dataDir));
}

export async function openPostgres(url: string, schema?: string): Promise<Db> {
  const connection = { connectionString: url, ...(schema ? { options: `-c search_path=${schema}` } : {}) };
  const pool = new pg.Pool({ ...connection, max: 10 });
  pool.on('error', () => undefined);
  if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  const changes = new ChangeTracker(true);
  const listener = await listenForChanges(connection, changes, pool);

  const db: Db = {
    kind: 'postgres',
    changes,
    async query<T>(sql: string, params: unknown[] = []) {
      const rows = (await pool.query(sql, params)).rows as T[];
      if (!isReadOnly(sql)) changes.written();
      return rows;
    },
    async exec(sql: string) {
      await pool.query(sql);
      changes.written();
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
        changes.written();
        client.release();
      }
    },
    async close() {
      changes.disable();
      await listener?.end().catch(() => undefined);
      await pool.end();
    },
  };
  return db;
}

/**
 * A dedicated connection that LISTENs for the register trigger's notifications of this schema. Without it
 * (no permission, a pooler that drops LISTEN) the tracker stays disabled and every read asks.
 */
async function listenForChanges(connection: pg.ClientConfig, changes: ChangeTracker, pool: pg.Pool): Promise<pg.Client | undefined> {
  const client = new pg.Client(connection);
  try {
    await client.connect();
    const [row] = (await pool.query<{ schema: string }>('SELECT current_schema() AS schema')).rows;
    const mine = `${row?.schema ?? 'public'} `;
    client.on('notification', (message) => {
      if (message.channel === REGISTER_CHANNEL && message.payload?.startsWith(mine)) changes.notified(message.payload.slice(mine.length));
    });
    client.on('error', () => changes.disable());
    client.on('end', () => changes.disable());
    await client.query(`LISTEN ${REGISTER_CHANNEL}`);
    return client;
  } catch {
    changes.disable();
    await client.end().catch(() => undefined);
    return undefined;
  }
}

/** PGlite lives in this one process, so every write goes through this handle and none needs a notification. */
export function wrapPglite(lite: PGlite): Db {
  const changes = new ChangeTracker(true);
  const asDb = (runner: Pick<PGlite, 'query' | 'exec'>, root: boolean): Db => ({
    kind: 'pglite',
    ...(root ? { changes } : {}),
    async query<T>(sql: string, params: unknown[] = []) {
      const rows = (await runner.query<T>(sql, params)).rows;
      if (root && !isReadOnly(sql)) changes.written();
      return rows;
    },
    async exec(sql: string) {
      await runner.exec(sql);
      if (root) changes.written();
    },
    transaction: (fn) =>
      root ? lite.transaction((tx) => fn(asDb(tx, false))).finally(() => changes.written()) : fn(asDb(runner, false)),
    close: () => lite.close(),
  });
  return asDb(lite, true);
}

// pg returns BIGINT (count(*)) as strings; parse them as numbers everywhere.
pg.types.setTypeParser(20, (value) => Number(value));
