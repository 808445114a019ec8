// `/ote abonnementen [filter] [pagina]`: every channel's subscription with its last successful digest and any
// later failure or pause, failures first (src/commands/subscription-list.ts), filtered by `fouten`,
// `gepauzeerd`, a platform or a municipality, in pages; each row is one line, its channel named as the
// platform shows it. The programme office sees every channel; a channel admin (Actor.channelAdmin) only the channel it asks from.
import { z } from 'zod';
import { platforms } from '../src/platforms/index.js';
import { countOption, optionalText, resolveMunicipality } from '../src/commands/options.js';
import { UserError } from '../src/commands/errors.js';
import { formatPostTime, WORKDAYS } from '../src/commands/subscription-options.js';
import { matchesFilter, orderForOffice, page, type ListedSubscription, type SubscriptionFilter } from '../src/commands/subscription-list.js';
import { channelMention } from '../src/render/mention.js';
import { reply, type Block } from '../src/render/reply.js';
import { digestPostSummaries } from '../src/store/digest-posts.js';
import { findLiveSubscription, liveSubscriptions } from '../src/store/subscriptions.js';
import { passes } from '../src/commands/preconditions.js';
import { defineCommand, type CommandContext } from './types.js';

/** Widest cell per column, so that a row is one line on a phone next to its channel's name. */
const CELL_MAX = { when: 11, scope: 10, state: 26 } as const;

const FILTER_WORDS: Record<string, SubscriptionFilter> = {
  fouten: { kind: 'fouten' },
  fout: { kind: 'fouten' },
  mislukt: { kind: 'fouten' },
  errors: { kind: 'fouten' },
  failures: { kind: 'fouten' },
  gepauzeerd: { kind: 'gepauzeerd' },
  paused: { kind: 'gepauzeerd' },
  ...Object.fromEntries(platforms.names.map((platform) => [platform, { kind: 'platform', platform } as const])),
};
const PAGE_WORDS = new Set(['pagina', 'page', 'p']);

export const abonnementen = defineCommand({
  name: 'abonnementen',
  aliases: ['subscriptions'],
  summary: 'abonnementen.summary',
  usage: '/ote abonnementen [fouten|gepauzeerd|slack|discord|gemeente] [pagina N]',
  roles: ['programma'],
  preconditions: ['kanaalbeheerder'],
  options: [
    { name: 'filter', kind: 'text', description: 'abonnementen.option.filter' },
    { name: 'pagina', kind: 'count', description: 'abonnementen.option.pagina' },
  ],
  schema: z.object({ filter: optionalText, pagina: countOption(10_000) }),
  async run(options, ctx) {
    const words = (options.filter ?? '').split(/\s+/).filter((w) => w && !PAGE_WORDS.has(w.toLowerCase()));
    const filterText = words.join(' ');
    const filter = parseFilter(filterText, ctx);
    // A channel admin who is not the programme office sees only the channel the command came from.
    const office = passes('programmabureau', ctx.actor);
    const own = office ? undefined : await findLiveSubscription(ctx.db, ctx.channel);
    const all = office ? await liveSubscriptions(ctx.db) : own ? [own] : [];
    if (all.length === 0) return reply(ctx.t('abonnementen.title'), [{ kind: 'text', text: ctx.t('abonnementen.none') }]);

    const summaries = await digestPostSummaries(ctx.db, all.map((s) => s.id));
    const listed = orderForOffice(all.map((subscription) => ({ subscription, summary: summaries.get(subscription.id) })).filter((e) => matchesFilter(e, filter)));
    if (listed.length === 0) {
      return reply(ctx.t('abonnementen.title'), [{ kind: 'text', text: ctx.t('abonnementen.noneMatch', { filter: filterText }) }, { kind: 'context', text: ctx.t('abonnementen.usage') }]);
    }
    const pageNumber = options.pagina ?? 1;
    const { items, pages } = page(listed, pageNumber);
    if (items.length === 0) throw new UserError(ctx.t('abonnementen.badPage', { page: pageNumber, pages }));
    const blocks: Block[] = [
      {
        kind: 'text',
        text: ctx.t('abonnementen.page', {
          page: pageNumber,
          pages,
          count: listed.length,
          filter: filterText ? ctx.t('abonnementen.filterNote', { filter: filterText }) : '',
        }),
      },
      {
        kind: 'table',
        columns: [
          { header: ctx.t('abonnementen.channel'), align: 'left' },
          { header: ctx.t('abonnementen.when'), align: 'left' },
          { header: ctx.t('abonnementen.scope'), align: 'left' },
          { header: ctx.t('abonnementen.state'), align: 'left' },
        ],
        rows: items.map((entry) => row(ctx, entry)),
      },
    ];
    // The table cuts an error to fit its line; the pauses and failures of this page follow in full.
    const details = items.flatMap(({ subscription: s, summary }) => {
      const channel = channelMention(s.channel);
      if (s.status === 'gepauzeerd') return [`• ${channel}: ${ctx.t('abonnementen.paused', { reason: s.pausedReason ?? '?' })}`];
      const failure = summary?.lastFailure;
      return failure?.error ? [`• ${channel} (${shortDate(failure.localDate, ctx)}): ${cut(failure.error, 200)}`] : [];
    });
    if (details.length > 0) blocks.push({ kind: 'text', text: details.join('\n') });
    blocks.push({ kind: 'context', text: `${ctx.t('abonnementen.usage')} ${ctx.t('abonnementen.context')}` });
    return reply(ctx.t('abonnementen.title'), blocks);
  },
});

