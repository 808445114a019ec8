// Buttons and modals on Discord. A Reply's `buttons` blocks become message components: action rows of at most
// five buttons, at most five rows, each button's `custom_id` being `<action id>|<value>` (at most 100
// characters), so a press carries both. Modals are built here too: a title and at most five text inputs.
import {
  ButtonStyle,
  ComponentType,
  TextInputStyle,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIModalInteractionResponseCallbackData,
  type APITextInputComponent,
} from 'discord.js';
import type { Button } from '../../render/reply.js';
import { clip, LIMITS } from './limits.js';

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;
export type ModalData = APIModalInteractionResponseCallbackData;

const SEPARATOR = '|';

/** `checkin:gereed|42`; undefined when it would be longer than Discord allows. */
export function customId(actionId: string, value: string): string | undefined {
  const id = value === '' ? actionId : `${actionId}${SEPARATOR}${value}`;
  return id.length <= LIMITS.customId && !actionId.includes(SEPARATOR) ? id : undefined;
}

/** The action id and value a `custom_id` carries (the value runs to the end, so it may hold the separator). */
export function parseCustomId(id: string): { actionId: string; value: string } {
  const at = id.indexOf(SEPARATOR);
  return at < 0 ? { actionId: id, value: '' } : { actionId: id.slice(0, at), value: id.slice(at + 1) };
}

const STYLE: Record<NonNullable<Button['style']>, ButtonStyle.Primary | ButtonStyle.Danger> = {
  primary: ButtonStyle.Primary,
  danger: ButtonStyle.Danger,
};

/**
 * Every buttons block starts a row (a block of more than five fills several). A button whose id would be too
 * long, or repeats one already in the message, is left out (Discord refuses the whole message otherwise), as
 * are rows beyond the fifth.
 */
export function buttonRows(blocks: readonly (readonly Button[])[]): ButtonRow[] {
  const rows: ButtonRow[] = [];
  const seen = new Set<string>();
  for (const buttons of blocks) {
    const usable: APIButtonComponentWithCustomId[] = [];
    for (const button of buttons) {
      const id = customId(button.actionId, button.value);
      if (!id || seen.has(id)) continue;
      seen.add(id);
      usable.push({
        type: ComponentType.Button,
        custom_id: id,
        label: clip(button.label, LIMITS.buttonLabel) || '…',
        style: button.style ? STYLE[button.style] : ButtonStyle.Secondary,
      });
    }
    for (let i = 0; i < usable.length; i += LIMITS.buttonsPerRow) {
      rows.push({ type: ComponentType.ActionRow, components: usable.slice(i, i + LIMITS.buttonsPerRow) });
    }
  }
  return rows.slice(0, LIMITS.actionRows);
}

export interface TextInput {
  /** The input's `custom_id`: the submitted values come back under it. */
  id: string;
  label: string;
  placeholder?: string;
  /** Prefilled text. */
  value?: string;
  required: boolean;
  /** Several lines (a note) rather than one. */
  paragraph?: boolean;
  minLength?: number;
  maxLength: number;
}

/** A modal of at most five text inputs, every text within Discord's limits. */
export function modal(id: string, title: string, inputs: readonly TextInput[]): ModalData {
  if (id.length > LIMITS.customId) throw new Error(`modal id longer than ${LIMITS.customId}: ${id}`);
  if (inputs.length === 0 || inputs.length > LIMITS.modalInputs) throw new Error(`a modal holds 1 to ${LIMITS.modalInputs} inputs, not ${inputs.length}`);
  return {
    custom_id: id,
    title: clip(title, LIMITS.modalTitle),
    components: inputs.map((input) => ({ type: ComponentType.ActionRow, components: [textInput(input)] })),
  };
}

function textInput(input: TextInput): APITextInputComponent {
  const maxLength = Math.min(Math.max(1, input.maxLength), LIMITS.inputValue);
  const value = input.value === undefined ? '' : input.value.slice(0, maxLength);
  return {
    type: ComponentType.TextInput,
    custom_id: input.id,
    label: clip(input.label, LIMITS.inputLabel),
    style: input.paragraph ? TextInputStyle.Paragraph : TextInputStyle.Short,
    required: input.required,
    max_length: maxLength,
    ...(input.minLength !== undefined ? { min_length: Math.min(input.minLength, maxLength) } : {}),
    ...(input.placeholder ? { placeholder: clip(input.placeholder, LIMITS.inputPlaceholder) } : {}),
    ...(value ? { value } : {}),
  };
}
