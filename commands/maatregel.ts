// `/ote maatregel <naam>`: one measure of the action plan in detail; the action `bijwerken <naam>
// voortgang=… status=… notitie=…` updates it, by the owner's role or the programme office.
import { z } from 'zod';
import { UserError } from '../src/commands/errors.js';
import { findMeasures, mayUpdateMeasure, MEASURE_STATUSES, type Measure, type MeasureStatus } from '../src/domain/measures.js';
import { localDate } from '../src/domain/working-days.js';
import { parseFields } from '../src/commands/fields.js';
import { actorLabel } from '../src/fieldlab/labels.js';
import { measureDueLabel, measureProgressLabel, measureStatusLabel, measureText } from '../src/fieldlab/measure-labels.js';
import { formatDateTime, formatNumber } from '../src/render/format.js';
import { reply, type Block, type Reply } from '../src/render/reply.js';
import { audit, auditLine } from '../src/store/audit.js';
import { listMeasures, measureHistory, updateMeasure } from '../src/store/measures.js';
import { ALL_ROLES, defineAction, defineCommand, oncePerRun, type CommandContext } from './types.js';

export const maatregel = defineCommand({
  name: 'maatregel',
  aliases: ['measure'],
  summary: 'maatregel.summary',
  usage: '/ote maatregel <naam>',
  roles: ALL_ROLES,
  options: [{ name: 'invoer', kind: 'text', description: 'maatregel.option.naam' }],
  schema: z.object({ invoer: z.string().trim().max(500).optional() }),
  actions: [
    defineAction({
      name: 'bijwerken',
      aliases: ['update'],
      summary: 'maatregel.action.bijwerken',
      usage: '/ote maatregel bijwerken <naam> voortgang=… status=… notitie=…',
      preconditions: ['programmabureau', 'teamVan'],
      // A measure's team: the roles that own it.
      async team({ invoer }, ctx) {
        const { measure } = await updateTarget(invoer ?? '', ctx);
        return { member: mayUpdateMeasure(ctx.actor, measure), who: rolesText(measure, ctx) };
      },
      options: [{ name: 'invoer', kind: 'text', description: 'maatregel.option.velden' }],
      schema: z.object({ invoer: z.string().trim().max(500).optional() }),
      run: ({ invoer }, ctx) => update(invoer ?? '', ctx),
    }),
  ],
  async run({ invoer }, ctx) {
    if (!invoer) throw new UserError(ctx.t('maatregel.needName'));
    return show(await resolveMeasure(invoer, ctx), ctx);
  },
});

async function resolveMeasure(name: string, ctx: CommandContext): Promise<Measure> {
  const found = findMeasures(await listMeasures(ctx.db), name);
  if (found.length === 1) return found[0]!;
  if (found.length === 0) throw new UserError(ctx.t('maatregel.unknown', { name }));
  throw new UserError(ctx.t('maatregel.ambiguous', { name, names: found.map((m) => `${measureText(m, 'name', ctx.t)} (${m.code})`).join(', ') }));
}

function rolesText(measure: Measure, ctx: CommandContext): string {
  return measure.ownerRoles.filter((r) => r !== 'programma').map((r) => ctx.t(`role.${r}`)).join(', ');
}

