// Intake on Discord: the report form (src/intake/report-form.ts) as a modal, opened by the buttons of
// `/ote melden` replies: `Formulier openen` empty, `Corrigeren` filled with the stored incident. A modal holds
// at most five text inputs, so it asks for the five required fields; `middel` and `postcode` are left as
// they are (a new report: unknown means, no postcode area; a correction keeps the stored ones) and are set
// with the command's own options (docs/discord.md). A submission is checked with `validateReport`; Discord
// cannot mark a modal's fields, so errors go into one ephemeral reply, field by field, with a button that
// reopens the form as typed. A valid one runs as `/ote melden` through the dispatcher (role, policy, audit).
import { randomBytes } from 'node:crypto';
import { refusalOf, runCommand } from '../../commands/dispatch.js';
import { translator, type Translate } from '../../i18n/index.js';
import {
  CORRECT_ACTION_ID,
  OPEN_FORM_ACTION_ID,
  reportForm,
  validateReport,
  valuesFromIncident,
  type ReportFieldId,
  type ReportForm,
  type ReportValues,
} from '../../intake/report-form.js';
import { reply, type Reply } from '../../render/reply.js';
import { findIncident } from '../../store/incident-detail.js';
import { modal, parseCustomId, type ModalData } from './components.js';
import { failed, respond, type ComponentRequest, type HandlerDeps, type ModalRequest } from './interactions.js';
import { renderDiscordMessage } from './render.js';
import { Responder } from './responder.js';

/** The modal's `custom_id`: the form's own id. */
export const REPORT_MODAL_ID = 'ote-melden';
/** The button under a refused submission: reopens the form with what was typed (value: the draft's key). */
export const RETRY_ACTION_ID = 'melden:opnieuw';
/** The fields the modal asks for, in this order: the five the register cannot do without. */
export const MODAL_FIELDS: readonly ReportFieldId[] = ['ref', 'wanneer', 'gemeente', 'doel', 'resultaat'];

export function isReportAction(actionId: string): boolean {
  return actionId === OPEN_FORM_ACTION_ID || actionId === CORRECT_ACTION_ID || actionId === RETRY_ACTION_ID;
}

/**
 * What a refused submission held, for a while, so the form can reopen as typed: only for the same user, at
 * most `max` drafts (the oldest go first), in this process (one gateway session per bot token answers all).
 */
export class ReportDrafts {
  readonly #drafts = new Map<string, { userId: string; values: ReportValues; until: number }>();

  constructor(private readonly ttlMs = 30 * 60_000, private readonly max = 500) {}

  put(userId: string, values: ReportValues, now = Date.now()): string {
    for (const [key, draft] of this.#drafts) if (draft.until <= now || this.#drafts.size >= this.max) this.#drafts.delete(key);
    const key = randomBytes(8).toString('hex');
    this.#drafts.set(key, { userId, values, until: now + this.ttlMs });
    return key;
  }

  get(key: string, userId: string, now = Date.now()): ReportValues | undefined {
    const draft = this.#drafts.get(key);
    return draft && draft.userId === userId && draft.until > now ? draft.values : undefined;
  }
}

export async function handleReportButton(request: ComponentRequest, deps: HandlerDeps, drafts: ReportDrafts): Promise<void> {
  const lang = deps.runtime.defaultLang;
  const t = translator(lang);
  const { actionId, value } = parseCustomId(request.customId);
  const log = { action: actionId };
  // Outside a server `respond` answers that `/ote` works in servers only, before any work.
  if (!request.guildId) return respond(request, deps, { lang, share: false, log }, async () => reply('', []));
  const responder = new Responder(deps.rest, request);
  try {
    const actor = await deps.resolveActor(request);
    // Whoever may not run `/ote melden` gets its refusal, and no form opens.
    const refused = refusalOf('melden', actor, lang, deps.runtime);
    if (refused) {
      await responder.send(renderDiscordMessage(refused, lang));
      return;
    }
    let initial: ReportValues = {};
    if (actionId === CORRECT_ACTION_ID && value) {
      const stored = await findIncident(deps.runtime.db, value);
      if (stored) initial = valuesFromIncident(stored);
    } else if (actionId === RETRY_ACTION_ID) {
      initial = drafts.get(value, request.userId) ?? {};
    }
    await responder.modal(reportModal(reportForm(t, initial)));
  } catch (error) {
    await failed(error, responder, deps, { lang, log });
  }
}

export async function handleReportSubmit(request: ModalRequest, deps: HandlerDeps, drafts: ReportDrafts): Promise<void> {
  const lang = deps.runtime.defaultLang;
  const t = translator(lang);
  await respond(request, deps, { lang, share: false, log: { action: REPORT_MODAL_ID } }, async () => {
    const values: ReportValues = {};
    for (const id of MODAL_FIELDS) {
      const typed = request.values[id]?.trim();
      if (typed) values[id] = typed;
    }
    const now = deps.now?.() ?? new Date();
    const checked = validateReport(values, deps.runtime.municipalities, now);
    if (!checked.ok) return refused(checked.errors, drafts.put(request.userId, values), t);
    const actor = await deps.resolveActor(request);
    return runCommand('melden', values, { actor, channel: `discord:${request.channelId}`, lang, now }, deps.runtime);
  });
}

/** The modal: one short text input per field, the input's id being the field id. */
export function reportModal(form: ReportForm): ModalData {
  const fields = MODAL_FIELDS.map((id) => form.fields.find((f) => f.id === id)!);
  return modal(
    REPORT_MODAL_ID,
    form.title,
    fields.map((field) => ({
      id: field.id,
      label: field.label,
      // The hint says more than the example (`woning, bedrijf, voertuig of overig`, the time zone).
      placeholder: field.hint,
      required: field.required,
      maxLength: field.maxLength,
      ...(field.initial !== undefined ? { value: field.initial } : {}),
    })),
  );
}

function refused(errors: Partial<Record<ReportFieldId, string>>, draft: string, t: Translate): Reply {
  // In the form's order, each under the label the user saw.
  const facts = reportForm(t).fields.flatMap((f) => (errors[f.id] ? [{ label: f.label, value: errors[f.id]! }] : []));
  return {
    ...reply(t('melden.formTitle'), [
      { kind: 'text', text: t('melden.invalid') },
      { kind: 'facts', facts },
      { kind: 'buttons', buttons: [{ actionId: RETRY_ACTION_ID, label: t('discord.report.retry'), value: draft }] },
    ]),
    isError: true,
  };
}
