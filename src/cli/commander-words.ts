// Commander's own words in Dutch: the titles and fixed entries of its help, and its refusals of what was
// typed (an unknown command or option, a missing or extra argument, an option without its value or with a
// wrong one). Commander writes its refusals in English only, so they are read by their shape (commander 14)
// and said again in Dutch; one it has not been taught passes as it is, without its `error:`.
import { Help, type Command, type Option } from 'commander';

/** `ote say [options] <tekst>`: the placeholders commander writes in a usage. */
const usageInDutch = (usage: string) => usage.replace('[options]', '[opties]').replace('[command]', '[commando]');

const TITLES: Readonly<Record<string, string>> = {
  'Usage:': 'Gebruik:',
  'Arguments:': 'Argumenten:',
  'Options:': 'Opties:',
  'Global Options:': 'Algemene opties:',
  'Commands:': 'Commando’s:',
};

/** Commander's notes after an option's description: `(default: "text")`, `(choices: …)`. */
const NOTES: readonly [RegExp, string][] = [
  [/\bdefault: /g, 'standaard: '],
  [/\bchoices: /g, 'keuzes: '],
  [/\bpreset: /g, 'zonder waarde: '],
  [/\benv: /g, 'omgeving: '],
];

const REFUSALS: readonly [RegExp, (...parts: string[]) => string][] = [
  [/^error: unknown command '(.*?)'/, (name) => `Onbekend commando ‘${name}’.`],
  [/^error: unknown option '(.*?)'/, (flag) => `Onbekende optie ‘${flag}’.`],
  [/^error: missing required argument '(.*?)'/, (name) => `Het argument ‘${name}’ ontbreekt.`],
  [/^error: option '(\S+)[^']*' argument missing/, (flag) => `De optie ${flag} heeft een waarde nodig.`],
  [/^error: required option '(\S+)[^']*' not specified/, (flag) => `De optie ${flag} is verplicht.`],
  // The reason after it is our own (an InvalidArgumentError), already in Dutch.
  [/^error: option '(\S+)[^']*' argument '.*?' is invalid\. ([^]*)$/, (flag, why) => `${flag}: ${why}`],
  [/^error: command-argument value '.*?' is invalid for argument '(.*?)'\. ([^]*)$/, (name, why) => `${name}: ${why}`],
  [
    /^error: too many arguments(?: for '(.*?)')?\. Expected (\d+) arguments? but got (\d+)\./,
    (command, expected, got) => `Te veel argumenten${command ? ` voor ote ${command}` : ''}: ${expected} verwacht, ${got} gegeven.`,
  ],
];
const SUGGESTION = /\n\(Did you mean (?:one of )?(.*)\?\)/;

/** A refusal of commander's in Dutch, with its suggestion (`Bedoelt u say?`). */
function dutchRefusal(message: string): string {
  const suggestion = SUGGESTION.exec(message)?.[1];
  const text = message.replace(SUGGESTION, '').trimEnd();
  for (const [shape, say] of REFUSALS) {
    const found = shape.exec(text);
    if (found) return `${say(...found.slice(1).map((part) => part ?? ''))}${suggestion ? ` Bedoelt u ${suggestion.split(', ').join(' of ')}?` : ''}\n`;
  }
  return `${text.replace(/^error: /, '')}\n`;
}

/** Sets the Dutch words on the root; the subcommands made from it afterwards inherit them. */
export function inDutch(program: Command): Command {
  return program
    .configureHelp({
      styleTitle: (title: string) => TITLES[title] ?? title,
      commandUsage(this: Help, command: Command) {
        return usageInDutch(Help.prototype.commandUsage.call(this, command));
      },
      subcommandTerm(this: Help, command: Command) {
        return usageInDutch(Help.prototype.subcommandTerm.call(this, command));
      },
      optionDescription(this: Help, option: Option) {
        return NOTES.reduce((text, [english, dutch]) => text.replace(english, dutch), Help.prototype.optionDescription.call(this, option));
      },
    })
    .helpOption('-h, --help', 'toont deze hulp')
    .helpCommand('help [commando]', 'toont de hulp bij een commando')
    .configureOutput({ outputError: (message, write) => write(dutchRefusal(message)) });
}
