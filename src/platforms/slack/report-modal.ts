// Intake: the incident report form (src/intake/report-form.ts) as a Slack modal. The buttons of
// `/ote melden` replies open it: `Formulier openen` empty, `Corrigeren` filled with the stored incident.
// A submission is checked field by field (errors shown next to the fields), then runs as `/ote melden`
// through the dispatcher, so the role check, the policy and the audit trail apply as to a typed report.
// The answer goes to the reporter only.
import { refusalOf, runCommand } from '../../commands/dispatch.js';
import { translator } from '../../i18n/index.js';
import {
  CORRECT_ACTION_ID,
  OPEN_FORM_ACTION_ID,
  REPORT_FIELD_IDS,
  reportForm,
  validateReport,
  valuesFromIncident,
  type ReportField,
  type ReportForm,
  type ReportValues,
} from '../../intake/report-form.js';
import type { Reply } from '../../render/reply.js';
import { findIncident } from '../../store/incident-detail.js';
import type { CheckInActionDeps } from './checkin-actions.js';
import type { SlackInteractions } from './interactions.js';
import { renderSlack } from './render.js';

export const REPORT_VIEW = 'ote-melden';
const TITLE_MAX = 24;
const TEXT_MAX = 150;

type Deps = CheckInActionDeps;

export function registerReportModal(on: SlackInteractions, deps: Deps): void {
  const t = translator(deps.runtime.defaultLang);
  const actionIds = new RegExp(`^(${OPEN_FORM_ACTION_ID}|${CORRECT_ACTION_ID})$`);

  on.button(actionIds, async ({ ack, body, action }) => {
    await ack();
    const channel = body.channel?.id ?? body.user.id;
    try {
      const actor = await deps.actors.resolve(body.user.id);
      // Whoever may not run `/ote melden` gets its refusal, and no form opens.
      const refused = refusalOf('melden', actor, deps.runtime.defaultLang, deps.runtime);
      if (refused) {
        await answer(refused, channel, body.user.id, deps);
        return;
      }
      const stored = action.action_id === CORRECT_ACTION_ID && action.value ? await findIncident(deps.runtime.db, action.value) : null;
      const form = reportForm(t, stored ? valuesFromIncident(stored) : {});
      await deps.client.views.open({ trigger_id: body.trigger_id, view: modalView(form, t('melden.formCancel'), channel) });
    } catch (error) {
      deps.logger.error({ err: error, action: action.action_id }, 'slack report form could not be opened');
    }
  });

  on.submission(REPORT_VIEW, async ({ ack, view, body }) => {
    const values = readValues(view.state.values as StateValues);
    const checked = validateReport(values, deps.runtime.municipalities, new Date());
    if (!checked.ok) {
      const errors = Object.fromEntries(Object.entries(checked.errors).map(([id, reason]) => [id, clip(reason ?? '', TEXT_MAX)]));
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    const { channel } = JSON.parse(view.private_metadata || '{}') as { channel?: string };
    const target = channel ?? body.user.id;
    try {
      const actor = await deps.actors.resolve(body.user.id);
      const reply = await runCommand('melden', values as Record<string, string>, { actor, channel: `slack:${target}` }, deps.runtime);
      await answer(reply, target, body.user.id, deps);
    } catch (error) {
      deps.logger.error({ err: error }, 'slack report could not be stored');
    }
  });
}

function modalView(form: ReportForm, cancel: string, channel: string) {
  return {
    type: 'modal' as const,
    callback_id: REPORT_VIEW,
    private_metadata: JSON.stringify({ channel }),
    title: { type: 'plain_text' as const, text: clip(form.title, TITLE_MAX) },
    submit: { type: 'plain_text' as const, text: clip(form.submit, TITLE_MAX) },
    close: { type: 'plain_text' as const, text: clip(cancel, TITLE_MAX) },
    blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: form.intro }] }, ...form.fields.map(inputBlock)],
  };
}

/** One input per field, `block_id` and `action_id` both the field id, so errors can name the field. */
function inputBlock(field: ReportField) {
  const element = field.choices
    ? {
        type: 'static_select',
        action_id: field.id,
        options: field.choices.map((c) => ({ text: { type: 'plain_text', text: clip(c.label, 75) }, value: c.value })),
        ...(field.initial ? { initial_option: option(field, field.initial) } : {}),
      }
    : {
        type: 'plain_text_input',
        action_id: field.id,
        max_length: field.maxLength,
        placeholder: { type: 'plain_text', text: field.placeholder },
        ...(field.initial ? { initial_value: field.initial } : {}),
      };
  return {
    type: 'input',
    block_id: field.id,
    optional: !field.required,
    label: { type: 'plain_text', text: field.label },
    hint: { type: 'plain_text', text: clip(field.hint, TEXT_MAX) },
    element,
  };
}

function option(field: ReportField, value: string) {
  const choice = field.choices?.find((c) => c.value === value);
  return choice ? { text: { type: 'plain_text', text: clip(choice.label, 75) }, value: choice.value } : undefined;
}

type StateValues = Record<string, Record<string, { value?: string | null; selected_option?: { value: string } | null }>>;

function readValues(state: StateValues): ReportValues {
  const values: ReportValues = {};
  for (const id of REPORT_FIELD_IDS) {
    const input = state[id]?.[id];
    const value = input?.selected_option?.value ?? input?.value ?? undefined;
    if (value !== undefined && value !== null && value.trim() !== '') values[id] = value;
  }
  return values;
}

async function answer(reply: Reply, channel: string, user: string, deps: Deps): Promise<void> {
  const message = renderSlack(reply, { t: translator(deps.runtime.defaultLang) });
  await deps.client.chat.postEphemeral({ channel, user, text: message.text, blocks: message.blocks });
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
