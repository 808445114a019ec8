// `/ote meldingen [aan [gemeente] | uit]`: this channel gets an alert per new incident (within a minute of
// it being stored), or no longer; without a word it says how things stand. The programme office, and a
// channel admin for the channel the command came from (only `ctx.channel` is touched). The alerts are
// written for the channel's least-entitled member, so a channel that may see figures only is told that
// no alert will come.
import { z } from 'zod';
import { channelAudience } from '../src/audience/channel.js';
import { scopeWords } from '../src/alerts/reply.js';
import { checkChannelAccess } from '../src/commands/channel-access.js';
import { UserError } from '../src/commands/errors.js';
import { optionalText, resolveMunicipality } from '../src/commands/options.js';
import { leastEntitled, receivesAlerts, type AudienceVerdict } from '../src/domain/audience.js';
import { maySeeDetail } from '../src/domain/policy.js';
import { LANGS } from '../src/i18n/index.js';
import { parseChannelAddress } from '../src/platforms/poster.js';
import { reply, type Block } from '../src/render/reply.js';
import { audit, auditLine } from '../src/store/audit.js';
import { findAlertSubscription, subscribeAlerts, unsubscribeAlerts, type AlertSubscription } from '../src/store/alerts.js';
import { defineCommand, type CommandContext } from './types.js';

const NATIONAL = new Set(['nederland', 'landelijk', 'heel nederland', 'national', 'netherlands']);

export const meldingen = defineCommand({
  name: 'meldingen',
  aliases: ['alerts'],
  summary: 'meldingen.summary',
  usage: '/ote meldingen [aan [gemeente] | uit] [taal]',
  roles: ['programma'],
  preconditions: ['kanaalbeheerder'],
  options: [
    { name: 'actie', kind: 'choice', description: 'meldingen.option.actie', choices: ['aan', 'uit', 'on', 'off'] },
    { name: 'gemeente', kind: 'municipality', description: 'meldingen.option.gemeente' },
    { name: 'taal', kind: 'choice', description: 'option.taal', choices: LANGS },
  ],
  schema: z.object({ actie: z.enum(['aan', 'uit', 'on', 'off']).optional(), gemeente: optionalText, taal: z.enum(LANGS).optional() }),
  async run(options, ctx) {
    if (!parseChannelAddress(ctx.channel)) throw new UserError(ctx.t('abonneer.invalidChannel', { channel: ctx.channel }));
    // Who reads the channel, asked only where the answer says what they will get.
    const verdict = async () => leastEntitled(await channelAudience(ctx.db, ctx.services.posters ?? {}, ctx.channel));
    const action = options.actie === 'on' ? 'aan' : options.actie === 'off' ? 'uit' : options.actie;
    if (action === 'uit') {
      const gone = await ctx.db.transaction(async (tx) => {
        const cancelled = await unsubscribeAlerts(tx, ctx.channel);
        if (cancelled) await audit(tx, auditLine(ctx.actor, 'meldingen.uitgezet', ctx.channel, { id: cancelled.id }));
        return cancelled;
      });
      return reply(ctx.t(gone ? 'meldingen.offTitle' : 'meldingen.noneTitle'), [{ kind: 'text', text: ctx.t(gone ? 'meldingen.offText' : 'meldingen.noneText') }]);
    }
    if (action === undefined) {
      const current = await findAlertSubscription(ctx.db, ctx.channel);
      if (!current) return reply(ctx.t('meldingen.noneTitle'), [{ kind: 'text', text: ctx.t('meldingen.noneText') }]);
      return reply(ctx.t('meldingen.statusTitle'), describe(current, await verdict(), ctx));
    }
    const place = options.gemeente?.trim();
    const municipalityCode = place === undefined || NATIONAL.has(place.toLowerCase()) ? null : resolveMunicipality(ctx, place).code;
    // Checked before anything is written, as for a digest: alerts the bot cannot post would only fail.
    const access = await checkChannelAccess(ctx, '/ote meldingen aan');
    if ('refusal' in access) return access.refusal;
    const { subscription, created } = await ctx.db.transaction(async (tx) => {
      const result = await subscribeAlerts(tx, { channel: ctx.channel, municipalityCode, lang: options.taal ?? ctx.lang, createdBy: `${ctx.actor.platform}:${ctx.actor.userId}` });
      await audit(tx, auditLine(ctx.actor, 'meldingen.aangezet', ctx.channel, { id: result.subscription.id, gemeente: municipalityCode, taal: result.subscription.lang }));
      return result;
    });
    return reply(ctx.t(created ? 'meldingen.onTitle' : 'meldingen.changedTitle'), describe(subscription, await verdict(), ctx));
  },
});

function describe(subscription: AlertSubscription, verdict: AudienceVerdict, ctx: CommandContext): Block[] {
  const code = subscription.municipalityCode;
  const where = code ? (ctx.municipalities.byCode(code)?.name ?? code) : ctx.t('meldingen.national');
  const blocks: Block[] = [{ kind: 'text', text: ctx.t('meldingen.onText', { scope: where }) }];
  const { scope } = verdict;
  const readers = verdict.deciding.map((m) => `${m.userId} (${ctx.t(`role.${m.role}`)})`).join(', ') || ctx.t('audience.unknownMember');
  if (!receivesAlerts(scope) || (code !== null && !maySeeDetail(scope, code))) {
    blocks.push({ kind: 'text', text: ctx.t('meldingen.noneForAudience', { members: readers }) });
  } else if (scope.kind === 'municipality') {
    blocks.push({ kind: 'text', text: ctx.t('meldingen.onlyOwn', { scope: scopeWords(scope, ctx.lang, ctx.municipalities), members: readers }) });
  }
  blocks.push({ kind: 'context', text: ctx.t('meldingen.how') });
  return blocks;
}
