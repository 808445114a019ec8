// The installed command line: bin/ote.js runs the compiled output in dist/ (built by `npm install` through
// the prepare script), and loads a subcommand's dependencies only when that subcommand runs. The build is
// made again first when a source is newer than it, so this tests the code in the tree.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const HEAVY = ['@electric-sql/pglite', 'node_modules/pg/', '@slack/bolt', 'discord.js', 'bullmq', 'ioredis', '@resvg/resvg-js', 'tsx'];

async function oteImports(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 20_000): Promise<{ stdout: string; imports: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'ote-imports-'));
  const file = join(dir, 'imports.txt');
  try {
    const running = promisify(execFile)(
      process.execPath,
      ['--import', join(root, 'test/support/record-imports.mjs'), join(root, 'bin/ote.js'), ...args],
      { cwd: root, env: { ...process.env, OTE_FROM_SOURCE: '', OTE_RECORD_IMPORTS: file, ...env }, timeout: timeoutMs },
    );
    // Nothing typed: a console sees the end of its input at once.
    running.child.stdin?.end();
    const { stdout } = await running;
    return { stdout, imports: readFileSync(file, 'utf8').split('\n').filter(Boolean) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

beforeAll(() => {
  const built = join(root, 'dist/src/cli.js');
  const sources = Math.max(...['src', 'commands', 'jobs', 'reference'].map((dir) => newestSource(join(root, dir))));
  if (!existsSync(built) || statSync(built).mtimeMs < sources) execFileSync(process.execPath, [join(root, 'scripts/build.js')], { cwd: root, stdio: 'ignore', timeout: 240_000 });
}, 300_000);

describe('bin/ote.js', () => {
  it('runs the compiled command line, and --help loads no database, platform, queue, chart library or TypeScript compiler', async () => {
    const { stdout, imports } = await oteImports(['--help']);
    expect(stdout).toContain('say');
    expect(stdout).toContain('Importeert incidenten');
    expect(imports.some((url) => url.includes('/dist/src/cli.js'))).toBe(true);
    expect(imports.filter((url) => url.includes('/src/') && !url.includes('/dist/'))).toEqual([]);
    expect(imports.filter((url) => HEAVY.some((name) => url.includes(name)))).toEqual([]);
  });

  it('answers `say` on the embedded database without loading a chat platform, the PostgreSQL driver, the queue, Redis, metrics, the holiday calendar, the chart rasteriser or a CSV parser', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ote-say-'));
    try {
      const { stdout, imports } = await oteImports(['say', '/ote help'], { DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '', SLACK_BOT_TOKEN: '', DISCORD_TOKEN: '' });
      expect(stdout).toContain('/ote doel');
      const unneeded = ['node_modules/discord.js', '@slack/bolt', 'node_modules/pg/', 'bullmq', 'ioredis', 'prom-client', 'date-holidays', '@resvg/resvg-js', 'csv-parse'];
      expect(imports.filter((url) => unneeded.some((name) => url.includes(name)))).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('starts on the embedded database without Redis, and loads neither the PostgreSQL driver nor the queue library nor Redis', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ote-start-'));
    try {
      // The console ends at the end of its input (none here), and the bot with it.
      const { stdout, imports } = await oteImports(['start'], { DATA_DIR: dataDir, PORT: '0', DATABASE_URL: '', REDIS_URL: '', SLACK_BOT_TOKEN: '', DISCORD_TOKEN: '' }, 60_000);
      expect(stdout).toContain('Console');
      const unneeded = ['node_modules/pg/', 'node_modules/pg-pool/', 'bullmq', 'ioredis', 'node_modules/discord.js', '@slack/bolt'];
      expect(imports.filter((url) => unneeded.some((name) => url.includes(name)))).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);

  it('loads only the subcommand asked for: `help doelen` loads no other subcommand file', async () => {
    const { stdout, imports } = await oteImports(['help', 'doelen']);
    expect(stdout).toContain('basisjaar');
    const subcommands = imports.filter((url) => url.includes('/dist/src/cli/')).map((url) => url.slice(url.lastIndexOf('/') + 1));
    expect(subcommands).toContain('targets.js');
    expect(subcommands.filter((name) => !['index.js', 'commander-words.js', 'targets.js', 'shared.js'].includes(name))).toEqual([]);
  });
});
