// `/ote abonnementen`: every channel's subscription, its last successful digest and any later failure or
// pause. The programme office sees every channel; a channel admin (Actor.channelAdmin) only the channel the
// command came from.
import { z } from 'zod';
import { describeScope, describeWeekdays, formatPostTime } from '../src/commands/subscription-options.js';
import { formatLocalDate } from '../src/render/format.js';
import { reply, type Block } from '../src/render/reply.js';
import { digestPostSummaries, type DigestPostSummary } from '../src/store/digest-posts.js';
import { findLiveSubscription, liveSubscriptions, type Subscription } from '../src/store/subscriptions.js';
import { defineCommand, isChannelAdmin, type CommandContext } from './types.js';

/** Rows shown at most; a chat table longer than this is unreadable. */
const MAX_ROWS = 40;

export const abonnementen = defineCommand({
  name: 'abonnementen',
  aliases: ['subscriptions'],
  summary: 'abonnementen.summary',
  usage: '/ote abonnementen',
  roles: ['programma'],
  allows: isChannelAdmin,
  allowsWho: 'access.channelAdmin',
  options: [],
  schema: z.object({}),
  async run(_options, ctx) {
    // A channel admin who is not the programme office sees only the channel the command came from.
    const own = ctx.actor.role === 'programma' ? undefined : await findLiveSubscription(ctx.db, ctx.channel);
    const all = ctx.actor.role === 'programma' ? await liveSubscriptions(ctx.db) : own ? [own] : [];
    if (all.length === 0) return reply(ctx.t('abonnementen.title'), [{ kind: 'text', text: ctx.t('abonnementen.none') }]);
    // This channel first, then the others in channel order.
    const ordered = [...all.filter((s) => s.channel === ctx.channel), ...all.filter((s) => s.channel !== ctx.channel)];
    const shown = ordered.slice(0, MAX_ROWS);
    const summaries = await digestPostSummaries(ctx.db, shown.map((s) => s.id));
    const blocks: Block[] = [
      {
        kind: 'table',
        columns: [
          { header: ctx.t('abonnementen.channel'), align: 'left' },
          { header: ctx.t('abonnementen.when'), align: 'left' },
          { header: ctx.t('abonnementen.scope'), align: 'left' },
          { header: ctx.t('abonnementen.last'), align: 'left' },
          { header: ctx.t('abonnementen.state'), align: 'left' },
        ],
        rows: shown.map((s) => row(ctx, s, summaries.get(s.id))),
      },
    ];
    if (ordered.length > shown.length) blocks.push({ kind: 'text', text: ctx.t('abonnementen.more', { count: ordered.length - shown.length }) });
    blocks.push({ kind: 'context', text: ctx.t('abonnementen.context') });
    return reply(ctx.t('abonnementen.title'), blocks);
  },
});

function row(ctx: CommandContext, s: Subscription, summary: DigestPostSummary | undefined): string[] {
  const channel = s.channel === ctx.channel ? ctx.t('abonnementen.thisChannel', { channel: s.channel }) : s.channel;
  const last = summary?.lastPosted ? formatLocalDate(summary.lastPosted.localDate, ctx.lang) : ctx.t('abonnementen.never');
  const states = [s.status === 'gepauzeerd' ? ctx.t('abonnementen.paused', { reason: s.pausedReason ?? '?' }) : ctx.t('abonnementen.active')];
  if (summary?.lastFailure) {
    const failure = ctx.t('abonnementen.failed', { date: formatLocalDate(summary.lastFailure.localDate, ctx.lang) });
    states.push(summary.lastFailure.error ? `${failure}: ${summary.lastFailure.error.slice(0, 80)}` : failure);
  }
  return [
    channel,
    `${describeWeekdays(ctx, s.weekdays)} ${formatPostTime(s.postMinute)}`,
    describeScope(ctx, s),
    last,
    states.join('; '),
  ];
}
