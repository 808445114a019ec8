import { z } from 'zod';
import { reply } from '../src/render/reply.js';
import { ALL_ROLES, defineCommand, mayRun } from './types.js';
import { commands } from './index.js';

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
    const mine = commands.filter((c) => mayRun(c, ctx.actor));
    return reply(ctx.t('help.title'), [
      { kind: 'text', text: ctx.t('help.intro') },
      // One line per command rather than a table: usage lines are long, and a table pads every row to the longest.
      { kind: 'text', text: mine.map((c) => `\`${c.usage}\`\n    ${ctx.t(c.summary)}`).join('\n') },
      { kind: 'context', text: ctx.t('help.periods') },
    ]);
  },
});
