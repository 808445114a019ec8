// Runs the `ote` command line in-process, capturing its output; against a throw-away PostgreSQL schema when asked.
import { randomBytes } from 'node:crypto';
import { main } from '../../src/cli.js';
import { openPostgres, type Db } from '../../src/store/db.js';
import { TEST_DATABASE_URL } from './db.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export interface CliDatabase {
  db: Db;
  ote(...args: string[]): Promise<CliRun>;
  dispose(): Promise<void>;
}

/** Runs `ote args…` in-process with `env` added to the environment, capturing what it writes. */
export async function runOte(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const capture = (sink: string[]) => ((chunk: string | Uint8Array) => (sink.push(String(chunk)), true)) as typeof process.stdout.write;
  const saved = { stdout: process.stdout.write, stderr: process.stderr.write, env: { ...process.env } };
  Object.assign(process.env, env);
  process.stdout.write = capture(out);
  process.stderr.write = capture(err);
  process.exitCode = 0;
  try {
    await main(['node', 'ote', ...args]);
  } finally {
    process.stdout.write = saved.stdout;
    process.stderr.write = saved.stderr;
    process.env = saved.env;
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { code, out: out.join(''), err: err.join('') };
}

export async function cliAgainstPostgres(): Promise<CliDatabase> {
  const schema = `test_cli_${randomBytes(5).toString('hex')}`;
  const db = await openPostgres(TEST_DATABASE_URL, schema);
  const env = {
    DATABASE_URL: `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    LOG_LEVEL: 'silent',
  };
  return {
    db,
    ote: (...args) => runOte(args, env),
    async dispose() {
      await db.exec(`DROP SCHEMA ${schema} CASCADE`);
      await db.close();
    },
  };
}
