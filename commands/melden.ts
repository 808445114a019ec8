// `/ote melden`: the police or the programme office report an incident, or correct one by its reference.
// Typed as one line in the console (`/ote melden ref=… wanneer=… gemeente=…`); the Slack and Discord
// adapters open the same form as a modal and pass its fields as options (docs/intake.md).
import { z } from 'zod';
import { UserError } from '../src/commands/errors.js';
import { maySeeDetail } from '../src/domain/policy.js';
import { MEANS, OUTCOMES, TARGETS } from '../src/domain/types.js';
import { incidentBlocks } from '../src/intake/incident-reply.js';
import { recordIncidents } from '../src/intake/record.js';
import { nudgeAlerts } from '../src/alerts/clock.js';
import {
  CORRECT_ACTION_ID,
  OPEN_FORM_ACTION_ID,
  parseReportLine,
  REPORT_FIELD_IDS,
  reportForm,
  validateReport,
  valuesFromIncident,
  type ReportValues,
} from '../src/intake/report-form.js';
import { reply, type Block, type Reply } from '../src/render/reply.js';
import { whoFromActor } from '../src/store/audit.js';
import { findIncident, incidentHistory } from '../src/store/incident-detail.js';
import { ReferenceCaseConflict } from '../src/store/incidents.js';
import { defineCommand, type CommandContext } from './types.js';

const field = z.string().trim().max(200).optional();

export const melden = defineCommand({
  name: 'melden',
  aliases: ['meld', 'report'],
  summary: 'melden.summary',
  usage: '/ote melden ref=… wanneer=2025-03-01T02:30 gemeente=… doel=… resultaat=… [middel=…] [postcode=…]',
  roles: [],
  preconditions: ['registerbeheer'],
  // `formulier` comes first: typed text goes to the first text option. The others are the form's fields,
  // filled by the platform adapters from a modal.
  options: [
    { name: 'formulier', kind: 'text', description: 'melden.option.formulier' },
    { name: 'ref', kind: 'text', description: 'melden.field.ref' },
    { name: 'wanneer', kind: 'text', description: 'melden.field.wanneer' },
    { name: 'gemeente', kind: 'text', description: 'melden.field.gemeente' },
    { name: 'doel', kind: 'choice', description: 'melden.field.doel', choices: TARGETS },
    { name: 'resultaat', kind: 'choice', description: 'melden.field.resultaat', choices: OUTCOMES },
    { name: 'middel', kind: 'choice', description: 'melden.field.middel', choices: MEANS },
    { name: 'postcode', kind: 'text', description: 'melden.field.postcode' },
  ],
  schema: z.object({
    formulier: z.string().max(1000).optional(),
    ref: field,
    wanneer: field,
    gemeente: field,
    doel: field,
    resultaat: field,
    middel: field,
    postcode: field,
  }),
  async run(options, ctx) {
    const line = parseReportLine(options.formulier ?? '');
    if (!line.ok) throw new UserError(`${ctx.t(`melden.line.${line.problem}`, { detail: line.detail })}\n${ctx.t('error.usage', { usage: melden.usage })}`);
    const given: ReportValues = {};
    for (const id of REPORT_FIELD_IDS) {
      const value = line.values[id] ?? options[id];
      if (value !== undefined) given[id] = value;
    }
    if (Object.keys(given).length === 0) return formHelp(ctx);

    // A known reference is a correction: fields left out keep their stored value.
    const existing = given.ref ? await findIncident(ctx.db, given.ref.trim()) : null;
    const values = existing ? { ...valuesFromIncident(existing), ...given, ref: existing.reference } : given;
    const checked = validateReport(values, ctx.municipalities, ctx.now, ctx.t);
    if (!checked.ok) {
      const lines = Object.entries(checked.errors).map(([id, reason]) => `• \`${id}\`: ${reason}`);
      throw new UserError(`${ctx.t('melden.invalid')}\n${lines.join('\n')}`);
    }
    const [result] = await recordIncidents(ctx.db, [checked.incident], 'chat', whoFromActor(ctx.actor)).catch((error: unknown) => {
      if (error instanceof ReferenceCaseConflict) throw new UserError(ctx.t('reference.caseConflict', { references: error.references.join(', ') }));
      throw error;
    });
    if (result!.outcome !== 'ongewijzigd') nudgeAlerts(ctx.services.enqueue); // alerts: look for it now
    return stored(result!.reference, result!.outcome, ctx);
  },
});

async function stored(reference: string, outcome: 'aangemaakt' | 'gecorrigeerd' | 'ongewijzigd', ctx: CommandContext): Promise<Reply> {
  const incident = (await findIncident(ctx.db, reference))!;
  const title = ctx.t(`melden.title.${outcome}`);
  // Shared with a channel not all of whose members may see it: not even the reference.
  if (!maySeeDetail(ctx.scope, incident.municipalityCode)) return reply(title, [{ kind: 'text', text: ctx.t('melden.detailNotInChannel') }]);
  const blocks: Block[] = [{ kind: 'text', text: ctx.t(`melden.outcome.${outcome}`, { reference }) }];
  if (incident.status === 'ingetrokken') blocks.push({ kind: 'text', text: ctx.t('melden.stillWithdrawn', { reference }) });
  blocks.push(...incidentBlocks(incident, await incidentHistory(ctx.db, reference), ctx));
  blocks.push({ kind: 'buttons', buttons: [{ actionId: CORRECT_ACTION_ID, label: ctx.t('melden.correct'), value: reference }] });
  blocks.push({ kind: 'context', text: ctx.t('melden.howToChange', { reference }) });
  return reply(title, blocks);
}

function formHelp(ctx: CommandContext): Reply {
  const form = reportForm(ctx.t);
  return reply(form.title, [
    { kind: 'text', text: form.intro },
    {
      kind: 'table',
      columns: [
        { header: ctx.t('melden.help.field'), align: 'left' },
        { header: ctx.t('melden.help.what'), align: 'left' },
      ],
      rows: form.fields.map((f) => [
        `${f.id}=${f.required ? '' : ` (${ctx.t('melden.help.optional')})`}`,
        f.choices ? `${f.label}: ${f.choices.map((c) => c.value).join(', ')}` : `${f.label}: ${f.hint}`,
      ]),
    },
    { kind: 'context', text: ctx.t('melden.help.example') },
    // Chat platforms with forms open it from here (docs/intake.md); the console shows it as a label.
    { kind: 'buttons', buttons: [{ actionId: OPEN_FORM_ACTION_ID, label: ctx.t('melden.openForm'), value: 'nieuw' }] },
  ]);
}
