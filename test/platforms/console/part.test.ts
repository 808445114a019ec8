// The console is a platform like the others: in the console role the composition root opens it, its
// start loads the demo register into an empty database, and its prompt runs in the foreground (App.run)
// until the input ends; stopping the app afterwards stops it with the rest.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { silentLogger } from '../../../src/logger.js';
import { createApp } from '../../../src/main.js';
import { openPostgres } from '../../../src/store/db.js';
import { TEST_DATABASE_URL } from '../../support/db.js';

const schema = `test_console_${randomBytes(4).toString('hex')}`;
afterAll(async () => {
  const cleanup = await openPostgres(TEST_DATABASE_URL);
  await cleanup.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await cleanup.close();
});

it('runs piped commands as the console role inside the app, after loading the demo register', async () => {
  const setup = await openPostgres(TEST_DATABASE_URL, schema);
  await setup.close();
  const config = loadConfig({
    DATABASE_URL: `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'ote-console-')),
    CONSOLE_ROLE: 'politie',
  });
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const app = await createApp(config, { roles: ['console'], logger: silentLogger, terminal: { input, output } });
  try {
    await app.start();
    expect(app.describe().some((line) => line.startsWith('Het register was leeg: demogegevens geladen'))).toBe(true);
    expect(app.describe()).toContain('Console als politie. Typ /ote help; stop met exit of Ctrl+D.');
    input.end('/ote doel\n');
    await app.run();
    expect(text).toContain('ote> /ote doel');
    expect(text).toMatch(/Doel 20\d\d/);
  } finally {
    await app.stop();
  }
}, 60_000);
