// Answers one interaction through Discord's REST API, in the order Discord allows: one callback (a reply or
// a deferral), then edits of the original or follow-ups. The payloads are sent as rendered, unchanged.
import { InteractionResponseType, MessageFlags, Routes, type REST } from 'discord.js';
import type { ModalData } from './components.js';
import { callbackBody, withoutFlags, type DiscordMessage } from './render.js';

export interface InteractionRef {
  id: string;
  token: string;
  applicationId: string;
}

export type ResponderState = 'open' | 'deferred-ephemeral' | 'deferred-public' | 'answered';

export class Responder {
  #state: ResponderState = 'open';

  constructor(private readonly rest: REST, private readonly ref: InteractionRef) {}

  get interactionId(): string {
    return this.ref.id;
  }

  get state(): ResponderState {
    return this.#state;
  }

  /** "Bot is thinking…": buys 15 minutes; the visibility chosen here is the final reply's. */
  async defer(ephemeral: boolean): Promise<void> {
    if (this.#state !== 'open') return;
    await this.callback({
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      ...(ephemeral ? { data: { flags: MessageFlags.Ephemeral } } : {}),
    });
    this.#state = ephemeral ? 'deferred-ephemeral' : 'deferred-public';
  }

  /** Sends the message as the answer: the callback, or an edit of the deferred reply. */
  async send(message: DiscordMessage): Promise<void> {
    const wantsEphemeral = message.data.flags !== undefined && (message.data.flags & MessageFlags.Ephemeral) !== 0;
    if (this.#state === 'open') {
      await this.callback(callbackBody(message), message);
    } else if (this.#state === 'deferred-public' && wantsEphemeral) {
      // A refusal or failure after a public deferral must not stay in the channel: remove the
      // "thinking" message and tell only the user.
      await this.rest.delete(Routes.webhookMessage(this.ref.applicationId, this.ref.token, '@original'), { auth: false });
      await this.rest.post(Routes.webhook(this.ref.applicationId, this.ref.token), {
        body: message.data,
        files: message.files,
        auth: false,
      });
    } else if (this.#state !== 'answered') {
      await this.rest.patch(Routes.webhookMessage(this.ref.applicationId, this.ref.token, '@original'), {
        body: withoutFlags(message.data),
        files: message.files,
        auth: false,
      });
    } else {
      await this.rest.post(Routes.webhook(this.ref.applicationId, this.ref.token), { body: message.data, files: message.files, auth: false });
    }
    this.#state = 'answered';
  }

  /** Answers an autocomplete interaction. */
  async choices(choices: { name: string; value: string }[]): Promise<void> {
    await this.callback({ type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } });
    this.#state = 'answered';
  }

  /** Opens a modal: only as the first answer to a command or a button, never after a deferral. */
  async modal(data: ModalData): Promise<void> {
    if (this.#state !== 'open') throw new Error(`a modal must be the first answer (state ${this.#state})`);
    await this.callback({ type: InteractionResponseType.Modal, data });
    this.#state = 'answered';
  }

  private async callback(body: unknown, message?: DiscordMessage): Promise<void> {
    await this.rest.post(Routes.interactionCallback(this.ref.id, this.ref.token), {
      body,
      ...(message?.files.length ? { files: message.files } : {}),
      auth: false,
    });
  }
}
