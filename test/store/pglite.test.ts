// The embedded database on disk: a fresh DATA_DIR starts as a copy of the migrated template the build writes,
// keeps what is written across restarts, and runs with the chosen settings.
import { mkdtempSync, rmSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/store/migrate.js';
import { openPglite, wrapPglite } from '../../src/store/pglite.js';

const migrations = async () => (await readdir(fileURLToPath(new URL('../../src/store/migrations/', import.meta.url)))).filter((f) => f.endsWith('.sql')).sort();

describe('embedded PGlite in a data directory', () => {
  let dir: string;
  let template: string;
  let templateMadeBefore: Date;
  let beforeMigrating: unknown;
  let migrated: string[];

  // The template is made as the build's writeTemplate makes it (a start without a template: initdb, then
  // every migration), watched from outside.
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ote-pglite-'));
    template = join(dir, 'template');
    const db = wrapPglite(await openPglite(template, join(dir, 'missing')));
    beforeMigrating = await db.query("SELECT to_regclass('schema_migrations') AS migrations");
    migrated = await migrate(db);
    await db.close();
    templateMadeBefore = new Date();
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts a fresh directory from the template: every migration is already there, applied when the template was made', async () => {
    const lite = await openPglite(join(dir, 'data'), template);
    const db = wrapPglite(lite);
    const applied = await db.query<{ version: string; applied_at: Date }>('SELECT version, applied_at FROM schema_migrations ORDER BY version');
    expect(applied.map((r) => r.version)).toEqual(await migrations());
    for (const row of applied) expect(new Date(row.applied_at).getTime()).toBeLessThan(templateMadeBefore.getTime());
    expect(await migrate(db)).toEqual([]);
    await db.query("INSERT INTO published_totals (year, month, count, source) VALUES (2019, 0, 7, 'test')");
    await db.close();
  });

  it('opens the same directory again with what was written, not the template', async () => {
    const db = wrapPglite(await openPglite(join(dir, 'data'), template));
    expect(await db.query('SELECT count FROM published_totals WHERE year = 2019')).toEqual([{ count: 7 }]);
    await db.close();
  });

  it('without a template runs initdb and the migrations, as before', async () => {
    expect(beforeMigrating).toEqual([{ migrations: null }]);
    expect(migrated).toEqual(await migrations());
  });

  it('runs with small shared buffers (PGlite would take 128 MB)', async () => {
    const db = wrapPglite(await openPglite(join(dir, 'data'), template));
    expect(await db.query('SHOW shared_buffers')).toEqual([{ shared_buffers: '16MB' }]);
    await db.close();
  });
});
