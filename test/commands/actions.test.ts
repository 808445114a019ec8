// A command with actions and named preconditions, defined only here, run through the real dispatcher on a
// registry of its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ALL_ROLES, defineAction, defineCommand } from '../../commands/types.js';
import { help } from '../../commands/help.js';
import { runCommand, runCommandText, type CommandRuntime } from '../../src/commands/dispatch.js';
import { commandRegistry } from '../../src/commands/registry.js';
import { reply } from '../../src/render/reply.js';
import { openTestDb, type TestDb } from '../support/db.js';
import { allText } from '../support/reply.js';
import { actor, testRuntime } from '../support/runtime.js';

let db: TestDb;
let runtime: CommandRuntime;
const ran: string[] = [];

const sluit = defineAction({
  name: 'sluit',
  aliases: ['close'],
  summary: 'rol.action.intrekken',
  usage: '/ote kluis sluit <naam>',
  preconditions: ['programmabureau', 'teamVan'],
  // The team of a safe: whoever asks from the safe's own channel.
  async team({ naam }, ctx) {
    return { member: ctx.channel === `console:${naam}`, who: `het team van ${naam}` };
  },
  options: [{ name: 'naam', kind: 'text', description: 'option.gemeente' }],
  schema: z.object({ naam: z.string().trim().min(1) }),
  async run({ naam }) {
    ran.push(`sluit ${naam}`);
    return reply('gesloten', [{ kind: 'text', text: naam }]);
  },
});

const kluis = defineCommand({
  name: 'kluis',
  summary: 'help.summary',
  usage: '/ote kluis [aantal]',
  roles: ALL_ROLES,
  options: [{ name: 'aantal', kind: 'count', description: 'option.gemeente', max: 9 }],
  schema: z.object({ aantal: z.coerce.number().int().min(1).max(9).optional() }),
  actions: [
    sluit,
    defineAction({
      name: 'leeg',
      summary: 'rol.action.toewijzen',
      usage: '/ote kluis leeg',
      preconditions: ['registerbeheer'],
      options: [],
      schema: z.object({}),
      async run() {
        ran.push('leeg');
        return reply('geleegd', []);
      },
    }),
  ],
  async run({ aantal }) {
    ran.push(`toon ${aantal ?? ''}`);
    return reply('kluis', [{ kind: 'text', text: String(aantal ?? 0) }]);
  },
});

beforeAll(async () => {
  db = await openTestDb('pglite');
  runtime = { ...testRuntime(db), commands: commandRegistry([help, kluis]) };
});
afterAll(() => db.dispose());

const say = (text: string, role: Parameters<typeof actor>[0] = 'partner', channel = 'console:elders') =>
  runCommandText(text, { actor: actor(role), channel }, runtime);

describe('a command with actions and preconditions', () => {
  it('runs the command’s own form, and an action by its name or alias, typed or as Discord sends it', async () => {
    ran.length = 0;
    expect((await say('/ote kluis 3')).title).toBe('kluis');
    expect((await say('/ote kluis sluit A', 'programma')).title).toBe('gesloten');
    expect((await say('/ote kluis close B', 'programma')).title).toBe('gesloten');
    expect((await runCommand('kluis sluit', { naam: 'C' }, { actor: actor('programma'), channel: 'console:x' }, runtime)).title).toBe('gesloten');
    expect((await runCommand('kluis toon', { aantal: '4' }, { actor: actor('partner'), channel: 'console:x' }, runtime)).title).toBe('kluis');
    expect(ran).toEqual(['toon 3', 'sluit A', 'sluit B', 'sluit C', 'toon 4']);
  });

  it('lets a team in by its precondition and refuses everyone else before the handler runs, with one text', async () => {
    ran.length = 0;
    expect((await say('/ote kluis sluit A', 'partner', 'console:A')).title).toBe('gesloten');
    const refused = await say('/ote kluis sluit A', 'partner', 'console:B');
    expect(refused).toMatchObject({ isError: true, title: 'Geen toegang' });
    expect(allText(refused)).toContain('U heeft de rol partner; `/ote kluis sluit` is voorbehouden aan: programmabureau, het team van A.');
    const empty = await say('/ote kluis leeg', 'om');
    expect(allText(empty)).toContain('U heeft de rol Openbaar Ministerie; `/ote kluis leeg` is voorbehouden aan: Politie, programmabureau.');
    expect((await say('/ote kluis leeg', 'politie')).title).toBe('geleegd');
    expect(ran).toEqual(['sluit A', 'leeg']);
  });

  it('checks an action’s options against its own schema and names the action’s usage', async () => {
    const text = allText(await runCommand('kluis sluit', {}, { actor: actor('programma'), channel: 'console:x' }, runtime));
    expect(text).toContain('Geen naam opgegeven');
    expect(text).toContain('Gebruik: `/ote kluis sluit <naam>`');
  });

  it('shows the actions and who may run them in help, and knows no command outside its registry', async () => {
    const text = allText(await say('/ote help'));
    expect(text).toContain('/ote kluis [aantal]');
    expect(text).toContain('/ote kluis sluit <naam>');
    expect(text).toContain('(voor: programmabureau, het eigen team)');
    expect(text).toContain('(voor: Politie, programmabureau)');
    expect(text).not.toContain('/ote stats');
    expect(allText(await say('/ote stats'))).toContain('Onbekend commando `stats`. Beschikbaar: help, kluis.');
  });

  it('takes required from the schema, and refuses options that are not in it', () => {
    expect(sluit.options).toEqual([expect.objectContaining({ name: 'naam', required: true })]);
    expect(kluis.options).toEqual([expect.objectContaining({ name: 'aantal', required: false })]);
    const mismatch = { name: 'x', summary: 'help.summary', usage: '', roles: [], run: async () => reply('', []) } as const;
    expect(() => defineCommand({ ...mismatch, schema: z.object({ a: z.string() }), options: [] })).toThrow(/no option for a/);
    // @ts-expect-error: an option the schema does not have does not type-check either
    expect(() => defineCommand({ ...mismatch, schema: z.object({ a: z.string().optional() }), options: [{ name: 'b', kind: 'text', description: 'help.summary' }] })).toThrow(/b not in the schema/);
  });
});
