// `ote start` on the console as a person types at it: the replies and the alerts their commands cause are
// the whole output; the bot's own info log lines (a job enqueued, a post made) do not run through them
// unless LOG_LEVEL asks for them.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPostgres, type Db } from '../../../src/store/db.js';
import { TEST_DATABASE_URL } from '../../support/db.js';

const BIN = fileURLToPath(new URL('../../../bin/ote.js', import.meta.url));
const schema = `test_console_${randomBytes(5).toString('hex')}`;
let db: Db;

beforeAll(async () => {
  db = await openPostgres(TEST_DATABASE_URL, schema);
});
afterAll(async () => {
  await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await db.close();
});

function typeAtConsole(lines: string[]): Promise<{ stdout: string; code: number | null }> {
  const { LOG_LEVEL: _unset, ...env } = process.env;
  const child = spawn(process.execPath, [BIN, 'start'], {
    env: { ...env, DATABASE_URL: `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`, PORT: '0' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  // What the person sees: the terminal shows standard output and standard error alike.
  let stdout = '';
  const show = (chunk: Buffer) => (stdout += chunk.toString('utf8'));
  child.stdout.on('data', show);
  child.stderr.on('data', show);
  child.stdin.end(`${lines.join('\n')}\n`);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (child.kill('SIGKILL'), reject(new Error(`console did not stop:\n${stdout}`))), 60_000);
    child.on('exit', (code) => (clearTimeout(timer), resolve({ stdout, code })));
  });
}

it('shows the replies and the alert of a reported attack, without log lines', async () => {
  const when = DateTime.now().setZone('Europe/Amsterdam').minus({ hours: 1 }).toFormat("yyyy-MM-dd'T'HH:mm");
  const { stdout, code } = await typeAtConsole([
    '/ote meldingen aan',
    `/ote melden ref=CON-1 wanneer=${when} gemeente=Rotterdam doel=woning resultaat=explosie middel=vuurwerk postcode=3067`,
    'exit',
  ]);
  expect(code).toBe(0);
  expect(stdout).toContain('Incident gemeld');
  expect(stdout).toContain('Aanslag in Rotterdam: explosie, woning');
  expect(stdout).not.toContain('"level":');
}, 90_000);
