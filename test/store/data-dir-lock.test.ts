// One process at a time in an embedded data directory: a second `ote` beside a running bot used to write to
// the same PGlite files and leave them unopenable ("Aborted()"). Real second processes hold the lock here.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirInUse, LOCK_FILE, lockDataDir } from '../../src/store/data-dir-lock.js';
import { openDatabase } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { runOte } from '../support/cli.js';

const LOCK_MODULE = fileURLToPath(new URL('../../src/store/data-dir-lock.ts', import.meta.url));
const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ote-lock-'));
  dirs.push(dir);
  return dir;
}

/** Another process that takes the lock and keeps it until it is killed; resolves once it holds it. */
async function holder(dir: string): Promise<ChildProcess> {
  const script = `import { lockDataDir } from ${JSON.stringify(LOCK_MODULE)}; lockDataDir(process.argv[1]); process.stdout.write('held\\n'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the other process did not take the lock within 20 s')), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('held')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`the other process ended (${code})`)));
  });
  return child;
}

describe('the lock on an embedded data directory', () => {
  it('refuses a second process while the first holds it, naming that process', async () => {
    const dir = freshDir();
    const other = await holder(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirInUse);
    try {
      lockDataDir(dir);
    } catch (error) {
      expect(error).toMatchObject({ dir, pid: other.pid });
    }
  }, 30_000);

  it('takes over a lock left by a process that has ended, and gives it up on release', async () => {
    const dir = freshDir();
    const other = await holder(dir);
    other.kill('SIGKILL');
    await new Promise((resolve) => other.once('exit', resolve));
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
    const lock = lockDataDir(dir);
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    lockDataDir(dir).release();
  }, 30_000);

  it('takes over a lock file that names no process', () => {
    const dir = freshDir();
    writeFileSync(join(dir, LOCK_FILE), 'not a pid\n');
    lockDataDir(dir).release();
  });

  it('refuses the same directory twice in one process too', () => {
    const dir = freshDir();
    const lock = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirInUse);
    lock.release();
  });

  it('keeps the embedded database openable: a second opening is refused, and the first writes on', async () => {
    const dir = freshDir();
    const first = await openDatabase({ dataDir: dir });
    await migrate(first);
    await first.query("INSERT INTO published_totals (year, month, count, source) VALUES (2019, 0, 7, 'test')");
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(DataDirInUse);
    await first.query("INSERT INTO published_totals (year, month, count, source) VALUES (2019, 1, 8, 'test')");
    await first.close();
    const again = await openDatabase({ dataDir: dir });
    expect(await again.query('SELECT month, count FROM published_totals WHERE year = 2019 ORDER BY month')).toEqual([{ month: 0, count: 7 }, { month: 1, count: 8 }]);
    await again.close();
  }, 120_000);

  it('tells the user of `ote` which process holds DATA_DIR and what to do, in words', async () => {
    const dir = freshDir();
    const other = await holder(dir);
    const { code, out, err } = await runOte(['say', '/ote help'], { DATA_DIR: dir, DATABASE_URL: '' });
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain(`DATA_DIR ${dir} is in gebruik door een ander ote-proces (pid ${other.pid})`);
    expect(err).toContain('DATABASE_URL');
    expect(err).not.toMatch(/Onverwachte fout|Error|at .*\.ts:/);
  }, 30_000);
});
