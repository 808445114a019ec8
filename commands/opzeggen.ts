// `/ote opzeggen`: cancels this channel's daily digest. The programme office, and a channel admin for the
// channel the command came from (only `ctx.channel` is touched).
import { z } from 'zod';
import { reply } from '../src/render/reply.js';
import { audit, auditLine } from '../src/store/audit.js';
import { unsubscribe } from '../src/store/subscriptions.js';
import { defineCommand } from './types.js';

export const opzeggen = defineCommand({
  name: 'opzeggen',
  aliases: ['unsubscribe'],
  summary: 'opzeggen.summary',
  usage: '/ote opzeggen',
  roles: ['programma'],
  preconditions: ['kanaalbeheerder'],
  options: [],
  schema: z.object({}),
  async run(_options, ctx) {
    const cancelled = await ctx.db.transaction(async (tx) => {
      const gone = await unsubscribe(tx, ctx.channel);
      if (gone) await audit(tx, auditLine(ctx.actor, 'abonnement.opgezegd', gone.channel, { id: gone.id }));
      return gone;
    });
    return cancelled
      ? reply(ctx.t('opzeggen.doneTitle'), [{ kind: 'text', text: ctx.t('opzeggen.doneText') }])
      : reply(ctx.t('opzeggen.noneTitle'), [{ kind: 'text', text: ctx.t('opzeggen.noneText') }]);
  },
});
