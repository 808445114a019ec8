// The interaction handler: looks the subcommand up, runs it through the shared dispatcher and owns the error
// path. Commands that take longer than `deferAfterMs` are deferred (Discord allows 3 seconds for the first
// answer), then the deferred reply is edited. Any failure becomes a polite ephemeral reply. Buttons and modals
// (checkin.ts, report-modal.ts) answer through the same `respond`.
import type { REST } from 'discord.js';
import type { RawOptions } from '../../../commands/types.js';
import { registryOf, runCommand, type CommandRuntime } from '../../commands/dispatch.js';
import { findAction } from '../../commands/registry.js';
import type { Actor } from '../../domain/types.js';
import { translate, type Lang } from '../../i18n/index.js';
import { internalError } from '../../internal-error.js';
import { errorReply, type Reply } from '../../render/reply.js';
import { clip, LIMITS } from './limits.js';
import { renderDiscordMessage } from './render.js';
import { Responder, type InteractionRef } from './responder.js';

export interface MemberRef {
  userId: string;
  /** The member's role ids in the server; empty outside a server. */
  roleIds: string[];
  /** Absent in a direct message. */
  guildId?: string;
  /** True when the member's permissions in the channel include Manage Channels or Administrator. */
  channelAdmin?: boolean;
}

export interface CommandRequest extends InteractionRef, MemberRef {
  channelId: string;
  subcommand: string;
  options: RawOptions;
  share: boolean;
  lang?: Lang;
}

/** A press on a button under one of the bot's messages. */
export interface ComponentRequest extends InteractionRef, MemberRef {
  channelId: string;
  /** `<action id>|<value>` (components.ts). */
  customId: string;
}

/** A submitted modal: its `custom_id` and the text of each input by the input's id. */
export interface ModalRequest extends ComponentRequest {
  values: Record<string, string>;
}

export interface AutocompleteRequest extends InteractionRef {
  subcommand: string;
  focused: { name: string; value: string };
}

export interface HandlerDeps {
  rest: REST;
  runtime: CommandRuntime;
  resolveActor(member: MemberRef): Promise<Actor>;
  /** How long a command may run before it is deferred. */
  deferAfterMs: number;
  now?: () => Date;
}

const TIMED_OUT = Symbol('timed out');

export async function handleCommand(request: CommandRequest, deps: HandlerDeps): Promise<void> {
  const lang = request.lang ?? deps.runtime.defaultLang;
  await respond(request, deps, { lang, share: request.share, log: { command: request.subcommand } }, () => answer(request, deps, lang));
}

export interface RespondOptions {
  lang: Lang;
  /** The reply is meant for the channel: a deferral is public (a refusal then still goes only to the user). */
  share: boolean;
  /** What the log line of a failure says about the interaction. */
  log: Record<string, unknown>;
}

/**
 * Answers an interaction with the reply `work` gives: at once when it is quick, otherwise after a deferral
 * (Discord allows 3 seconds for the first answer). Servers only; any failure becomes a polite ephemeral reply.
 */
export async function respond(request: InteractionRef & { guildId?: string }, deps: HandlerDeps, options: RespondOptions, work: () => Promise<Reply>): Promise<void> {
  const { lang } = options;
  const responder = new Responder(deps.rest, request);
  const send = (reply: Reply) => responder.send(renderDiscordMessage(reply, lang));
  try {
    if (!request.guildId) {
      await send(errorReply(translate(lang, 'error.title'), translate(lang, 'discord.guildOnly')));
      return;
    }
    const pending = work();
    // Observed below; this only keeps a failure after a failed deferral from going unhandled.
    pending.catch(() => undefined);
    const early = await Promise.race([pending, delay(deps.deferAfterMs)]);
    if (early !== TIMED_OUT) {
      await send(early);
      return;
    }
    await responder.defer(!options.share);
    await send(await pending);
  } catch (error) {
    await failed(error, responder, deps, options);
  }
}

/** Logs a failure with an error code and, when nothing was answered yet, tells the user that code. */
export async function failed(error: unknown, responder: Responder, deps: Pick<HandlerDeps, 'runtime'>, options: Pick<RespondOptions, 'lang' | 'log'>): Promise<void> {
  const { logger } = deps.runtime;
  const { errorId, reply } = internalError(error, options.lang, { logger, message: 'discord interaction failed', context: { ...options.log, interactionId: responder.interactionId } });
  if (responder.state === 'answered') return;
  await responder.send(renderDiscordMessage(reply, options.lang)).catch((sendError: unknown) => logger.warn({ err: sendError, errorId }, 'discord error reply failed'));
}

async function answer(request: CommandRequest, deps: HandlerDeps, lang: Lang): Promise<Reply> {
  const actor = await deps.resolveActor(request);
  return runCommand(
    request.subcommand,
    request.options,
    { actor, channel: `discord:${request.channelId}`, lang, ...(deps.now ? { now: deps.now() } : {}) },
    deps.runtime,
    request.share,
  );
}

/** Suggests municipalities for a focused municipality option; other options get no suggestions. */
export async function handleAutocomplete(request: AutocompleteRequest, deps: Pick<HandlerDeps, 'rest' | 'runtime'>): Promise<void> {
  const responder = new Responder(deps.rest, request);
  try {
    await responder.choices(suggestions(request, deps.runtime));
  } catch (error) {
    deps.runtime.logger.warn({ err: error, interactionId: request.id }, 'discord autocomplete failed');
  }
}

export function suggestions(request: Pick<AutocompleteRequest, 'subcommand' | 'focused'>, runtime: Pick<CommandRuntime, 'municipalities' | 'commands'>) {
  const [name = '', actionName] = request.subcommand.split(' ');
  const command = registryOf(runtime).find(name);
  const action = command && actionName ? findAction(command, actionName) : undefined;
  const specs = action && action !== 'own' ? action.options : command?.options;
  const spec = specs?.find((o) => o.name === request.focused.name);
  if (spec?.kind !== 'municipality') return [];
  return runtime.municipalities
    .suggest(request.focused.value.slice(0, 100), LIMITS.choices)
    .map((m) => ({ name: clip(m.name, LIMITS.choiceName), value: m.code }));
}

function delay(ms: number): Promise<typeof TIMED_OUT> {
  return new Promise((resolve) => setTimeout(() => resolve(TIMED_OUT), ms).unref());
}
