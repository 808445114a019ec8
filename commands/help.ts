// `/ote help`: the commands the asker may run, each with its actions and who may run those.
import { z } from 'zod';
import { allows, whoMayRun } from '../src/commands/preconditions.js';
import { reply } from '../src/render/reply.js';
import { ALL_ROLES, defineCommand, type CommandContext, type CommandDefinition } from './types.js';

export const help = defineCommand({
  name: 'help',
  aliases: ['hulp', '?'],
  summary: 'help.summary',
  usage: '/ote help',
  roles: ALL_ROLES,
  options: [],
  schema: z.object({}),
  cacheable: true,
  async run(_options, ctx) {
    const mine = ctx.commands.commands.filter((c) => allows(c, ctx.actor));
    return reply(ctx.t('help.title'), [
      { kind: 'text', text: ctx.t('help.intro') },
      // One line per command rather than a table: usage lines are long, and a table pads every row to the longest.
      { kind: 'text', text: mine.map((c) => usageLines(c, ctx)).join('\n') },
      { kind: 'context', text: ctx.t('help.periods') },
    ]);
  },
});

/** The command's usage and summary, then each action's, with who may run it when the command's roles do not say. */
export function usageLines(command: CommandDefinition, ctx: Pick<CommandContext, 't'>): string {
  const { t } = ctx;
  const actions = (command.actions ?? []).map((a) => {
    const who = a.preconditions ? ` ${t('help.who', { who: whoMayRun(a, t) })}` : '';
    return `\`${a.usage}\`\n    ${t(a.summary)}${who}`;
  });
  return [`\`${command.usage}\`\n    ${t(command.summary)}`, ...actions].join('\n');
}
