// The command line's own refusals and help are in Dutch: never commander's English words.
import { describe, expect, it } from 'vitest';
import { runOte } from '../support/cli.js';

const ote = (...args: string[]) => runOte(args);

const ENGLISH = /error:|Usage:|Options:|Arguments:|Commands:|display help|Did you mean|default:|too many|missing|unknown|expected|for command/;

describe('the command line in Dutch', () => {
  it.each([
    [['bogus'], /^Onbekend commando ‘bogus’\./],
    [['sya', '/ote help'], /^Onbekend commando ‘sya’\. Bedoelt u say\?/],
    [['say'], /^Het argument ‘tekst’ ontbreekt\./],
    [['say', '--bogus', '/ote help'], /^Onbekende optie ‘--bogus’\./],
    [['say', '--at'], /^De optie --at heeft een waarde nodig\./],
    [['say', '--at', 'gisteren', '/ote doel'], /^--at: ‘gisteren’ is geen geldig moment; gebruik bijv\. 2025-06-30/],
    [['say', '/ote help', 'extra'], /^Te veel argumenten voor ote say: 1 verwacht, 2 gegeven\./],
    [['token', 'maak'], /^Onbekend commando ‘maak’\./],
  ])('refuses ote %j in words', async (args, message) => {
    const { code, out, err } = await ote(...args);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(message);
    expect(err).not.toMatch(ENGLISH);
    // The usage follows the refusal, in Dutch too.
    expect(err).toContain('Gebruik: ote');
  });

  it('writes the help of the root and of a subcommand in Dutch', async () => {
    const root = await ote('--help');
    expect(root.code).toBe(0);
    expect(root.out).toContain('Gebruik: ote [opties] [commando]');
    expect(root.out).toContain('Commando’s:');
    expect(root.out).toContain('toont deze hulp');
    expect(root.out).toContain('help [commando]');
    expect(root.out).not.toMatch(ENGLISH);
    const say = await ote('say', '--help');
    expect(say.out).toContain('Gebruik: ote say [opties] <tekst>');
    expect(say.out).toContain('Argumenten:');
    expect(say.out).toContain('(standaard: "text")');
    expect(say.out).not.toMatch(ENGLISH);
    expect((await ote('token', '--help')).out).not.toMatch(ENGLISH);
  });
});
