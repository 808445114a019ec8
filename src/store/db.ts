// One SQL dialect (PostgreSQL) over two drivers: a real server through `pg`, or embedded PGlite on disk.
// Each driver is loaded only when a handle of its kind is opened.
import { ChangeTracker } from './change-tracker.js';

export interface QueryOptions {
  /**
   * Kept parsed and planned by the database under a name, for the next run of the same text: for a
   * statement of one of a few texts that runs on every command or write (its values are parameters).
   */
  keep?: boolean;
}

/** Beyond this many texts a handle runs a statement as a one-off: kept statements are for a handful of texts. */
export const MAX_KEPT_STATEMENTS = 64;

/** A handle's names for kept statements, one per text; undefined past MAX_KEPT_STATEMENTS texts (a one-off). */
export function keptStatementNames(): (sql: string) => string | undefined {
  const names = new Map<string, string>();
  return (sql) => {
    const known = names.get(sql);
    if (known !== undefined || names.size >= MAX_KEPT_STATEMENTS) return known;
    const name = `ote_kept_${names.size + 1}`;
    names.set(sql, name);
    return name;
  };
}

export interface Db {
  readonly kind: 'postgres' | 'pglite';
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], options?: QueryOptions): Promise<T[]>;
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
  const [{ openPglite, wrapPglite }, { lockDataDir }] = await Promise.all([import('./pglite.js'), import('./data-dir-lock.js')]);
  // Two processes in one data directory damage it: the second is refused before it opens a file.
  const lock = lockDataDir(options.dataDir);
  try {
    const db = wrapPglite(await openPglite(options.dataDir));
    return { ...db, close: () => db.close().finally(() => lock.release()) };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** PostgreSQL through `pg` (src/store/postgres.ts), loaded only by a process that uses it. */
export async function openPostgres(url: string, schema?: string, deadlines: PostgresDeadlines = {}): Promise<Db> {
  const { connectPostgres } = await import('./postgres.js');
  return connectPostgres(url, schema, deadlines);
}

/** A handle's tracker of each marker; a write through the handle makes both forget what they know. */
export function trackers(listening: boolean, options: { trustMs?: number } = {}) {
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
