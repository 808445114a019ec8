// `ote start` against a database it cannot reach fails fast, naming the database, its address and the
// setting to check, never the password: a black-holed database (connections accepted, never answered) and
// a refusing one (connections reset), both behind a TCP proxy the test starts.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL } from '../support/db.js';
import { startTcpProxy, throughProxy, type TcpProxy } from '../support/tcp-proxy.js';

const BIN = fileURLToPath(new URL('../../bin/ote.js', import.meta.url));
const PASSWORD = 'geheim-wachtwoord-5433';
let proxy: TcpProxy;

beforeAll(async () => {
  proxy = await startTcpProxy({ port: Number(new URL(TEST_DATABASE_URL).port || 5432) });
});
afterAll(() => proxy.close());

function oteStart(databaseUrl: string): Promise<{ code: number | null; output: string; ms: number }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(DATABASE_URL|REDIS_URL|SLACK_|DISCORD_|PROGRAMME_)/.test(key)));
  const started = Date.now();
  const child = spawn(process.execPath, [BIN, 'start', '--role', 'web'], {
    env: { ...env, DATABASE_URL: databaseUrl, DATABASE_CONNECT_TIMEOUT_MS: '1500', PORT: '0', LOG_LEVEL: 'trace' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += String(chunk)));
  child.stderr.on('data', (chunk) => (output += String(chunk)));
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output, ms: Date.now() - started });
    });
  });
}

function url(): string {
  const parsed = new URL(throughProxy(TEST_DATABASE_URL, proxy));
  parsed.password = PASSWORD;
  return parsed.toString();
}

describe('ote start with an unreachable database', () => {
  it('black-holed: stops within the connect timeout and says where and what to check', async () => {
    proxy.mode = 'blackhole';
    const run = await oteStart(url());
    expect(run.code, run.output).toBe(1);
    expect(run.output).toContain(`database onbereikbaar op 127.0.0.1:${proxy.port}: controleer DATABASE_URL (geen antwoord binnen 1,5 s)`);
    expect(run.output).not.toContain(PASSWORD);
    expect(run.ms).toBeLessThan(20_000);
  }, 30_000);

  it('refusing: the same message with the reason, not a bare read ECONNRESET', async () => {
    proxy.mode = 'refuse';
    const run = await oteStart(url());
    expect(run.code, run.output).toBe(1);
    expect(run.output).toContain(`database onbereikbaar op 127.0.0.1:${proxy.port}: controleer DATABASE_URL (verbinding geweigerd of verbroken)`);
    expect(run.output).not.toContain('Onverwachte fout');
    expect(run.output).not.toContain(PASSWORD);
  }, 30_000);
});
