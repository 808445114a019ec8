// The `/ote` application command comes from the command registry, typed for Discord.
import { ApplicationCommandOptionType as T } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.js';
import { defineCommand } from '../../../commands/types.js';
import { buildCommands } from '../../../src/platforms/discord/definitions.js';
import { suggestions } from '../../../src/platforms/discord/interactions.js';
import { testMunicipalities } from '../../support/runtime.js';

type Option = { type: number; name: string; description: string; required?: boolean; autocomplete?: boolean; options?: Option[]; choices?: unknown[]; description_localizations?: Record<string, string> };

describe('the /ote command definition', () => {
  const [ote] = buildCommands() as unknown as [Option & { contexts: number[] }];

  it('has one subcommand per registered command, in registry order', () => {
    expect(ote.name).toBe('ote');
    expect(ote.contexts).toEqual([0]);
    expect(ote.options!.map((o) => [o.type, o.name])).toEqual(commands.map((c) => [T.Subcommand, c.name]));
  });

  it('types every option, required ones first, with publiek and lang on every subcommand', () => {
    for (const [i, command] of commands.entries()) {
      const sub = ote.options![i]!;
      const options = sub.options ?? [];
      expect(options.slice(-2).map((o) => [o.name, o.type])).toEqual([['publiek', T.Boolean], ['lang', T.String]]);
      const required = options.map((o) => Boolean(o.required));
      expect(required).toEqual([...required].sort((a, b) => Number(b) - Number(a)));
      for (const spec of command.options) {
        const option = options.find((o) => o.name === spec.name)!;
        expect(option.required).toBe(spec.required);
        const expected = { municipality: T.String, period: T.String, text: T.String, choice: T.String, count: T.Integer, year: T.Integer, time: T.String }[spec.kind];
        expect(option.type).toBe(expected);
        expect(Boolean(option.autocomplete)).toBe(spec.kind === 'municipality');
        if (spec.kind === 'choice') expect(option.choices).toHaveLength(spec.choices!.length);
      }
      for (const o of [sub, ...options]) {
        expect(o.name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
        expect(o.description.length).toBeGreaterThan(0);
        expect(o.description.length).toBeLessThanOrEqual(100);
        for (const text of Object.values(o.description_localizations ?? {})) expect(text.length).toBeLessThanOrEqual(100);
      }
    }
    expect(ote.description_localizations?.['en-GB']).toBe('Figures and progress of the Offensief Tegen Explosies');
  });

  it('refuses names Discord would refuse, and options that clash with publiek', () => {
    const base = { summary: 'help.summary', usage: '', roles: [], schema: commands[0]!.schema, run: commands[0]!.run } as const;
    expect(() => buildCommands([defineCommand({ ...base, name: 'Hoofdletter', options: [] })])).toThrow(/not a valid Discord name/);
    expect(() =>
      buildCommands([defineCommand({ ...base, name: 'x', options: [{ name: 'publiek', kind: 'text', description: 'option.gemeente' }] })]),
    ).toThrow(/reserved/);
  });

  it('suggests at most 25 municipalities for municipality options only', () => {
    const runtime = { municipalities: testMunicipalities() };
    expect(suggestions({ subcommand: 'stats', focused: { name: 'gemeente', value: 'amsterd' } }, runtime)[0]).toEqual({ name: 'Amsterdam', value: 'GM0363' });
    expect(suggestions({ subcommand: 'stats', focused: { name: 'gemeente', value: 'a' } }, runtime)).toHaveLength(25);
    expect(suggestions({ subcommand: 'stats', focused: { name: 'periode', value: '20' } }, runtime)).toEqual([]);
    expect(suggestions({ subcommand: 'bestaat-niet', focused: { name: 'gemeente', value: 'a' } }, runtime)).toEqual([]);
  });
});
