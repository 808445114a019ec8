// The `/ote` application command comes from the command registry, typed for Discord.
import { ApplicationCommandOptionType as T } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.js';
import { z } from 'zod';
import { defineAction, defineCommand } from '../../../commands/types.js';
import { buildCommands } from '../../../src/platforms/discord/definitions.js';
import { suggestions } from '../../../src/platforms/discord/interactions.js';
import { testMunicipalities } from '../../support/runtime.js';

type Option = { type: number; name: string; description: string; required?: boolean; autocomplete?: boolean; options?: Option[]; choices?: unknown[]; description_localizations?: Record<string, string> };

describe('the /ote command definition', () => {
  const [ote] = buildCommands() as unknown as [Option & { contexts: number[] }];

  it('has one subcommand per registered command, in registry order, and a group for a command with actions', () => {
    expect(ote.name).toBe('ote');
    expect(ote.contexts).toEqual([0]);
    expect(ote.options!.map((o) => [o.type, o.name])).toEqual(commands.map((c) => [c.actions ? T.SubcommandGroup : T.Subcommand, c.name]));
    const interventie = ote.options!.find((o) => o.name === 'interventie')!;
    expect(interventie.options!.map((o) => [o.type, o.name])).toEqual(['toon', 'nieuw', 'wijzig', 'besluit', 'stop'].map((name) => [T.Subcommand, name]));
    expect(ote.options!.find((o) => o.name === 'rol')!.options!.map((o) => o.name)).toEqual(['lijst', 'toewijzen', 'intrekken']);
  });

  it('types every option, required ones first, with publiek and lang on every subcommand', () => {
    const forms = commands.flatMap((command, i) => {
      const entry = ote.options![i]!;
      if (!command.actions) return [{ sub: entry, specs: command.options }];
      return [command.options, ...command.actions.map((a) => a.options)].map((specs, j) => ({ sub: entry.options![j]!, specs }));
    });
    for (const { sub, specs } of forms) {
      const options = sub.options ?? [];
      expect(options.slice(-2).map((o) => [o.name, o.type])).toEqual([['publiek', T.Boolean], ['lang', T.String]]);
      const required = options.map((o) => Boolean(o.required));
      expect(required).toEqual([...required].sort((a, b) => Number(b) - Number(a)));
      for (const spec of specs) {
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
    expect(forms.length).toBeGreaterThan(commands.length);
    expect(ote.description_localizations?.['en-GB']).toBe('Figures and progress of the Offensief Tegen Explosies');
  });

  it('registers more than 25 subcommands within Discord’s limits by putting actions in groups', () => {
    const run = commands[0]!.run;
    const action = (name: string) => defineAction({ name, summary: 'help.summary', usage: '', options: [], schema: z.object({}), run });
    const many = Array.from({ length: 24 }, (_, i) =>
      defineCommand({ name: `c${i}`, summary: 'help.summary', usage: '', roles: [], options: [], schema: z.object({}), run, ...(i < 3 ? { actions: Array.from({ length: 10 }, (_, j) => action(`a${j}`)) } : {}) }),
    );
    const [built] = buildCommands(many) as unknown as [Option];
    const leaves = built.options!.flatMap((o) => (o.type === T.SubcommandGroup ? o.options! : [o]));
    expect(leaves.filter((o) => o.type === T.Subcommand)).toHaveLength(21 + 3 * 11);
    expect(built.options!.length).toBeLessThanOrEqual(25);
    for (const group of built.options!.filter((o) => o.type === T.SubcommandGroup)) expect(group.options!.length).toBeLessThanOrEqual(25);
    expect(() => buildCommands(Array.from({ length: 26 }, (_, i) => ({ ...many[5]!, name: `d${i}` })))).toThrow(/room for 25 subcommands/);
    expect(() => buildCommands([{ ...many[0]!, actions: Array.from({ length: 25 }, (_, j) => action(`a${j}`)) }])).toThrow(/room for 25 actions/);
  });

  it('refuses names Discord would refuse, and options that clash with publiek', () => {
    const base = { summary: 'help.summary', usage: '', roles: [], run: commands[0]!.run } as const;
    expect(() => buildCommands([defineCommand({ ...base, name: 'Hoofdletter', schema: z.object({}), options: [] })])).toThrow(/not a valid Discord name/);
    expect(() =>
      buildCommands([defineCommand({ ...base, name: 'x', schema: z.object({ publiek: z.string().optional() }), options: [{ name: 'publiek', kind: 'text', description: 'option.gemeente' }] })]),
    ).toThrow(/reserved/);
  });

  it('suggests at most 25 municipalities for municipality options only', () => {
    const runtime = { municipalities: testMunicipalities() };
    expect(suggestions({ subcommand: 'stats', focused: { name: 'gemeente', value: 'amsterd' } }, runtime)[0]).toEqual({ name: 'Amsterdam', value: 'GM0363' });
    expect(suggestions({ subcommand: 'stats', focused: { name: 'gemeente', value: 'a' } }, runtime)).toHaveLength(25);
    expect(suggestions({ subcommand: 'stats', focused: { name: 'periode', value: '20' } }, runtime)).toEqual([]);
    expect(suggestions({ subcommand: 'bestaat-niet', focused: { name: 'gemeente', value: 'a' } }, runtime)).toEqual([]);
    expect(suggestions({ subcommand: 'rol toewijzen', focused: { name: 'gemeente', value: 'amsterd' } }, runtime)[0]).toEqual({ name: 'Amsterdam', value: 'GM0363' });
    expect(suggestions({ subcommand: 'rol lijst', focused: { name: 'gemeente', value: 'amsterd' } }, runtime)).toEqual([]);
  });
});
