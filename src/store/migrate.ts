// Applies the numbered SQL files of ./migrations in order, each once, all of them in one transaction under an
// advisory lock: a start that fails halfway leaves the schema as it was.
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
// Any fixed number: replicas that start together take turns instead of racing.
const MIGRATION_LOCK = 471_543;

/** Applies every migration not yet applied; with `upTo` (e.g. `007`) only those numbered up to it. */
export async function migrate(db: Db, upTo?: string): Promise<string[]> {
  const files = (await readdir(MIGRATIONS_DIR))
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f) && (upTo === undefined || f.slice(0, 3) <= upTo))
    .sort();
  // The usual start: everything is applied already, which two reads tell without the lock and the DDL.
  if (await allApplied(db, files)) return [];
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
    );
    const done = new Set((await tx.query<{ version: string }>('SELECT version FROM schema_migrations')).map((r) => r.version));
    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file)) continue;
      const sql = await readFile(MIGRATIONS_DIR + file, 'utf8');
      await tx.exec(sql);
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [file]);
      applied.push(file);
    }
    return applied;
  });
}

async function allApplied(db: Db, files: readonly string[]): Promise<boolean> {
  const [table] = await db.query<{ name: string | null }>("SELECT to_regclass('schema_migrations')::text AS name");
  if (!table?.name) return false;
  const done = new Set((await db.query<{ version: string }>('SELECT version FROM schema_migrations')).map((r) => r.version));
  return files.every((file) => done.has(file));
}
