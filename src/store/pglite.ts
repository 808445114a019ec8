// The embedded database (no DATABASE_URL): PGlite on disk in DATA_DIR. A fresh DATA_DIR starts as a copy of
// a migrated data directory that the build makes once (dist/pglite-template/), instead of running initdb and
// every migration on the user's first start; migrations added later still run at start as usual.
// Settings (measured, see docs/architecture.md): shared_buffers 16 MB instead of PGlite's 128 MB, which
// PostgreSQL touches whole at start; the embedded register is small and the figures read counts.
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { mayChangeGeneration } from './change-tracker.js';
import { trackers, type Db, type QueryOptions } from './db.js';
import { migrate } from './migrate.js';
import { keptStatements } from './pglite-kept.js';

/** Beside the compiled code: dist/pglite-template/ (absent when running the sources: then initdb). */
export const TEMPLATE_DIR = fileURLToPath(new URL('../../pglite-template/', import.meta.url));

export const PGLITE_OPTIONS: PGliteOptions = {
  startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'],
};

export async function openPglite(dataDir: string, template = TEMPLATE_DIR): Promise<PGlite> {
  const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  if (fresh && existsSync(join(template, 'PG_VERSION'))) cpSync(template, dataDir, { recursive: true });
  return PGlite.create(dataDir, PGLITE_OPTIONS);
}

/** Initialises a data directory at `dir` and applies every migration: the template of openPglite. */
export async function writeTemplate(dir: string): Promise<void> {
  const lite = await PGlite.create(dir, PGLITE_OPTIONS);
  try {
    await migrate(wrapPglite(lite));
  } finally {
    await lite.close();
  }
}

/** PGlite lives in this one process, so every write goes through this handle and none needs a notification. */
export function wrapPglite(lite: PGlite): Db {
  const { changes, settingsChanges, written } = trackers(true);
  const kept = keptStatements(lite);
  const asDb = (runner: Pick<PGlite, 'query' | 'exec'>, root: boolean): Db => ({
    kind: 'pglite',
    ...(root ? { changes, settingsChanges } : {}),
    async query<T>(sql: string, params: unknown[] = [], options: QueryOptions = {}) {
      const rows = !options.keep
        ? (await runner.query<T>(sql, params)).rows
        : root ? await kept.run<T>(sql, params) : await kept.runIn<T>(runner, sql, params);
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
