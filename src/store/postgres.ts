// The PostgreSQL handle (DATABASE_URL): a pool through `pg`, and the connection that listens for the
// markers' notifications. Loaded by openPostgres in src/store/db.ts, so the embedded database never loads pg.
import pg from 'pg';
import { startChangeListener } from './change-listener.js';
import { mayChangeGeneration } from './change-tracker.js';
import { DEFAULT_DEADLINES, keptStatementNames, REGISTER_TRUST_MS, trackers, type Db, type PostgresDeadlines, type QueryOptions } from './db.js';
import { REGISTER, SETTINGS } from './markers.js';

// pg returns BIGINT (count(*)) as strings; parse them as numbers everywhere.
pg.types.setTypeParser(20, (value) => Number(value));

export async function connectPostgres(url: string, schema?: string, deadlines: PostgresDeadlines = {}): Promise<Db> {
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

  // Each of the pool's connections prepares a kept statement the first time it runs it, under its name.
  const keptName = keptStatementNames();
  const statement = (sql: string, values: unknown[], options: QueryOptions): pg.QueryConfig => {
    const name = options.keep ? keptName(sql) : undefined;
    return name ? { name, text: sql, values } : { text: sql, values };
  };

  const db: Db = {
    kind: 'postgres',
    changes,
    settingsChanges,
    async query<T>(sql: string, params: unknown[] = [], options: QueryOptions = {}) {
      const rows = (await pool.query(statement(sql, params, options))).rows as T[];
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
        async query<R>(sql: string, params: unknown[] = [], options: QueryOptions = {}) {
          return (await client.query(statement(sql, params, options))).rows as R[];
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
