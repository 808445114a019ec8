// `/ote abonneer [tijd] [gemeente] [dagen] [taal]`: subscribes this channel to the daily digest, or changes
// (and resumes) its subscription: what is not given keeps its current value (the defaults for a new one).
// First it asks the platform whether the bot can post there. The programme office, and a channel admin
// (Actor.channelAdmin) for the channel the command came from: this command only ever touches `ctx.channel`.
import { z } from 'zod';
import { optionalText, resolveMunicipality } from '../src/commands/options.js';
import { DAYS_PATTERN, describeScope, describeWeekdays, formatPostTime, parsePostTime, parseWeekdays } from '../src/commands/subscription-options.js';
import { UserError } from '../src/commands/errors.js';
import { LANGS } from '../src/i18n/index.js';
import { parseChannelAddress } from '../src/platforms/poster.js';
import { checkChannelAccess } from '../src/commands/channel-access.js';
import { firstDigestDate } from '../src/queue/schedule.js';
import { formatLocalDate } from '../src/render/format.js';
import { reply, type Block } from '../src/render/reply.js';
import { audit, auditLine } from '../src/store/audit.js';
import { findLiveSubscription, subscribe } from '../src/store/subscriptions.js';
import { defineCommand } from './types.js';

const NATIONAL = new Set(['nederland', 'landelijk', 'heel nederland', 'national', 'netherlands']);

export const abonneer = defineCommand({
  name: 'abonneer',
  aliases: ['subscribe'],
  summary: 'abonneer.summary',
  usage: '/ote abonneer [tijd] [gemeente] [dagen] [taal]',
  roles: ['programma'],
  preconditions: ['kanaalbeheerder'],
  options: [
    { name: 'tijd', kind: 'time', description: 'option.tijd' },
    { name: 'gemeente', kind: 'municipality', description: 'option.gemeenteAbonnement' },
    { name: 'dagen', kind: 'text', description: 'option.dagen', pattern: DAYS_PATTERN },
    { name: 'taal', kind: 'choice', description: 'option.taal', choices: LANGS },
  ],
  schema: z.object({
    tijd: optionalText,
    gemeente: optionalText,
    dagen: optionalText,
    taal: z.enum(LANGS).optional(),
  }),
  async run(options, ctx) {
    const address = parseChannelAddress(ctx.channel);
    if (!address) throw new UserError(ctx.t('abonneer.invalidChannel', { channel: ctx.channel }));
    const before = await findLiveSubscription(ctx.db, ctx.channel);
    const postMinute = options.tijd === undefined && before ? before.postMinute : parsePostTime(ctx, options.tijd);
    const weekdays = options.dagen === undefined && before ? before.weekdays : parseWeekdays(ctx, options.dagen);
    const place = options.gemeente?.trim();
    const municipalityCode =
      place === undefined ? (before?.municipalityCode ?? null) : NATIONAL.has(place.toLowerCase()) ? null : resolveMunicipality(ctx, place).code;
    const lang = options.taal ?? before?.lang ?? 'nl';

    // Checked before anything is written: a subscription the bot cannot post to would only fail and pause.
    const access = await checkChannelAccess(ctx, '/ote abonneer');
    if ('refusal' in access) return access.refusal;

    const startsOn = firstDigestDate(postMinute, weekdays, ctx.now);
    const { subscription, created } = await ctx.db.transaction(async (tx) => {
      const current = await findLiveSubscription(tx, ctx.channel);
      const result = await subscribe(tx, {
        channel: ctx.channel,
        postMinute,
        municipalityCode,
        weekdays,
        lang,
        createdBy: `${ctx.actor.platform}:${ctx.actor.userId}`,
        startsOn,
      });
      const s = result.subscription;
      const what = result.created ? 'aangemaakt' : current?.status === 'gepauzeerd' ? 'hervat' : 'gewijzigd';
      await audit(tx, auditLine(
        ctx.actor,
        `abonnement.${what}`,
        s.channel,
        { id: s.id, tijd: formatPostTime(s.postMinute), dagen: s.weekdays.join(','), gemeente: s.municipalityCode, taal: s.lang },
      ));
      return result;
    });
    const resumed = !created && before?.status === 'gepauzeerd';
    const blocks: Block[] = [
      {
        kind: 'text',
        text: ctx.t('abonneer.text', {
          days: describeWeekdays(ctx, subscription.weekdays),
          time: formatPostTime(subscription.postMinute),
          scope: describeScope(ctx, subscription),
          lang: ctx.t(`subscription.lang.${subscription.lang}`),
        }),
      },
    ];
    if ((created || resumed) && subscription.startsOn) {
      blocks.push({ kind: 'text', text: ctx.t('abonneer.firstDay', { date: formatLocalDate(subscription.startsOn, ctx.lang) }) });
    }
    if (access.note) blocks.push({ kind: 'context', text: access.note });
    const title = created ? 'abonneer.createdTitle' : resumed ? 'abonneer.resumedTitle' : 'abonneer.updatedTitle';
    return reply(ctx.t(title), blocks);
  },
});

