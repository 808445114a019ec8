// One SQL dialect (PostgreSQL) over two drivers: a real server through `pg`, or embedded PGlite on disk.
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { startChangeListener } from './change-listener.js';
import { ChangeTracker, mayChangeGeneration } from './change-tracker.js';
import { REGISTER, SETTINGS } from './markers.js';

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
  /** What this handle knows of the programme tables' generation (migration 022; absent inside a transaction). */
  readonly settingsChanges?: ChangeTracker;
}

export interface DatabaseOptions {
  /** A PostgreSQL connection string; when absent, PGlite in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /** For tests: run every statement in this schema (created if missing). */
  schema?: string;
  deadlines?: PostgresDeadlines;
}

export interface PostgresDeadlines {
  /** A new connection must be up within this (DATABASE_CONNECT_TIMEOUT_MS). */
  connectMs?: number;
  /** A statement must be answered within this (DATABASE_STATEMENT_TIMEOUT_MS), by the server or else here. */
  statementMs?: number;
  /** The longest this process uses a cached generation (of either marker) without confirming it. */
  trustMs?: number;
  /** How often the listening connection proves it is alive. */
  listenerHeartbeatMs?: number;
}

/** The stated bound on stale figures: a generation learnt more than this long ago is asked for again. */
export const REGISTER_TRUST_MS = 5_000;

export const DEFAULT_DEADLINES = { connectMs: 5_000, statementMs: 30_000 } as const;


export async function openDatabase(options: DatabaseOptions): Promise<Db> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.schema, options.deadlines);
  // Loaded only for the embedded database, so a process with DATABASE_URL never loads PGlite.
  const { openPglite } = await import('./pglite.js');
  return wrapPglite(await openPglite(options.dataDir));
}

export async function openPostgres(url: string, schema?: string, deadlines: PostgresDeadlines = {}): Promise<Db> {
  const { connectMs, statementMs, trustMs = REGISTER_TRUST_MS, listenerHeartbeatMs } = { ...DEFAULT_DEADLINES, ...deadlines };
  const connection: pg.ClientConfig = {
    connectionString: url,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
    connectionTimeoutMillis: connectMs,
    // The server cancels a statement after statementMs; a server that does not answer at all (a network
    // cut, a paused host) is given up on here a second later.
    statement_timeout: statementMs,
    query_timeout: statementMs + 1_000,
    keepAlive: true,
  };
  const pool = new pg.Pool({ ...connection, max: 10 });
  pool.on('error', () => undefined);
  if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  const { changes, settingsChanges, written } = trackers(false, { trustMs });
  const [row] = (await pool.query<{ schema: string }>('SELECT current_schema() AS schema')).rows;
  const byChannel = new Map([[REGISTER.channel, changes], [SETTINGS.channel, settingsChanges]]);
  const listener = startChangeListener(connection, row?.schema ?? 'public', byChannel, listenerHeartbeatMs ? { heartbeatMs: listenerHeartbeatMs } : {});
  await listener.ready;

  const db: Db = {
    kind: 'postgres',
    changes,
    settingsChanges,
    async query<T>(sql: string, params: unknown[] = []) {
      const rows = (await pool.query(sql, params)).rows as T[];
      if (mayChangeGeneration(sql)) written();
      return rows;
    },
    async exec(sql: string) {
      await pool.query(sql);
      written();
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>) {
      const client = await pool.connect();
      // A connection lost while checked out emits 'error' on the client, which would end the process
      // without a listener; the statement in flight fails anyway, and the dead client is not reused.
      let lost: Error | undefined;
      const onError = (error: Error) => void (lost = error);
      client.on('error', onError);
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
        written();
        client.off('error', onError);
        client.release(lost);
      }
    },
    async close() {
      await listener.close();
      await pool.end();
    },
  };
  return db;
}

/** A handle's tracker of each marker; a write through the handle makes both forget what they know. */
function trackers(listening: boolean, options: { trustMs?: number } = {}) {
  const changes = new ChangeTracker(listening, options);
  const settingsChanges = new ChangeTracker(listening, options);
  return {
    changes,
    settingsChanges,
    written() {
      changes.written();
      settingsChanges.written();
    },
  };
}

/** PGlite lives in this one process, so every write goes through this handle and none needs a notification. */
export function wrapPglite(lite: PGlite): Db {
  const { changes, settingsChanges, written } = trackers(true);
  const asDb = (runner: Pick<PGlite, 'query' | 'exec'>, root: boolean): Db => ({
    kind: 'pglite',
    ...(root ? { changes, settingsChanges } : {}),
    async query<T>(sql: string, params: unknown[] = []) {
      const rows = (await runner.query<T>(sql, params)).rows;
      if (root && mayChangeGeneration(sql)) written();
      return rows;
    },
    async exec(sql: string) {
      await runner.exec(sql);
      if (root) written();
    },
    transaction: (fn) =>
      root ? lite.transaction((tx) => fn(asDb(tx, false))).finally(written) : fn(asDb(runner, false)),
    close: () => lite.close(),
  });
  return asDb(lite, true);
}

// pg returns BIGINT (count(*)) as strings; parse them as numbers everywhere.
pg.types.setTypeParser(20, (value) => Number(value));
