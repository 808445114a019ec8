// A list of commands to dispatch over: the bot's (commands/index.ts), or a test's own.
import { distance } from 'fastest-levenshtein';
import type { ActionDefinition, CommandDefinition } from '../../commands/types.js';

export interface CommandRegistry {
  readonly commands: readonly CommandDefinition[];
  /** By name or alias, in any case. */
  find(name: string): CommandDefinition | undefined;
}

export function commandRegistry(commands: readonly CommandDefinition[]): CommandRegistry {
  return {
    commands,
    find(name) {
      const wanted = name.toLowerCase();
      return commands.find((c) => c.name === wanted || c.aliases?.includes(wanted));
    },
  };
}

/**
 * The command a mistyped word most likely meant (`stast` → `stats`): the nearest name or alias within one
 * edit for a word of up to four letters, two for a longer one; undefined when none is that near.
 */
export function nearestCommand(registry: CommandRegistry, typed: string): string | undefined {
  return nearest(registry.commands, typed);
}

/** The action of `command` a mistyped word most likely meant (`nieuww` → `nieuw`), as near as `nearestCommand`. */
export function nearestAction(command: CommandDefinition, typed: string): string | undefined {
  return command.actions ? nearest(command.actions, typed) : undefined;
}

function nearest(named: readonly { name: string; aliases?: readonly string[] | undefined }[], typed: string): string | undefined {
  const word = typed.toLowerCase();
  const allowed = word.length <= 4 ? 1 : 2;
  let best: { name: string; edits: number } | undefined;
  for (const item of named) {
    for (const name of [item.name, ...(item.aliases ?? [])]) {
      const edits = distance(word, name);
      if (edits <= allowed && (!best || edits < best.edits)) best = { name: item.name, edits };
    }
  }
  return best?.name;
}

/** The action a word names; `own` when it names the command's own form (`interventie toon`). */
export function findAction(command: CommandDefinition, word: string): ActionDefinition | 'own' | undefined {
  const wanted = word.toLowerCase();
  if (!command.actions) return undefined;
  const own = ownForm(command);
  if (wanted === own.name || own.aliases?.includes(wanted)) return 'own';
  return command.actions.find((a) => a.name === wanted || a.aliases?.includes(wanted));
}

const SHOW = { name: 'toon', aliases: ['show'] } as const;

export function ownForm(command: CommandDefinition): { name: string; aliases?: readonly string[] } {
  return command.own ?? SHOW;
}

/** The usage of a command and of each of its actions, for a refusal. */
export function fullUsage(command: CommandDefinition): string {
  return [command.usage, ...(command.actions ?? []).map((a) => a.usage)].join(' | ');
}
