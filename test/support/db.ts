// Test databases: a migrated PGlite cloned from a cached template (opening a fresh one costs ~5 s),
// or a throw-away schema on the real PostgreSQL at 127.0.0.1:5432.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { openPostgres, type Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { PGLITE_OPTIONS, wrapPglite } from '../../src/store/pglite.js';

export const DB_KINDS = ['pglite', 'postgres'] as const;
export type DbKind = (typeof DB_KINDS)[number];
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDb extends Db {
  /** Closes and, for PostgreSQL, drops the schema. */
  dispose(): Promise<void>;
}

/** The handle, and the statements it was asked (and which of them to keep planned), so a test can tell a kept answer from a fresh read. */
export function counting(db: Db): { db: Db; statements(): readonly string[]; kept(): readonly string[]; asked(table: RegExp): number; reset(): void } {
  let statements: string[] = [];
  let kept: string[] = [];
  const wrapped: Db = {
    ...db,
    query: (sql, params, options) => (statements.push(sql), options?.keep && kept.push(sql), db.query(sql, params, options)),
    exec: (sql) => (statements.push(sql), db.exec(sql)),
  };
  return {
    db: wrapped,
    statements: () => statements,
    kept: () => kept,
    asked: (table) => statements.filter((sql) => table.test(sql)).length,
    reset: () => void ((statements = []), (kept = [])),
  };
}

export async function openTestDb(kind: DbKind): Promise<TestDb> {
  return kind === 'pglite' ? openTestPglite() : openTestPostgres();
}

export async function openTestPostgres(): Promise<TestDb> {
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const db = await openPostgres(TEST_DATABASE_URL, schema);
  await migrate(db);
  return {
    ...db,
    async dispose() {
      await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.close();
    },
  };
}

export async function openTestPglite(): Promise<TestDb> {
  const template = await migratedTemplate();
  const lite = await PGlite.create({ ...PGLITE_OPTIONS, loadDataDir: new Blob([template]) });
  const db = wrapPglite(lite);
  return { ...db, dispose: () => db.close() };
}

async function migratedTemplate(): Promise<Uint8Array> {
  const dir = fileURLToPath(new URL('../../src/store/migrations/', import.meta.url));
  const hash = createHash('sha256');
  for (const file of (await readdir(dir)).sort()) hash.update(file).update(await readFile(join(dir, file)));
  const path = join(tmpdir(), `ote-pglite-template-${hash.digest('hex').slice(0, 16)}.tar`);
  if (existsSync(path)) return new Uint8Array(await readFile(path));
  const lite = await PGlite.create(PGLITE_OPTIONS);
  await migrate(wrapPglite(lite));
  const dump = new Uint8Array(await (await lite.dumpDataDir('none')).arrayBuffer());
  await lite.close();
  const partial = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(partial, dump);
  await rename(partial, path);
  return dump;
}
