// Message components and modals in the fake Discord (fake-discord.ts), checked independently of the bot's
// renderer against Discord's documented limits, and the interactions a user's press or submit sends:
// MESSAGE_COMPONENT (type 3) for a button, MODAL_SUBMIT (type 5) for a modal. As with commands, a test can
// only press a button that is on the message and enabled, and submit what the Discord client would accept.
// https://discord.com/developers/docs/components/reference
import { discordLimitProblems } from './discord-limits.js';
import type { FakeGuild } from './fake-discord-gateway.js';
import { baseInteraction, type InteractionInput } from './fake-discord-interactions.js';
import type { FakeMessages, RecordedFile } from './fake-discord-wire.js';

/** An interaction delivered and not yet forgotten: what its callback, edits and follow-ups may do. */
export interface PendingInteraction {
  type: number;
  token: string;
  acknowledged: boolean;
  answered: boolean;
  channelId: string;
  userId: string;
  input: InteractionInput;
  /** The message a pressed button is on; for a modal submit, the message of the button that opened it. */
  sourceMessageId?: string;
  /** `@original`: the answer, a deferral's placeholder, or after 6/7 the source message. */
  originalMessageId?: string;
  /** The modal a callback 9 opened. */
  modal?: any;
}

/** The callback types each interaction type allows: 4 message, 5 deferred, 6/7 (deferred) update, 8 choices, 9 modal. */
const CALLBACKS: Record<number, number[]> = { 2: [4, 5, 9], 3: [4, 5, 6, 7, 9], 4: [8], 5: [4, 5, 6, 7] };

/**
 * Applies an interaction's callback as Discord would: 4 posts the answer, 5 a placeholder, 7 updates the
 * pressed button's message, 9 opens a modal. Returns why Discord would refuse it (50035), or the message.
 */
export function applyCallback(interaction: PendingInteraction, body: any, files: RecordedFile[], messages: FakeMessages): { problems: string[]; messageId?: string } {
  const type = body?.type;
  const updates = type === 6 || type === 7;
  if (!CALLBACKS[interaction.type]?.includes(type) || (updates && !interaction.sourceMessageId)) {
    return { problems: [`callback type ${type} is not valid for interaction type ${interaction.type}`] };
  }
  const data = body?.data ?? {};
  const problems = type === 9 ? modalProblems(data) : [...discordLimitProblems(data), ...componentProblems(data.components)];
  if (problems.length) return { problems };
  interaction.acknowledged = true;
  interaction.answered = [4, 7, 8, 9].includes(type);
  if (type === 9) interaction.modal = data;
  if (type === 4) interaction.originalMessageId = messages.keep(interaction.channelId, data, files, interaction.userId).id;
  if (type === 5) interaction.originalMessageId = messages.keep(interaction.channelId, { flags: data.flags ?? 0 }, [], interaction.userId).id;
  if (updates) interaction.originalMessageId = interaction.sourceMessageId;
  if (type === 7) messages.edit(interaction.sourceMessageId, data, files);
  return { problems: [], ...(type !== 8 && type !== 9 && interaction.originalMessageId ? { messageId: interaction.originalMessageId } : {}) };
}

/** Every limit the message's components break: at most 5 action rows of at most 5 buttons, ids unique. */
export function componentProblems(components: unknown): string[] {
  if (components === undefined) return [];
  if (!Array.isArray(components)) return ['components: not an array'];
  const problems: string[] = [];
  if (components.length > 5) problems.push(`components: ${components.length} rows > 5`);
  const ids = new Set<string>();
  components.forEach((row: any, i: number) => {
    if (row?.type !== 1) return problems.push(`components[${i}]: type ${row?.type}, not an action row`);
    const buttons: any[] = Array.isArray(row.components) ? row.components : [];
    if (buttons.length < 1 || buttons.length > 5) problems.push(`components[${i}]: ${buttons.length} buttons, not 1 to 5`);
    buttons.forEach((b, j) => {
      const at = `components[${i}].components[${j}]`;
      if (b?.type !== 2) return problems.push(`${at}: type ${b?.type}, not a button`);
      if (![1, 2, 3, 4].includes(b.style)) return problems.push(`${at}: style ${b.style}`);
      if (typeof b.custom_id !== 'string' || b.custom_id.length < 1 || b.custom_id.length > 100) problems.push(`${at}.custom_id: 1 to 100 characters`);
      else if (ids.has(b.custom_id)) problems.push(`${at}.custom_id: duplicate ${b.custom_id}`);
      else ids.add(b.custom_id);
      if (typeof b.label !== 'string' || b.label.length < 1 || b.label.length > 80) problems.push(`${at}.label: 1 to 80 characters`);
    });
  });
  return problems;
}

