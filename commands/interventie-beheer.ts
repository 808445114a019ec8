// The actions of `/ote interventie`: `nieuw`, `wijzig` and `stop` by the programme office; a team may add,
// move or drop its own milestones from its team channel (`wijzig`) and decide at the end (`besluit`).
// Input is `veld=waarde` (src/commands/fields.ts). The dispatcher checks who may, before they run.
import { z } from 'zod';
import { UserError } from '../src/commands/errors.js';
import {
  DECISIONS,
  defaultMilestones,
  DEFAULT_LENGTH_DAYS,
  mayAnswer,
  type Decision,
  type Intervention,
  type InterventionStatus,
} from '../src/domain/fieldlab.js';
import { parseFields } from '../src/commands/fields.js';
import { resolveIntervention } from '../src/fieldlab/find.js';
import { checkDay, checkFields, parseMove, type CheckedFields } from '../src/fieldlab/intervention-fields.js';
import { decide } from '../src/fieldlab/decision.js';
import { requestReconcile } from '../src/fieldlab/reconcile.js';
import { recordDecision } from '../src/store/intervention-posts.js';
import { formatLocalDate } from '../src/render/format.js';
import { channelMention } from '../src/render/mention.js';
import { reply, type Block, type Reply } from '../src/render/reply.js';
import { audit, auditLine, type AuditAction, type AuditDetail } from '../src/store/audit.js';
import { createIntervention, dropMilestone, findInterventionIdByName, moveMilestone, updateIntervention, upsertMilestone } from '../src/store/interventions.js';
import { defineAction, oncePerRun, type CommandContext } from './types.js';

const NEW_FIELDS = ['naam', 'kanaal', 'start', 'duur', 'eigenaren', 'omschrijving', 'taal', 'team'] as const;
const CHANGE_FIELDS = [...NEW_FIELDS, 'status', 'mijlpaal', 'verplaats', 'schrap'] as const;
const MILESTONE_FIELDS = ['mijlpaal', 'verplaats', 'schrap'];
const FIELD_NAMES = ['naam', 'kanaal', 'start', 'duur', 'eigenaren', 'omschrijving', 'taal', 'team', 'status'] as const;
const END_STATUSES = ['gestopt', 'doorgezet', 'aangepast'] as const;
type EndStatus = (typeof END_STATUSES)[number];
const STATUS_DECISION: Record<EndStatus, Decision> = { gestopt: 'stoppen', doorgezet: 'doorzetten', aangepast: 'aanpassen' };

function fields(text: string, allowed: readonly string[], ctx: CommandContext) {
  const parsed = parseFields(text, allowed);
  if (!parsed.ok) throw new UserError(`${ctx.t(`interventie.field.${parsed.problem}`, { field: parsed.field })} ${ctx.t('interventie.fieldsHelp')}`);
  return parsed;
}

function by(ctx: CommandContext): string {
  return `${ctx.actor.platform}:${ctx.actor.userId}`;
}

/** Asks the queue to bring this intervention's reminders in line; says so when there is no queue here. */
async function reconcile(id: number, ctx: CommandContext, blocks: Block[]): Promise<void> {
  const outcome = await requestReconcile(ctx.services.enqueue, id);
  if (outcome === 'no-queue') blocks.push({ kind: 'context', text: ctx.t('interventie.noQueue') });
  if (outcome === 'later') blocks.push({ kind: 'context', text: ctx.t('interventie.queueLater') });
}

