// A list of commands to dispatch over: the bot's (commands/index.ts), or a test's own.
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
