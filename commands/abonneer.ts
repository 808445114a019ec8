// `/ote abonneer [tijd] [gemeente] [dagen] [taal]`: subscribes this channel to the daily digest, or changes
// (and resumes) its subscription. The programme office, and a channel admin (Actor.channelAdmin) for the
// channel the command came from: this command only ever touches `ctx.channel`.
import { z } from 'zod';
import { optionalText, resolveMunicipality } from '../src/commands/options.js';
import { DAYS_PATTERN, describeScope, describeWeekdays, formatPostTime, parsePostTime, parseWeekdays } from '../src/commands/subscription-options.js';
import { UserError } from '../src/commands/errors.js';
import { LANGS } from '../src/i18n/index.js';
import { parseChannelAddress } from '../src/platforms/poster.js';
import { reply } from '../src/render/reply.js';
import { audit, whoFromActor } from '../src/store/audit.js';
import { findLiveSubscription, subscribe } from '../src/store/subscriptions.js';
import { defineCommand, isChannelAdmin } from './types.js';

const NATIONAL = new Set(['nederland', 'landelijk', 'heel nederland', 'national', 'netherlands']);

export const abonneer = defineCommand({
  name: 'abonneer',
  aliases: ['subscribe'],
  summary: 'abonneer.summary',
  usage: '/ote abonneer [tijd] [gemeente] [dagen] [taal]',
  roles: ['programma'],
  allows: isChannelAdmin,
  allowsWho: 'access.channelAdmin',
  options: [
    { name: 'tijd', kind: 'time', required: false, description: 'option.tijd' },
    { name: 'gemeente', kind: 'municipality', required: false, description: 'option.gemeenteAbonnement' },
    { name: 'dagen', kind: 'text', required: false, description: 'option.dagen', pattern: DAYS_PATTERN },
    { name: 'taal', kind: 'choice', required: false, description: 'option.taal', choices: LANGS },
  ],
  schema: z.object({
    tijd: optionalText,
    gemeente: optionalText,
    dagen: optionalText,
    taal: z.enum(LANGS).optional(),
  }),
  async run(options, ctx) {
    if (!parseChannelAddress(ctx.channel)) throw new UserError(ctx.t('abonneer.invalidChannel', { channel: ctx.channel }));
    const postMinute = parsePostTime(ctx, options.tijd);
    const weekdays = parseWeekdays(ctx, options.dagen);
    const place = options.gemeente?.trim();
    const municipality = place && !NATIONAL.has(place.toLowerCase()) ? resolveMunicipality(ctx, place) : undefined;
    const lang = options.taal ?? 'nl';

    const { subscription, created } = await ctx.db.transaction(async (tx) => {
      const before = await findLiveSubscription(tx, ctx.channel);
      const result = await subscribe(tx, {
        channel: ctx.channel,
        postMinute,
        municipalityCode: municipality?.code ?? null,
        weekdays,
        lang,
        createdBy: `${ctx.actor.platform}:${ctx.actor.userId}`,
      });
      const s = result.subscription;
      const what = result.created ? 'aangemaakt' : before?.status === 'gepauzeerd' ? 'hervat' : 'gewijzigd';
      await audit(tx, {
        ...whoFromActor(ctx.actor),
        action: `abonnement.${what}`,
        subject: s.channel,
        detail: { id: s.id, tijd: formatPostTime(s.postMinute), dagen: s.weekdays.join(','), gemeente: s.municipalityCode, taal: s.lang },
      });
      return result;
    });
    const text = ctx.t('abonneer.text', {
      days: describeWeekdays(ctx, subscription.weekdays),
      time: formatPostTime(subscription.postMinute),
      scope: describeScope(ctx, subscription),
      lang: ctx.t(`subscription.lang.${lang}`),
    });
    return reply(ctx.t(created ? 'abonneer.createdTitle' : 'abonneer.updatedTitle'), [{ kind: 'text', text }]);
  },
});
