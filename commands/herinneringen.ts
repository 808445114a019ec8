// `/ote herinneringen [interventie]`: the reminders, escalations and end-of-intervention prompts still to
// come, with their moments and who gets them (the team or the programme office), as the reconcile plans them
// from the database (src/domain/reminder-plan.ts).
import { z } from 'zod';
import { plannedJobs, type PlannedJob } from '../src/domain/reminder-plan.js';
import type { Intervention } from '../src/domain/fieldlab.js';
import { resolveIntervention } from '../src/fieldlab/find.js';
import { milestoneName } from '../src/fieldlab/labels.js';
import { formatDateTime } from '../src/render/format.js';
import { reply, type Block } from '../src/render/reply.js';
import { decisionPromptsDone } from '../src/store/intervention-posts.js';
import { listInterventions } from '../src/store/interventions.js';
import { postLog } from '../src/store/milestone-posts.js';
import { ALL_ROLES, defineCommand, type CommandContext } from './types.js';

/** Rows shown at most; the rest is counted. */
const MAX_ROWS = 40;

export const herinneringen = defineCommand({
  name: 'herinneringen',
  aliases: ['reminders'],
  summary: 'herinneringen.summary',
  usage: '/ote herinneringen [interventie]',
  roles: ALL_ROLES,
  options: [{ name: 'interventie', kind: 'text', description: 'herinneringen.option.interventie' }],
  schema: z.object({ interventie: z.string().trim().max(120).optional() }),
  async run({ interventie }, ctx) {
    const one = interventie ? await resolveIntervention(ctx.db, interventie, ctx.t) : undefined;
    const ids = one ? [one.id] : undefined;
    const [interventions, log, promptsDone] = await Promise.all([listInterventions(ctx.db, ids), postLog(ctx.db, ids), decisionPromptsDone(ctx.db, ids)]);
    const byId = new Map(interventions.map((i) => [i.id, i]));
    const planned = plannedJobs(interventions, log, ctx.now, promptsDone).sort((a, b) => a.runAt.getTime() - b.runAt.getTime());
    const title = one ? ctx.t('herinneringen.titleOne', { name: one.name }) : ctx.t('herinneringen.title');
    if (planned.length === 0) return reply(title, [{ kind: 'text', text: ctx.t('herinneringen.none') }]);
    const shown = planned.slice(0, MAX_ROWS);
    const blocks: Block[] = [
      {
        kind: 'table',
        columns: [
          { header: ctx.t('herinneringen.col.when'), align: 'left' },
          { header: ctx.t('herinneringen.col.what'), align: 'left' },
          ...(one ? [] : [{ header: ctx.t('herinneringen.col.intervention'), align: 'left' as const }]),
          { header: ctx.t('herinneringen.col.to'), align: 'left' },
        ],
        rows: shown.map((job) => row(job, byId.get(job.data.interventionId)!, !one, ctx)),
      },
    ];
    if (planned.length > shown.length) blocks.push({ kind: 'text', text: ctx.t('slack.more', { count: planned.length - shown.length }) });
    blocks.push({ kind: 'context', text: ctx.t('herinneringen.context') });
    return reply(title, blocks);
  },
});

function row(job: PlannedJob, intervention: Intervention, withName: boolean, ctx: CommandContext): string[] {
  const { t } = ctx;
  const milestone = job.kind === 'einde' ? undefined : intervention.milestones.find((m) => m.id === job.data.milestoneId);
  const what = job.kind === 'einde' ? t('herinneringen.kind.einde') : t(`herinneringen.kind.${job.kind}`, { milestone: milestone ? milestoneName(milestone, t) : '?' });
  const to = job.kind === 'escalatie' ? t('herinneringen.toOffice') : job.kind === 'einde' ? `${t('herinneringen.toTeam')} + ${t('herinneringen.toOffice')}` : t('herinneringen.toTeam');
  return [formatDateTime(job.runAt, ctx.lang), what, ...(withName ? [intervention.name] : []), to];
}
