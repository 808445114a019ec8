import { z } from 'zod';
import { formerMunicipalityNote, optionalText, resolveMunicipality } from '../src/commands/options.js';
import { buildDigest } from '../src/digest/build.js';
import { lastDigestPostedAt } from '../src/store/digest-posts.js';
import { liveSubscriptions } from '../src/store/subscriptions.js';
import { ALL_ROLES, defineCommand } from './types.js';

export const digest = defineCommand({
  name: 'digest',
  aliases: ['overzicht'],
  summary: 'digest.summary',
  usage: '/ote digest [gemeente]',
  roles: ALL_ROLES,
  options: [{ name: 'gemeente', kind: 'municipality', description: 'option.gemeente' }],
  schema: z.object({ gemeente: optionalText }),
  figures: true,
  async run(options, ctx) {
    // The channel's digest: its subscription's municipality and the moment of its last posted digest.
    const subscription = (await liveSubscriptions(ctx.db)).find((s) => s.channel === ctx.channel);
    const lastPosted = subscription ? await lastDigestPostedAt(ctx.db, subscription.id) : null;
    const municipalityCode = options.gemeente
      ? resolveMunicipality(ctx, options.gemeente).code
      : (subscription?.municipalityCode ?? null);
    const result = await buildDigest(ctx.db, ctx.municipalities, {
      municipalityCode,
      ...(lastPosted && lastPosted < ctx.now ? { since: lastPosted } : {}),
      at: ctx.now,
      lang: ctx.lang,
      ...(ctx.services.staleAfterDays ? { staleAfterDays: ctx.services.staleAfterDays } : {}),
      // The dispatcher adds the demo notice to every command reply.
      demoNotice: false,
    });
    return { ...result, blocks: [...result.blocks, ...formerMunicipalityNote(ctx, options.gemeente)], visibility: 'ephemeral' };
  },
});