async function createNewIntervention(text: string, ctx: CommandContext): Promise<Reply> {
  const { head, fields: raw } = fields(text, NEW_FIELDS, ctx);
  if (!raw.has('naam') && head) raw.set('naam', head);
  const checked = checkFields(raw, ctx.t, ['naam', 'kanaal', 'start']);
  const name = checked.name!;
  if ((await findInterventionIdByName(ctx.db, name)) !== undefined) {
    throw new UserError(ctx.t('interventie.badField', { field: 'naam', reason: ctx.t('interventie.reason.nameTaken') }));
  }
  const lengthDays = checked.lengthDays ?? DEFAULT_LENGTH_DAYS;
  const milestones = defaultMilestones(lengthDays);
  const id = await ctx.db.transaction(async (tx) => {
    const created = await createIntervention(
      tx,
      {
        name,
        description: checked.description ?? '',
        owners: checked.owners ?? [],
        channel: checked.channel!,
        startDate: checked.startDate!,
        lengthDays,
        status: 'actief',
        milestones,
        ...(checked.lang ? { lang: checked.lang } : {}),
        ...(checked.teamRoles ? { teamRoles: checked.teamRoles } : {}),
      },
      by(ctx),
    );
    await audit(tx, auditLine(
      ctx.actor,
      'interventie.aangemaakt',
      name,
      { id: created, kanaal: checked.channel!, start: checked.startDate!, duur: lengthDays, mijlpalen: milestones.length },
    ));
    return created;
  });
  const blocks: Block[] = [
    {
      kind: 'text',
      text: ctx.t('interventie.created', { name, date: formatLocalDate(checked.startDate!, ctx.lang), count: milestones.length, days: lengthDays, channel: channelMention(checked.channel!) }),
    },
  ];
  await reconcile(id, ctx, blocks);
  return reply(ctx.t('interventie.createdTitle'), blocks);
}

/** What `wijzig <naam> veld=…` names: the intervention and the fields. */
const changeTarget = oncePerRun(async (text: string, ctx: CommandContext) => {
  const { head, fields: raw } = fields(text, CHANGE_FIELDS, ctx);
  if (!head) throw new UserError(ctx.t('interventie.needName'));
  return { intervention: await resolveIntervention(ctx.db, head, ctx.t), raw };
});

async function changeIntervention(text: string, ctx: CommandContext): Promise<Reply> {
  const { intervention, raw } = await changeTarget(text, ctx);
  if (raw.size === 0) throw new UserError(`${ctx.t('interventie.nothingToChange')} ${ctx.t('interventie.fieldsHelp')}`);
  const checked = checkFields(raw, ctx.t, []);
  if (checked.name && checked.name.toLowerCase() !== intervention.name.toLowerCase()) {
    if ((await findInterventionIdByName(ctx.db, checked.name)) !== undefined) {
      throw new UserError(ctx.t('interventie.badField', { field: 'naam', reason: ctx.t('interventie.reason.nameTaken') }));
    }
  }
  const changes = planMilestones(intervention, raw, checked, ctx);
  const name = checked.name ?? intervention.name;
  const fieldsChanged = FIELD_NAMES.filter((f) => raw.has(f));
  await ctx.db.transaction(async (tx) => {
    await updateIntervention(tx, intervention.id, {
      name: checked.name,
      description: checked.description,
      owners: checked.owners,
      channel: checked.channel,
      startDate: checked.startDate,
      lengthDays: checked.lengthDays,
      status: checked.status,
      lang: checked.lang,
      teamRoles: checked.teamRoles,
    });
    for (const change of changes) await change.apply(tx);
    if (fieldsChanged.length > 0) {
      // Free text (description, owners) is named, not copied; the rest is plain facts.
      const detail: AuditDetail = { id: intervention.id, velden: fieldsChanged.join(',') };
      if (checked.name !== undefined && checked.name !== intervention.name) detail.vorigeNaam = intervention.name;
      if (checked.channel !== undefined) detail.kanaal = checked.channel;
      if (checked.startDate !== undefined) detail.start = checked.startDate;
      if (checked.lengthDays !== undefined) detail.duur = checked.lengthDays;
      if (checked.status !== undefined) detail.status = checked.status;
      await audit(tx, auditLine(ctx.actor, 'interventie.gewijzigd', name, detail));
    }
    for (const change of changes) {
      await audit(tx, auditLine(ctx.actor, change.action, name, { interventie: intervention.id, ...change.detail }));
    }
  });
  const described = [
    ...fieldsChanged.map((f) => ctx.t('interventie.change.field', { field: f, value: raw.get(f)! })),
    ...changes.map((c) => c.text),
  ];
  const blocks: Block[] = [{ kind: 'text', text: ctx.t('interventie.changed', { name, changes: described.join('; ') }) }];
  await reconcile(intervention.id, ctx, blocks);
  return reply(ctx.t('interventie.changedTitle'), blocks);
}