async function show(measure: Measure, ctx: CommandContext): Promise<Reply> {
  const { t, lang } = ctx;
  const history = await measureHistory(ctx.db, measure.code, 5);
  const blocks: Block[] = [
    { kind: 'text', text: measureText(measure, 'description', t) },
    {
      kind: 'facts',
      facts: [
        { label: t('maatregel.code'), value: measure.code },
        { label: t('maatregel.line'), value: t(`measure.line.${measure.line}`) },
        { label: t('maatregel.owner'), value: measureText(measure, 'owner', t) },
        { label: t('maatregel.goal'), value: measure.goal !== null ? `${formatNumber(measure.goal, lang)} ${measureText(measure, 'unit', t)}`.trim() : '–' },
        { label: t('maatregel.progress'), value: measureProgressLabel(measure, lang, t) },
        { label: t('maatregel.due'), value: measureDueLabel(measure, lang) },
        { label: t('maatregel.status'), value: measureStatusLabel(measure, localDate(ctx.now), t) },
        { label: t('maatregel.updatedAt'), value: formatDateTime(measure.updatedAt, lang) },
      ],
    },
  ];
  if (history.length > 0) {
    blocks.push({
      kind: 'table',
      title: t('maatregel.history'),
      columns: [
        { header: t('maatregel.col.when'), align: 'left' },
        { header: t('maatregel.col.who'), align: 'left' },
        { header: t('maatregel.col.progress'), align: 'right' },
        { header: t('maatregel.col.status'), align: 'left' },
        { header: t('maatregel.col.note'), align: 'left' },
      ],
      rows: history.map((h) => [
        formatDateTime(h.at, lang),
        actorLabel(h.actor),
        h.progress === null ? '' : formatNumber(h.progress, lang),
        t(`measure.status.${h.status}`),
        h.note ?? '',
      ]),
    });
  }
  const roles = rolesText(measure, ctx);
  blocks.push({ kind: 'context', text: t(roles ? 'maatregel.updateHelp' : 'maatregel.updateHelpProgramme', { code: measure.code, roles }) });
  return reply(measureText(measure, 'name', t), blocks);
}

/** `1250`, `1.250` (a Dutch thousands separator). */
function parseCount(text: string): number | undefined {
  const digits = /^\d{1,3}(\.\d{3})+$/.test(text) ? text.replace(/\./g, '') : text;
  return /^\d{1,7}$/.test(digits) ? Number(digits) : undefined;
}

/** What `bijwerken <naam> veld=…` names: the measure and the fields. */
const updateTarget = oncePerRun(async (text: string, ctx: CommandContext) => {
  const t = ctx.t;
  const parsed = parseFields(text, ['voortgang', 'status', 'notitie']);
  if (!parsed.ok) throw new UserError(`${t(`interventie.field.${parsed.problem}`, { field: parsed.field })} ${t('maatregel.fieldsHelp')}`);
  if (!parsed.head) throw new UserError(t('maatregel.needName'));
  return { measure: await resolveMeasure(parsed.head, ctx), parsed };
});

async function update(text: string, ctx: CommandContext): Promise<Reply> {
  const t = ctx.t;
  const { measure, parsed } = await updateTarget(text, ctx);
  const fields = parsed.fields;
  if (!fields.has('voortgang') && !fields.has('status')) throw new UserError(t('maatregel.nothingToUpdate'));
  const bad = (field: string, reason: string) => new UserError(t('interventie.badField', { field, reason }));

  let progress: number | undefined;
  const progressText = fields.get('voortgang');
  if (progressText !== undefined) {
    if (measure.goal === null) throw bad('voortgang', t('maatregel.noGoal'));
    progress = parseCount(progressText);
    if (progress === undefined) throw bad('voortgang', t('maatregel.reason.count'));
  }
  const statusText = fields.get('status')?.toLowerCase();
  if (statusText !== undefined && !(MEASURE_STATUSES as readonly string[]).includes(statusText)) {
    throw bad('status', t('interventie.reason.status', { choices: MEASURE_STATUSES.join(', ') }));
  }
  const note = fields.get('notitie');
  if (note !== undefined && note.length > 500) throw bad('notitie', t('interventie.reason.tooLong', { max: 500 }));

  const updated = await ctx.db.transaction(async (tx) => {
    const after = await updateMeasure(tx, {
      code: measure.code,
      progress,
      status: statusText as MeasureStatus | undefined,
      note,
      actor: `${ctx.actor.platform}:${ctx.actor.userId}`,
      at: ctx.now,
    });
    if (after) {
      // The note stays in the measure's history; the audit line says only that there is one.
      await audit(tx, auditLine(
        ctx.actor,
        'maatregel.bijgewerkt',
        after.code,
        { voortgang: after.progress, status: after.status, notitie: note !== undefined },
      ));
    }
    return after;
  });
  if (!updated) throw new UserError(t('maatregel.unknown', { name: parsed.head }));
  return reply(t('maatregel.updatedTitle'), [
    {
      kind: 'text',
      text: t('maatregel.updatedText', {
        name: updated.name,
        progress: measureProgressLabel(updated, ctx.lang, t),
        status: measureStatusLabel(updated, localDate(ctx.now), t),
      }),
    },
  ]);
}
