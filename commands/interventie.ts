// `/ote interventie <naam>`: one intervention in detail, with its milestones and check-in history.
// The actions `nieuw`, `wijzig`, `besluit` and `stop` manage interventions (commands/interventie-beheer.ts).
import { z } from 'zod';
import { addCalendarDays } from '../src/domain/working-days.js';
import { hasEnded, isRunning, nextMilestone, sortedMilestones, type Intervention } from '../src/domain/fieldlab.js';
import { isInterventionName, resolveIntervention } from '../src/fieldlab/find.js';
import { actorLabel, dayLabel, dueDateLabel, milestoneName, standingLabel } from '../src/fieldlab/labels.js';
import { decisionWord } from '../src/fieldlab/reminder-reply.js';
import { formatDateTime, formatLocalDate } from '../src/render/format.js';
import { channelMention } from '../src/render/mention.js';
import { latestDecisions } from '../src/store/intervention-posts.js';
import { reply, type Block, type Reply } from '../src/render/reply.js';
import { checkInHistory } from '../src/store/checkins.js';
import { INTERVENTION_ACTIONS } from './interventie-beheer.js';
import { ALL_ROLES, defineCommand, type CommandContext } from './types.js';

export const interventie = defineCommand({
  name: 'interventie',
  aliases: ['intervention'],
  summary: 'interventie.summary',
  usage: '/ote interventie <naam>',
  roles: ALL_ROLES,
  options: [{ name: 'invoer', kind: 'text', description: 'interventie.option.naam' }],
  schema: z.object({ invoer: z.string().trim().max(500).optional() }),
  actions: INTERVENTION_ACTIONS,
  // A name that begins with an action word (`Stop de knal`) is still a name.
  keepsActionWord: async ({ invoer }, ctx) => invoer !== undefined && (await isInterventionName(ctx.db, invoer)),
  async run({ invoer }, ctx) {
    if (!invoer) return reply(ctx.t('interventie.title.help'), [{ kind: 'text', text: ctx.t('interventie.needName') }]);
    return show(await resolveIntervention(ctx.db, invoer, ctx.t), ctx);
  },
});

async function show(intervention: Intervention, ctx: CommandContext): Promise<Reply> {
  const { t, lang, now } = ctx;
  const running = isRunning(intervention, now);
  const next = running ? nextMilestone(intervention) : undefined;
  const end = addCalendarDays(intervention.startDate, intervention.lengthDays);
  const decision = (await latestDecisions(ctx.db, [intervention.id])).get(intervention.id);
  const blocks: Block[] = [];
  if (intervention.description) blocks.push({ kind: 'text', text: intervention.description });
  const team = intervention.teamRoles.length > 0 ? t('interventie.teamRolesValue', { roles: intervention.teamRoles.join(', ') }) : t('interventie.teamDefault');
  blocks.push({
    kind: 'facts',
    facts: [
      { label: t('interventie.status'), value: hasEnded(intervention, now) ? t('fieldlab.ended') : t(`fieldlab.status.${intervention.status}`) },
      ...(decision
        ? [{ label: t('decision.lastDecision'), value: t('decision.value', { decision: decisionWord(decision.decision, lang), who: actorLabel(decision.actor), date: formatDateTime(decision.at, lang) }) + (decision.note ? `: ${decision.note}` : '') }]
        : []),
      { label: t('interventie.day'), value: dayLabel(intervention, now, t) },
      { label: t('interventie.period'), value: t('interventie.periodValue', { start: formatLocalDate(intervention.startDate, lang), end: formatLocalDate(end, lang) }) },
      { label: t('interventie.next'), value: next ? t('fieldlab.nextValue', { milestone: milestoneName(next, t), date: dueDateLabel(intervention, next, lang) }) : '–' },
      { label: t('interventie.owners'), value: intervention.owners.join(', ') || '–' },
      { label: t('interventie.channel'), value: channelMention(intervention.channel) },
      { label: t('interventie.team'), value: team },
      { label: t('interventie.language'), value: t(`subscription.lang.${intervention.lang}`) },
    ],
  });
  blocks.push({
    kind: 'table',
    title: t('interventie.milestones'),
    columns: [
      { header: t('interventie.col.day'), align: 'right' },
      { header: t('interventie.col.milestone'), align: 'left' },
      { header: t('interventie.col.due'), align: 'left' },
      { header: t('interventie.col.standing'), align: 'left' },
    ],
    rows: sortedMilestones(intervention.milestones).map((m) => [
      String(m.day),
      milestoneName(m, t),
      dueDateLabel(intervention, m, lang),
      standingLabel(intervention, m, now, t, lang),
    ]),
  });
  const history = await checkInHistory(ctx.db, intervention.id, 10);
  const byId = new Map(intervention.milestones.map((m) => [m.id, m]));
  if (history.length === 0) {
    blocks.push({ kind: 'text', text: t('interventie.noCheckIns') });
  } else {
    // Lines, not a table: who answered is a mention, and a code block shows none.
    const lines = history.map((c) => {
      const milestone = byId.get(c.milestoneId);
      const answer = c.status === 'later' && c.snoozedUntil
        ? t('fieldlab.checkin.laterUntil', { date: formatDateTime(c.snoozedUntil, lang) })
        : t(`fieldlab.checkin.${c.status}`);
      const name = milestone ? milestoneName(milestone, t) : t('interventie.droppedMilestone', { day: c.day });
      return `• ${formatDateTime(c.at, lang)} · ${name} · ${actorLabel(c.actor)}: ${answer}${c.note ? ` — ${c.note}` : ''}`;
    });
    blocks.push({ kind: 'text', text: `*${t('interventie.checkIns')}*\n${lines.join('\n')}` });
  }
  blocks.push({ kind: 'context', text: t('interventie.dueNote') });
  return reply(t('interventie.title', { name: intervention.name }), blocks);
}
