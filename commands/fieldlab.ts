// `/ote fieldlab`: every Field Lab intervention at a glance: day X of 100, next milestone, last check-in,
// status, and flags for overdue milestones, problems reported and escalations.
import { z } from 'zod';
import { hasEnded, isOverdue, isRunning, nextMilestone, type Intervention } from '../src/domain/fieldlab.js';
import { dayLabel, dueDateLabel, milestoneName } from '../src/fieldlab/labels.js';
import { formatDate, formatNumber } from '../src/render/format.js';
import { reply } from '../src/render/reply.js';
import { lastCheckIns, type CheckIn } from '../src/store/checkins.js';
import { listInterventions } from '../src/store/interventions.js';
import { latestDecisions, type DecisionRecord } from '../src/store/intervention-posts.js';
import { escalatedMilestoneIds } from '../src/store/milestone-posts.js';
import { ALL_ROLES, defineCommand, type CommandContext } from './types.js';

export const fieldlab = defineCommand({
  name: 'fieldlab',
  aliases: ['interventies', 'field-lab'],
  summary: 'fieldlab.summary',
  usage: '/ote fieldlab',
  roles: ALL_ROLES,
  options: [],
  schema: z.object({}),
  async run(_options, ctx) {
    const t = ctx.t;
    const [interventions, checkIns, escalated, decisions] = await Promise.all([listInterventions(ctx.db), lastCheckIns(ctx.db), escalatedMilestoneIds(ctx.db), latestDecisions(ctx.db)]);
    if (interventions.length === 0) return reply(t('fieldlab.title.none'), [{ kind: 'text', text: t('fieldlab.none') }]);

    const overdueCount = interventions.reduce((sum, i) => sum + i.milestones.filter((m) => isOverdue(i, m, ctx.now)).length, 0);
    const running = interventions.filter((i) => isRunning(i, ctx.now)).length;
    const n = (value: number) => formatNumber(value, ctx.lang);
    return reply(t('fieldlab.title', { count: interventions.length }), [
      {
        kind: 'facts',
        facts: [
          { label: t('fieldlab.running'), value: n(running) },
          { label: t('fieldlab.overdueCount'), value: overdueCount > 0 ? `*${n(overdueCount)}*` : n(0) },
        ],
      },
      {
        kind: 'table',
        columns: [
          { header: t('fieldlab.col.intervention'), align: 'left' },
          { header: t('fieldlab.col.day'), align: 'left' },
          { header: t('fieldlab.col.next'), align: 'left' },
          { header: t('fieldlab.col.lastCheckIn'), align: 'left' },
          { header: t('fieldlab.col.status'), align: 'left' },
        ],
        rows: interventions.map((i) => row(i, checkIns.get(i.id), escalated, decisions.get(i.id), ctx)),
      },
      { kind: 'context', text: t('fieldlab.context') },
    ]);
  },
});

function row(intervention: Intervention, checkIn: CheckIn | undefined, escalated: ReadonlySet<number>, decision: DecisionRecord | undefined, ctx: CommandContext): string[] {
  const t = ctx.t;
  const next = nextMilestone(intervention);
  const running = isRunning(intervention, ctx.now);
  const nextText = !running || !next
    ? '–'
    : t('fieldlab.nextValue', { milestone: milestoneName(next, t), date: dueDateLabel(intervention, next, ctx.lang) });
  const lastText = checkIn
    ? t('fieldlab.checkInValue', { status: t(`fieldlab.checkin.${checkIn.status}`), date: formatDate(checkIn.at, ctx.lang) })
    : t('fieldlab.noCheckIn');
  const flags: string[] = [];
  const overdue = intervention.milestones.filter((m) => isOverdue(intervention, m, ctx.now)).length;
  if (overdue > 0) flags.push(t('fieldlab.flag.overdue', { count: overdue }));
  if (running && intervention.milestones.some((m) => m.state === 'knelpunt')) flags.push(t('fieldlab.flag.problem'));
  if (running && intervention.milestones.some((m) => m.state === 'open' && escalated.has(m.id))) flags.push(t('fieldlab.flag.escalated'));
  const status = hasEnded(intervention, ctx.now)
    ? t('fieldlab.ended')
    : decision
      ? t('fieldlab.decided', { status: t(`fieldlab.status.${intervention.status}`), date: formatDate(decision.at, ctx.lang) })
      : t(`fieldlab.status.${intervention.status}`);
  return [intervention.name, running ? dayLabel(intervention, ctx.now, t) : '–', nextText, lastText, [status, ...flags].join(' ')];
}
