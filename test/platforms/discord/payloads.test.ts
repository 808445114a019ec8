// Every registered command's Discord payload stays within Discord's limits with large data: the demo
// register loaded, every option at its largest (top 2024 342, the longest municipality name, long periods).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.js';
import type { OptionSpec, RawOptions } from '../../../commands/types.js';
import { runCommand, type CommandRuntime } from '../../../src/commands/dispatch.js';
import type { Actor } from '../../../src/domain/types.js';
import { renderDiscordMessage } from '../../../src/platforms/discord/render.js';
import { loadDemoRegister } from '../../../src/store/demo.js';
import { discordLimitProblems } from '../../support/discord-limits.js';
import { openTestDb, type TestDb } from '../../support/db.js';
import { testRuntime } from '../../support/runtime.js';

const NOW = new Date('2025-06-30T12:00:00+02:00');
const actor: Actor = { platform: 'discord', userId: '100000000000000001', role: 'programma' };
const PATTERNED = ['2024', '07:30', 'ma-vr', '<@&200000000000000002>', '<@300000000000000003>'];

describe('Discord payloads of every command with large data', () => {
  let db: TestDb;
  let runtime: CommandRuntime;
  let longestName: string;
  let references: string[];
  const answeredBy = new Set<string>();

  beforeAll(async () => {
    db = await openTestDb('pglite');
    runtime = testRuntime(db);
    await loadDemoRegister(db, runtime.municipalities, NOW);
    longestName = [...runtime.municipalities.all()].sort((a, b) => b.name.length - a.name.length)[0]!.name;
    references = (await db.query<{ reference: string }>('SELECT reference FROM incidents ORDER BY occurred_at DESC LIMIT 2')).map((r) => r.reference);
  });
  afterAll(async () => {
    await db?.dispose();
  });

  /** The values worth trying for an option, the largest last. */
  function samples(spec: OptionSpec): (string | undefined)[] {
    const optional = spec.required ? [] : [undefined];
    switch (spec.kind) {
      case 'municipality':
        return [...optional, 'Amsterdam', longestName];
      case 'period':
        return [...optional, '30d', '2023-01-01..2025-06-29', '2024'];
      case 'count':
        return [...optional, '1', '342'];
      case 'year':
        return [...optional, '2024'];
      case 'time':
        return [...optional, '07:30'];
      case 'choice':
        return [...optional, ...(spec.choices ?? [])];
      case 'text':
        return spec.pattern
          ? [...optional, ...PATTERNED.filter((p) => spec.pattern!.test(p))]
          : [...optional, references[0], `${references[1]} dubbel geteld in de export van maart`, 'x'.repeat(500)];
    }
  }

  it.each(commands.map((c) => [c.name, c] as const))('/ote %s', async (_name, command) => {
    const first = (spec: OptionSpec) => samples(spec).find((v) => v !== undefined);
    const base: RawOptions = Object.fromEntries(command.options.filter((o) => o.required).map((o) => [o.name, first(o)]));
    const largest: RawOptions = Object.fromEntries(command.options.map((o) => [o.name, samples(o).at(-1)]));
    const variants: RawOptions[] = [base, largest];
    for (const spec of command.options) {
      for (const value of samples(spec)) variants.push({ ...base, [spec.name]: value });
    }
    for (const raw of variants) {
      for (const [lang, share] of [['nl', false], ['en', true]] as const) {
        const reply = await runCommand(command.name, raw, { actor, channel: 'discord:400000000000000004', now: NOW, lang }, runtime, share);
        if (!reply.isError) answeredBy.add(command.name);
        const message = renderDiscordMessage(reply, lang);
        expect(discordLimitProblems(message.data), `${command.name} ${JSON.stringify(raw)} ${lang}`).toEqual([]);
        expect(message.data.flags).toBe(reply.visibility === 'ephemeral' ? 64 : undefined);
        expect(message.files.map((f) => f.name)).toEqual(message.data.attachments.map((a) => a.filename));
      }
    }
  });

  it('tried real answers, not only refusals and input errors', () => {
    // Free-text commands (a measure, an intervention) may answer only with an input error here.
    expect(answeredBy.size).toBeGreaterThanOrEqual(Math.ceil(commands.length * 0.6));
    for (const name of ['help', 'stats', 'doel', 'top', 'gemeente', 'digest', 'incidenten']) expect(answeredBy).toContain(name);
  });

  it('cuts /ote top 2024 342 visibly and keeps the first places', async () => {
    const reply = await runCommand('top', { periode: '2024', aantal: '342' }, { actor, channel: 'discord:1', now: NOW }, runtime);
    expect(reply.isError).toBeFalsy();
    const { embeds } = renderDiscordMessage(reply, 'nl').data;
    const text = embeds.map((e) => e.description ?? '').join('\n');
    expect(text).toMatch(/… en \d+ meer/);
    expect(text).toContain('Amsterdam');
    expect(text.indexOf('Amsterdam')).toBeLessThan(text.indexOf('Rotterdam'));
  });
});
