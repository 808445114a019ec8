import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commands } from '../../commands/index.js';
import { defineCommand } from '../../commands/types.js';
import { runCommand, runCommandText } from '../../src/commands/dispatch.js';
import { createLogger } from '../../src/logger.js';
import { openTestDb, type TestDb } from '../support/db.js';
import { allText } from '../support/reply.js';
import { actor, testRuntime } from '../support/runtime.js';

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb('pglite');
});
afterAll(() => db.dispose());

const failing = defineCommand({
  name: 'kapot',
  summary: 'help.summary',
  usage: '/ote kapot',
  roles: ['programma'],
  options: [],
  schema: z.object({}),
  async run() {
    throw new Error('database password=hunter2 unreachable');
  },
});

describe('running a command', () => {
  it('refuses a role that may not run it, politely', async () => {
    commands.push(failing);
    try {
      const reply = await runCommandText('/ote kapot', { actor: actor('partner'), channel: 'console:test' }, testRuntime(db));
      expect(reply).toMatchObject({ isError: true, title: 'Geen toegang' });
      expect(allText(reply)).toContain('U heeft de rol partner; `/ote kapot` is voorbehouden aan: programmabureau.');
    } finally {
      commands.pop();
    }
  });

  it('turns a crash into an error code for the user and a log line, never a stack trace', async () => {
    commands.push(failing);
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, next) => (lines.push(String(chunk)), next()) });
    const outcomes: string[] = [];
    try {
      const runtime = { ...testRuntime(db), logger: createLogger('info', sink), onCommand: (_: string, outcome: string) => outcomes.push(outcome) };
      const reply = await runCommand('kapot', {}, { actor: actor('programma'), channel: 'console:test' }, runtime);
      const code = /foutcode ([0-9a-f]{8})/.exec(allText(reply))?.[1];
      expect(code).toBeDefined();
      expect(allText(reply)).not.toContain('hunter2');
      expect(lines.join('')).toContain(code!);
      expect(outcomes).toEqual(['failed']);
    } finally {
      commands.pop();
    }
  });

  it('names the option and shows usage when zod refuses it', async () => {
    const reply = await runCommand('top', { aantal: 'tien' }, { actor: actor('partner'), channel: 'console:test' }, testRuntime(db));
    expect(reply.isError).toBe(true);
    expect(allText(reply)).toContain('aantal:');
    expect(allText(reply)).toContain('Gebruik: `/ote top [periode] [aantal]`');
  });

  it('shares a reply in the channel only when asked', async () => {
    const runtime = testRuntime(db);
    const quiet = await runCommandText('/ote doel', { actor: actor('partner'), channel: 'console:test' }, runtime);
    const shared = await runCommandText('/ote doel publiek', { actor: actor('partner'), channel: 'console:test' }, runtime);
    expect([quiet.visibility, shared.visibility]).toEqual(['ephemeral', 'channel']);
  });
});

describe('the reply cache of figures commands', () => {
  it('serves the same minute from memory and recomputes after any change to the register', async () => {
    const { upsertIncidents } = await import('../../src/store/incidents.js');
    const runtime = testRuntime(db);
    const now = new Date('2025-06-30T10:00:30Z');
    const ask = () => runCommandText('/ote stats 2025', { actor: actor('partner'), channel: 'console:test', now }, runtime);
    const first = await ask();
    expect(await ask()).toBe(first);
    await db.transaction((tx) =>
      upsertIncidents(tx, [{ reference: 'CACHE-1', occurredAt: new Date('2025-03-01T01:00:00Z'), municipalityCode: 'GM0599', target: 'woning', outcome: 'explosie', means: 'vuurwerk', postcode4: null }], 'import', 'test'),
    );
    const after = await ask();
    expect(after).not.toBe(first);
    expect(allText(after)).toContain('Totaal\n*1*');
    const otherRole = await runCommandText('/ote stats 2025', { actor: actor('politie'), channel: 'console:test', now }, runtime);
    expect(otherRole).not.toBe(after);
  });
});