interface MilestoneChange {
  text: string;
  /** The audit line: `mijlpaal.toegevoegd`, `mijlpaal.verplaatst`, `mijlpaal.geschrapt`, with days (never the title). */
  action: AuditAction;
  detail: AuditDetail;
  apply(db: CommandContext['db']): Promise<unknown>;
}

/** Checks `mijlpaal`, `verplaats` and `schrap` against the intervention (after a change of length). */
function planMilestones(intervention: Intervention, raw: Map<string, string>, checked: CheckedFields, ctx: CommandContext): MilestoneChange[] {
  const t = ctx.t;
  const length = checked.lengthDays ?? intervention.lengthDays;
  const days = new Set(intervention.milestones.map((m) => m.day));
  const bad = (field: string, reason: string) => new UserError(t('interventie.badField', { field, reason }));
  const changes: MilestoneChange[] = [];
  const dropText = raw.get('schrap');
  if (dropText !== undefined) {
    const day = checkDay(dropText, length, t, 'schrap');
    if (!days.has(day)) throw bad('schrap', t('interventie.reason.noMilestone', { day }));
    days.delete(day);
    changes.push({ text: t('interventie.change.dropped', { day }), action: 'mijlpaal.geschrapt', detail: { dag: day }, apply: (db) => dropMilestone(db, intervention.id, day, ctx.now) });
  }
  const moveText = raw.get('verplaats');
  if (moveText !== undefined) {
    const move = parseMove(moveText, length, t);
    const open = intervention.milestones.find((m) => m.day === move.from && m.state === 'open');
    if (!open || !days.has(move.from)) throw bad('verplaats', t('interventie.reason.noMilestone', { day: move.from }));
    if (days.has(move.to)) throw bad('verplaats', t('interventie.reason.dayTaken', { day: move.to }));
    days.delete(move.from);
    days.add(move.to);
    changes.push({ text: t('interventie.change.moved', move), action: 'mijlpaal.verplaatst', detail: { van: move.from, naar: move.to }, apply: (db) => moveMilestone(db, intervention.id, move.from, move.to) });
  }
  const addText = raw.get('mijlpaal');
  if (addText !== undefined) {
    const match = /^(\d{1,3})\s+(.{1,120})$/.exec(addText);
    if (!match) throw bad('mijlpaal', t('interventie.reason.title'));
    const day = checkDay(match[1]!, length, t, 'mijlpaal');
    if (days.has(day)) throw bad('mijlpaal', t('interventie.reason.dayTaken', { day }));
    days.add(day);
    const title = match[2]!.trim();
    changes.push({ text: t('interventie.change.added', { day, title }), action: 'mijlpaal.toegevoegd', detail: { dag: day }, apply: (db) => upsertMilestone(db, intervention.id, { day, kind: 'eigen', title }) });
  }
  const beyond = [...days].find((d) => d > length);
  if (beyond !== undefined) throw bad('duur', t('interventie.reason.beyondLength', { day: beyond, length }));
  return changes;
}

async function stopIntervention(text: string, ctx: CommandContext): Promise<Reply> {
  const { head, fields: raw } = fields(text, ['besluit'], ctx);
  if (!head) throw new UserError(ctx.t('interventie.needName'));
  const intervention = await resolveIntervention(ctx.db, head, ctx.t);
  const decision = (raw.get('besluit')?.toLowerCase() ?? 'gestopt') as InterventionStatus;
  if (!(END_STATUSES as readonly string[]).includes(decision)) {
    throw new UserError(ctx.t('interventie.badField', { field: 'besluit', reason: ctx.t('interventie.reason.status', { choices: END_STATUSES.join(', ') }) }));
  }
  const status = ctx.t(`fieldlab.status.${decision}`);
  if (intervention.status === decision) return reply(ctx.t('interventie.stoppedTitle'), [{ kind: 'text', text: ctx.t('interventie.alreadyEnded', { name: intervention.name, status }) }]);
  await ctx.db.transaction(async (tx) => {
    await updateIntervention(tx, intervention.id, { status: decision });
    await recordDecision(tx, { interventionId: intervention.id, decision: STATUS_DECISION[decision as EndStatus], note: null, actor: by(ctx), at: ctx.now });
    await audit(tx, auditLine(ctx.actor, 'interventie.beeindigd', intervention.name, { id: intervention.id, besluit: decision }));
  });
  const blocks: Block[] = [{ kind: 'text', text: ctx.t('interventie.stopped', { name: intervention.name, status }) }];
  await reconcile(intervention.id, ctx, blocks);
  return reply(ctx.t('interventie.stoppedTitle'), blocks);
}

