import { z } from 'zod';
import { optionalText, resolveMunicipality } from '../src/commands/options.js';
import { buildDigest } from '../src/digest/build.js';
import { ALL_ROLES, defineCommand } from './types.js';

export const digest = defineCommand({
  name: 'digest',
  aliases: ['overzicht'],
  summary: 'digest.summary',
  usage: '/ote digest [gemeente]',
  roles: ALL_ROLES,
  options: [{ name: 'gemeente', kind: 'municipality', required: false, description: 'option.gemeente' }],
  schema: z.object({ gemeente: optionalText }),
  async run(options, ctx) {
    const municipality = options.gemeente ? resolveMunicipality(ctx, options.gemeente) : undefined;
    const result = await buildDigest(ctx.db, ctx.municipalities, {
      municipalityCode: municipality?.code ?? null,
      at: ctx.now,
      lang: ctx.lang,
      // The dispatcher adds the demo notice to every command reply.
      demoNotice: false,
    });
    return { ...result, visibility: 'ephemeral' };
  },
});
