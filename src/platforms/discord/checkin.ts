// Field Lab on Discord: the buttons of a milestone reminder. Gereed and Later answer at once;
// Knelpunt first opens a modal with one paragraph input for the note. The platform-neutral handler
// (src/fieldlab/checkin.ts) records the check-in; a recorded answer goes to the channel (shown as a reply to
// the reminder), a refusal or "already answered" only to the one who pressed.
import { CHECKIN_ACTION_PREFIX, CHECKIN_NOTE_ACTION, CHECKIN_NOTE_MAX, DECISION_ACTION_PREFIX } from '../../fieldlab/checkin-actions.js';
import { handleCheckInAction } from '../../fieldlab/checkin.js';
import { handleDecisionAction } from '../../fieldlab/decision.js';
import { translator, type Translate } from '../../i18n/index.js';
import type { Reply } from '../../render/reply.js';
import { customId, modal, parseCustomId, type ModalData } from './components.js';
import { failed, respond, type ComponentRequest, type HandlerDeps, type ModalRequest } from './interactions.js';
import { Responder } from './responder.js';

/** The note modal's `custom_id` is `checkin:knelpunt|<milestone id>`; its input is `note`. */
export const NOTE_INPUT = 'note';

export function isCheckInAction(actionId: string): boolean {
  return actionId.startsWith(CHECKIN_ACTION_PREFIX);
}

export function isDecisionAction(actionId: string): boolean {
  return actionId.startsWith(DECISION_ACTION_PREFIX);
}

/** A press on the decision prompt at an intervention's end; the decision goes to the channel. */
export async function handleDecisionButton(request: ComponentRequest, deps: HandlerDeps): Promise<void> {
  const { actionId, value } = parseCustomId(request.customId);
  await respond(request, deps, { lang: deps.runtime.defaultLang, share: true, log: { action: actionId, intervention: value } }, async () =>
    handleDecisionAction(
      { actionId, value, actor: await deps.resolveActor(request), channel: `discord:${request.channelId}` },
      { db: deps.runtime.db, lang: deps.runtime.defaultLang, logger: deps.runtime.logger, ...services(deps), ...(deps.now ? { now: deps.now() } : {}) },
    ),
  );
}

function services(deps: HandlerDeps) {
  const { enqueue, posters } = deps.runtime.services;
  return { ...(enqueue ? { enqueue } : {}), ...(posters ? { posters } : {}) };
}

export function isCheckInNote(modalId: string): boolean {
  return parseCustomId(modalId).actionId === CHECKIN_NOTE_ACTION;
}

export async function handleCheckInButton(request: ComponentRequest, deps: HandlerDeps): Promise<void> {
  const lang = deps.runtime.defaultLang;
  const { actionId, value } = parseCustomId(request.customId);
  const log = { action: actionId, milestone: value };
  if (actionId === CHECKIN_NOTE_ACTION && request.guildId) {
    // The modal has to be the first answer, so nothing is looked up before it opens.
    const responder = new Responder(deps.rest, request);
    try {
      await responder.modal(noteModal(value, translator(lang)));
    } catch (error) {
      await failed(error, responder, deps, { lang, log });
    }
    return;
  }
  await respond(request, deps, { lang, share: true, log }, () => checkIn(request, deps, actionId, value));
}

export async function handleCheckInNote(request: ModalRequest, deps: HandlerDeps): Promise<void> {
  const { value } = parseCustomId(request.customId);
  const note = request.values[NOTE_INPUT] ?? '';
  const log = { action: CHECKIN_NOTE_ACTION, milestone: value };
  await respond(request, deps, { lang: deps.runtime.defaultLang, share: true, log }, () => checkIn(request, deps, CHECKIN_NOTE_ACTION, value, note));
}

export function noteModal(milestoneId: string, t: Translate): ModalData {
  // A milestone id is at most 15 digits, so the id always fits; a bad value is refused by the handler.
  const id = customId(CHECKIN_NOTE_ACTION, milestoneId) ?? CHECKIN_NOTE_ACTION;
  return modal(id, t('checkin.noteTitle'), [
    { id: NOTE_INPUT, label: t('checkin.noteLabel'), required: true, paragraph: true, minLength: 1, maxLength: CHECKIN_NOTE_MAX },
  ]);
}

async function checkIn(request: ComponentRequest, deps: HandlerDeps, actionId: string, value: string, note?: string): Promise<Reply> {
  const { runtime } = deps;
  const actor = await deps.resolveActor(request);
  return handleCheckInAction(
    { actionId, value, actor, channel: `discord:${request.channelId}`, ...(note !== undefined ? { note } : {}) },
    { db: runtime.db, lang: runtime.defaultLang, logger: runtime.logger, ...services(deps), ...(deps.now ? { now: deps.now() } : {}) },
  );
}