/** Every limit a modal breaks: custom_id, title of at most 45, 1 to 5 rows of one text input each. */
export function modalProblems(modal: any): string[] {
  const problems: string[] = [];
  const text = (what: string, value: unknown, min: number, max: number, optional = false) => {
    if (optional && value === undefined) return;
    if (typeof value !== 'string' || value.length < min || value.length > max) problems.push(`${what}: ${min} to ${max} characters`);
  };
  text('custom_id', modal?.custom_id, 1, 100);
  text('title', modal?.title, 1, 45);
  const rows: any[] = Array.isArray(modal?.components) ? modal.components : [];
  if (rows.length < 1 || rows.length > 5) problems.push(`components: ${rows.length} rows, not 1 to 5`);
  const ids = new Set<string>();
  rows.forEach((row, i) => {
    const input = row?.components?.[0];
    const at = `components[${i}].components[0]`;
    if (row?.type !== 1 || row.components.length !== 1 || input?.type !== 4) return problems.push(`components[${i}]: not a row with one text input`);
    text(`${at}.custom_id`, input.custom_id, 1, 100);
    if (ids.has(input.custom_id)) problems.push(`${at}.custom_id: duplicate`);
    ids.add(input.custom_id);
    if (input.style !== 1 && input.style !== 2) problems.push(`${at}.style: ${input.style}`);
    text(`${at}.label`, input.label, 1, 45);
    text(`${at}.placeholder`, input.placeholder, 0, 100, true);
    text(`${at}.value`, input.value, 0, Math.min(4000, input.max_length ?? 4000), true);
    if (input.min_length !== undefined && !(input.min_length >= 0 && input.min_length <= 4000)) problems.push(`${at}.min_length: 0 to 4000`);
    if (input.max_length !== undefined && !(input.max_length >= 1 && input.max_length <= 4000)) problems.push(`${at}.max_length: 1 to 4000`);
  });
  return problems;
}

/** The button with this custom_id on a message's components; throws as a user could not press it. */
export function pressableButton(body: any, customId: string): any {
  const buttons = ((body?.components ?? []) as any[]).flatMap((row) => row.components ?? []);
  const button = buttons.find((b) => b.custom_id === customId);
  if (!button) throw new Error(`fake discord: no button ${customId} on the message (${buttons.map((b) => b.custom_id).join(', ') || 'none'})`);
  if (button.disabled) throw new Error(`fake discord: button ${customId} is disabled`);
  return button;
}

export interface ComponentInteractionInput {
  applicationId: string;
  guild: FakeGuild;
  input: InteractionInput;
  /** The message object (as Discord returns it) the button is on. */
  message: any;
  customId: string;
}

export function buildButtonPress(b: ComponentInteractionInput) {
  return {
    ...baseInteraction(3, b.applicationId, b.guild, { ...b.input, channelId: b.message.channel_id }),
    data: { custom_id: b.customId, component_type: 2 },
    message: b.message,
  };
}

/**
 * The submission of `modal` with the values the user typed (inputs left alone keep their prefilled text), as
 * the Discord client sends it only when every required input is filled and every length is within bounds.
 */
export function buildModalSubmit(b: { applicationId: string; guild: FakeGuild; input: InteractionInput; modal: any; values: Record<string, string>; message?: any }) {
  const inputs: any[] = b.modal.components.map((row: any) => row.components[0]);
  for (const id of Object.keys(b.values)) {
    if (!inputs.some((i) => i.custom_id === id)) throw new Error(`fake discord: the modal has no input ${id}`);
  }
  const components = inputs.map((input, i) => {
    const value = b.values[input.custom_id] ?? input.value ?? '';
    const required = input.required ?? true;
    if (required && value === '') throw new Error(`fake discord: input ${input.custom_id} is required`);
    if (value !== '' && value.length < (input.min_length ?? 0)) throw new Error(`fake discord: input ${input.custom_id} is shorter than ${input.min_length}`);
    if (value.length > (input.max_length ?? 4000)) throw new Error(`fake discord: input ${input.custom_id} is longer than ${input.max_length}`);
    return { type: 1, id: 2 * i + 1, components: [{ type: 4, id: 2 * i + 2, custom_id: input.custom_id, value }] };
  });
  return {
    ...baseInteraction(5, b.applicationId, b.guild, b.input),
    data: { custom_id: b.modal.custom_id, components },
    ...(b.message ? { message: b.message } : {}),
  };
}