/** What `besluit <naam> doorzetten|aanpassen|stoppen [notitie=…]` names. */
const decisionTarget = oncePerRun(async (text: string, ctx: CommandContext) => {
  const { head, fields: raw } = fields(text, ['notitie'], ctx);
  const words = head.split(/\s+/).filter(Boolean);
  const decision = words.at(-1)?.toLowerCase() as Decision | undefined;
  if (!decision || !(DECISIONS as readonly string[]).includes(decision) || words.length < 2) {
    throw new UserError(ctx.t('interventie.badField', { field: 'besluit', reason: ctx.t('interventie.reason.status', { choices: DECISIONS.join(', ') }) }));
  }
  return { intervention: await resolveIntervention(ctx.db, words.slice(0, -1).join(' '), ctx.t), decision, raw };
});

/** The decision at the end, by the office or the team. */
async function decideIntervention(text: string, ctx: CommandContext): Promise<Reply> {
  const { intervention, decision, raw } = await decisionTarget(text, ctx);
  const note = raw.get('notitie') ?? null;
  if (note && note.length > 500) throw new UserError(ctx.t('interventie.badField', { field: 'notitie', reason: ctx.t('interventie.reason.tooLong', { max: 500 }) }));
  return decide(intervention, decision, note, ctx.actor, {
    db: ctx.db, lang: ctx.lang, now: ctx.now,
    ...(ctx.services.enqueue ? { enqueue: ctx.services.enqueue } : {}),
    ...(ctx.services.posters ? { posters: ctx.services.posters } : {}),
  });
}

const input = [{ name: 'invoer', kind: 'text', description: 'interventie.option.velden' }] as const;
const schema = z.object({ invoer: z.string().trim().max(500).optional() });

export const INTERVENTION_ACTIONS = [
  defineAction({
    name: 'nieuw',
    aliases: ['new'],
    summary: 'interventie.action.nieuw',
    usage: '/ote interventie nieuw naam=… kanaal=… start=…',
    preconditions: ['programmabureau'],
    options: input,
    schema,
    run: ({ invoer }, ctx) => createNewIntervention(invoer ?? '', ctx),
  }),
  defineAction({
    name: 'wijzig',
    aliases: ['wijzigen', 'change'],
    summary: 'interventie.action.wijzig',
    usage: '/ote interventie wijzig <naam> veld=…',
    preconditions: ['programmabureau', 'teamVan'],
    // The team changes only milestones, and from its own team channel.
    async team({ invoer }, ctx) {
      const { intervention, raw } = await changeTarget(invoer ?? '', ctx);
      const onlyMilestones = [...raw.keys()].every((f) => MILESTONE_FIELDS.includes(f));
      return { member: onlyMilestones && ctx.channel === intervention.channel, who: ctx.t('interventie.team.milestones') };
    },
    options: input,
    schema,
    run: ({ invoer }, ctx) => changeIntervention(invoer ?? '', ctx),
  }),
  defineAction({
    name: 'besluit',
    aliases: ['decide'],
    summary: 'interventie.action.besluit',
    usage: '/ote interventie besluit <naam> doorzetten|aanpassen|stoppen [notitie=…]',
    preconditions: ['programmabureau', 'teamVan'],
    async team({ invoer }, ctx) {
      const { intervention } = await decisionTarget(invoer ?? '', ctx);
      return { member: mayAnswer(intervention, ctx.actor, ctx.channel), who: ctx.t('interventie.team.channel') };
    },
    options: input,
    schema,
    run: ({ invoer }, ctx) => decideIntervention(invoer ?? '', ctx),
  }),
  defineAction({
    name: 'stop',
    aliases: ['stoppen'],
    summary: 'interventie.action.stop',
    usage: '/ote interventie stop <naam> [besluit=…]',
    preconditions: ['programmabureau'],
    options: input,
    schema,
    run: ({ invoer }, ctx) => stopIntervention(invoer ?? '', ctx),
  }),
];