function parseFilter(text: string, ctx: CommandContext): SubscriptionFilter | undefined {
  if (!text) return undefined;
  const word = FILTER_WORDS[text.toLowerCase()];
  if (word) return word;
  if (/\d/.test(text)) throw new UserError(ctx.t('abonnementen.badFilter', { value: text }));
  return { kind: 'gemeente', code: resolveMunicipality(ctx, text).code };
}

function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** `10-06` this year, `10-06-2024` another year. */
function shortDate(isoDate: string, ctx: CommandContext): string {
  const [year, month, day] = isoDate.split('-');
  return String(ctx.now.getFullYear()) === year ? `${day}-${month}` : `${day}-${month}-${year}`;
}

function shortDays(weekdays: readonly number[], ctx: CommandContext): string {
  if (weekdays.join(',') === WORKDAYS.join(',')) return `${ctx.t('weekday.1')}-${ctx.t('weekday.5')}`;
  if (weekdays.length === 7) return ctx.t('subscription.days.dagelijks');
  return weekdays.map((d) => ctx.t(`weekday.${d}` as Parameters<CommandContext['t']>[0])).join(',');
}

function row(ctx: CommandContext, { subscription: s, summary }: ListedSubscription): string[] {
  const municipality = s.municipalityCode ? ctx.municipalities.byCode(s.municipalityCode)?.name : undefined;
  let state: string;
  if (s.status === 'gepauzeerd') state = `${ctx.t('abonnementen.pausedShort')}: ${s.pausedReason ?? '?'}`;
  else if (summary?.lastFailure) {
    const failed = ctx.t('abonnementen.failedShort', { date: shortDate(summary.lastFailure.localDate, ctx) });
    state = summary.lastFailure.error ? `${failed}: ${summary.lastFailure.error}` : failed;
  } else state = summary?.lastPosted ? `✓ ${shortDate(summary.lastPosted.localDate, ctx)}` : ctx.t('abonnementen.never');
  return [
    channelMention(s.channel),
    cut(`${shortDays(s.weekdays, ctx)} ${formatPostTime(s.postMinute)}`, CELL_MAX.when),
    cut(municipality ?? ctx.t('abonnementen.nationalShort'), CELL_MAX.scope),
    cut(state, CELL_MAX.state),
  ];
}
