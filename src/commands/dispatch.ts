// Runs one command for one actor: finds it (and its action), checks who may run it, parses the options
// with zod, runs it, and turns every failure into a polite reply. Platform adapters call only this.
import { registry as botCommands } from '../../commands/index.js';
import type { ActionDefinition, CommandContext, CommandDefinition, CommandServices, RawOptions } from '../../commands/types.js';
import { channelAudience } from '../audience/channel.js';
import { cleanText, echo } from '../domain/echo.js';
import type { MunicipalityIndex } from '../domain/municipalities.js';
import { replyScope, scopeOf, type Audience } from '../domain/policy.js';
import type { Actor } from '../domain/types.js';
import { translator, type Lang, type Translate } from '../i18n/index.js';
import { internalError } from '../internal-error.js';
import type { Logger } from '../logger.js';
import { errorReply, type Reply } from '../render/reply.js';
import type { Db } from '../store/db.js';
import { hasDemoIncidents } from '../store/incidents.js';
import { bothGenerations } from '../store/register-cache.js';
import { ownTurn } from './own-turn.js';
import { ReplyCache, startOfMinute } from './reply-cache.js';
import { UserError } from './errors.js';
import { parseCommandText, type GrammarResult } from './grammar.js';
import { allows, refusal, whoMayRun } from './preconditions.js';
import { findAction, fullUsage, nearestCommand, type CommandRegistry } from './registry.js';

export interface CommandRuntime {
  db: Db;
  municipalities: MunicipalityIndex;
  logger: Logger;
  defaultLang: Lang;
  services: Partial<CommandServices>;
  /** The commands to dispatch over; the bot's own registry (commands/index.ts) by default. */
  commands?: CommandRegistry;
  /** Called after each command, for metrics. */
  onCommand?: (name: string, outcome: 'ok' | 'refused' | 'invalid' | 'failed', seconds: number) => void;
}

export interface Invocation {
  actor: Actor;
  channel: string;
  now?: Date;
  lang?: Lang;
  // The roles of the channel's members when the adapter knows them; a reply shared with an
  // unknown channel is written for a partner without rights (src/domain/policy.ts).
  audience?: Audience;
}

export async function runCommandText(text: string, invocation: Invocation, runtime: CommandRuntime): Promise<Reply> {
  return runParsedText(parseCommandText(text, registryOf(runtime).find), invocation, runtime);
}

/** Runs typed text an adapter has already parsed (`parseCommandText` with the runtime's commands), e.g. to learn its language. */
export async function runParsedText(parsed: GrammarResult, invocation: Invocation, runtime: CommandRuntime): Promise<Reply> {
  const registry = registryOf(runtime);
  if (!parsed.ok) {
    const t = translator(parsed.lang ?? invocation.lang ?? runtime.defaultLang);
    const key = {
      'empty': 'error.unknownCommand',
      'unknown-command': 'error.unknownCommand',
      'unknown-lang': 'error.unknownLang',
      'missing-lang': 'error.missingLang',
      'unexpected-words': 'error.unexpectedWords',
      'second-period': 'error.secondPeriod',
      'repeated-option': 'error.repeatedOption',
    } as const;
    const command = parsed.command ? registry.find(parsed.command) : undefined;
    const action = command && parsed.action ? findAction(command, parsed.action) : undefined;
    // A refusal shows the usage of the action typed, or of the command with every action.
    const target = action && action !== 'own' ? { name: `${command!.name} ${action.name}`, usage: action.usage } : command && { name: command.name, usage: fullUsage(command) };
    const meant = parsed.problem === 'unknown-command' ? suggestion(registry, parsed.detail, t) : actionSuggestion(command, parsed.nearAction, t);
    const params = { detail: echo(parsed.detail), commands: commandNames(registry), command: target?.name ?? '', usage: target?.usage ?? '', suggestion: meant };
    return errorReply(t('error.title'), t(key[parsed.problem], params));
  }
  const { name, action, raw, asOwn, shareInChannel, lang, nearAction } = parsed.value;
  const answered = await dispatch({ name, action, raw, asOwn, lang }, invocation, runtime, shareInChannel);
  if (!answered.isError || !nearAction) return answered;
  // The words were read as the command's own (an intervention's name) and refused: they may be a mistyped action.
  const t = translator(lang ?? invocation.lang ?? runtime.defaultLang);
  return { ...answered, blocks: [...answered.blocks, { kind: 'context', text: actionSuggestion(registry.find(name), nearAction, t).trim() }] };
}

/** ` Bedoelt u `/ote interventie nieuw`?` when the first word is near one of the command's actions. */
function actionSuggestion(command: CommandDefinition | undefined, nearAction: string | undefined, t: Translate): string {
  return command && nearAction ? t('error.didYouMean', { command: `${command.name} ${nearAction}` }) : '';
}

/**
 * Runs `name` with options as a platform sends them. `name` may name an action after the command
 * (`interventie nieuw`, as Discord's subcommand groups send it), or the command's own form (`interventie toon`).
 */
export async function runCommand(
  name: string,
  raw: RawOptions,
  invocation: Invocation,
  runtime: CommandRuntime,
  shareInChannel = false,
): Promise<Reply> {
  const [command = '', action] = name.trim().split(/\s+/);
  return dispatch({ name: command, action, raw }, invocation, runtime, shareInChannel);
}

/**
 * The refusal a command gives this actor before it reads any option, or undefined when the actor may run it:
 * for a platform's own entry to a command, e.g. the report form that submits as `/ote melden`.
 */
export function refusalOf(name: string, actor: Actor, lang: Lang, runtime: CommandRuntime): Reply | undefined {
  const command = registryOf(runtime).find(name);
  const t = translator(lang);
  if (!command) return errorReply(t('error.title'), unknownCommand(registryOf(runtime), name, t));
  return allows(command, actor) ? undefined : refusal(command.name, actor, whoMayRun(command, t), t);
}

interface Request {
  name: string;
  action?: string | undefined;
  raw: RawOptions;
  /** Typed text after an action word, read as the command's own options (`keepsActionWord`). */
  asOwn?: RawOptions | undefined;
  /** A typed `--lang`, over the invocation's. */
  lang?: Lang | undefined;
}

type Outcome = 'ok' | 'refused' | 'invalid' | 'failed';

async function dispatch(request: Request, invocation: Invocation, runtime: CommandRuntime, shareInChannel: boolean): Promise<Reply> {
  const started = performance.now();
  await ownTurn();
  const registry = registryOf(runtime);
  const lang = request.lang ?? invocation.lang ?? runtime.defaultLang;
  const t = translator(lang);
  const command = registry.find(request.name);
  const done = (outcome: Outcome) => runtime.onCommand?.(command?.name ?? 'onbekend', outcome, (performance.now() - started) / 1000);

  if (!command) {
    done('invalid');
    return errorReply(t('error.title'), unknownCommand(registry, request.name, t));
  }
  const named = request.action === undefined ? undefined : findAction(command, request.action);
  if (request.action !== undefined && !named) {
    done('invalid');
    return errorReply(t('error.title'), unknownCommand(registry, `${command.name} ${request.action}`, t));
  }
  if (!allows(command, invocation.actor)) {
    done('refused');
    return refusal(command.name, invocation.actor, whoMayRun(command, t), t);
  }

  const now = invocation.now ?? new Date();
  // Who sees what: a shared reply is written for the channel's least-entitled member (src/audience/channel.ts).
  // An actor who sees no detail shares none whoever reads along: the channel's members are not asked then.
  const asksMembers = shareInChannel && !invocation.audience && scopeOf(invocation.actor).kind !== 'none';
  const audience = invocation.audience ?? (asksMembers ? (await channelAudience(runtime.db, runtime.services.posters ?? {}, invocation.channel)).members : undefined);
  const scope = replyScope(invocation.actor, shareInChannel, audience);
  const ctx: CommandContext = {
    actor: invocation.actor,
    channel: invocation.channel,
    lang,
    t,
    now,
    db: runtime.db,
    municipalities: runtime.municipalities,
    shareInChannel,
    scope,
    services: runtime.services,
    commands: registry,
  };

  try {
    let action = named === 'own' ? undefined : named;
    let raw = request.raw;
    if (action && request.asOwn && command.keepsActionWord) {
      const own = command.schema.safeParse(cleanOptions(request.asOwn));
      if (own.success && (await command.keepsActionWord(own.data, ctx))) {
        action = undefined;
        raw = request.asOwn;
      }
    }
    const target: CommandDefinition | ActionDefinition = action ?? command;
    const label = action ? `${command.name} ${action.name}` : command.name;
    const options = target.schema.safeParse(cleanOptions(raw));
    if (!options.success) {
      done('invalid');
      const names = [...new Set(options.error.issues.map((issue) => String(issue.path[0] ?? '')))];
      const problems = names.map((name) => `• ${optionProblem(target, name, raw[name], t)}`);
      return errorReply(t('error.invalidOptionsTitle'), `${problems.join('\n')}\n${t('error.usage', { usage: target.usage })}`);
    }
    // The team of what the options name is looked up only when nothing else lets the actor in.
    if (action?.preconditions && !allows(action, ctx.actor)) {
      const team = action.preconditions.includes('teamVan') && action.team ? await action.team(options.data, ctx) : undefined;
      if (!allows(action, ctx.actor, team)) {
        done('refused');
        return refusal(label, ctx.actor, whoMayRun(action, t, team), t);
      }
    }
    return await answer(command, target, options.data, ctx, runtime, done);
  } catch (error) {
    if (error instanceof UserError) {
      done('invalid');
      return errorReply(t('error.title'), error.message);
    }
    done('failed');
    return internalError(error, lang, { logger: runtime.logger, message: 'command failed', context: { command: command.name } }).reply;
  }
}

/** Runs the handler, through the reply cache when the command is cacheable, and marks demo figures. */
async function answer(
  command: CommandDefinition,
  target: CommandDefinition | ActionDefinition,
  options: Record<string, unknown>,
  ctx: CommandContext,
  runtime: CommandRuntime,
  done: (outcome: Outcome) => void,
): Promise<Reply> {
  const { actor, lang, t, now, scope, shareInChannel } = ctx;
  const cache = target === command && command.cacheable ? replyCacheOf(runtime) : undefined;
  // Figures read the incidents (the register's marker) and arrests, targets, published totals and coverage
  // (the programme's): a reply holds while both are unchanged.
  const cacheKey = cache
    ? JSON.stringify([
        command.name, options, lang, actor.role, actor.municipalityCode, actor.channelAdmin === true, scope, shareInChannel, startOfMinute(now).getTime(),
        ...(await bothGenerations(runtime.db)),
      ])
    : '';
  const cached = cache?.get(cacheKey);
  if (cached) {
    done('ok');
    return cached;
  }
  const result = await target.run(options, cache ? { ...ctx, now: startOfMinute(now) } : ctx);
  const visible: Reply = { ...result, visibility: shareInChannel && !result.isError ? 'channel' : result.visibility };
  done(result.isError ? 'invalid' : 'ok');
  if (command.figures && !result.isError && (await hasDemoIncidents(runtime.db))) {
    visible.blocks = [...visible.blocks, { kind: 'context', text: t('demo.notice') }];
  }
  if (cache && !result.isError) cache.set(cacheKey, visible);
  return visible;
}

/** A refused option in words: which field, and what it accepts (the schema's own text is never shown). */
function optionProblem(command: Pick<CommandDefinition, 'options'>, name: string, value: string | undefined, t: Translate): string {
  const spec = command.options.find((o) => o.name === name);
  const kind = spec?.kind ?? 'text';
  const field = kind === 'text' || kind === 'choice' ? name : t(`field.${kind}`);
  const accepts = t(spec?.accepts ?? `accepts.${kind}`, { max: spec?.max ?? MAX_TEXT, choices: (spec?.choices ?? []).join(', ') });
  const typed = value?.trim() ?? '';
  return typed === ''
    ? t('error.optionMissing', { field, accepts })
    : t('error.optionInvalid', { field, accepts, value: typed.length > 40 ? `${typed.slice(0, 40)}…` : typed });
}

const MAX_TEXT = 200;

const replyCaches = new WeakMap<CommandRuntime, ReplyCache>();

function replyCacheOf(runtime: CommandRuntime): ReplyCache {
  let cache = replyCaches.get(runtime);
  if (!cache) replyCaches.set(runtime, (cache = new ReplyCache()));
  return cache;
}

/** Options from every platform (typed text, Discord options, Slack forms) lose invisible and bidi characters. */
function cleanOptions(raw: RawOptions): RawOptions {
  const clean = { ...raw };
  for (const name in clean) {
    const value = clean[name];
    if (typeof value === 'string') clean[name] = cleanText(value, KEEP_LINES);
  }
  return clean;
}

const KEEP_LINES = { keepLines: true } as const;

function unknownCommand(registry: CommandRegistry, typed: string, t: Translate): string {
  return t('error.unknownCommand', { detail: echo(typed), commands: commandNames(registry), suggestion: suggestion(registry, typed, t) });
}

/** ` Bedoelt u `/ote stats`?` after an unknown command's name, when one is near it. */
function suggestion(registry: CommandRegistry, typed: string, t: Translate): string {
  const meant = typed === '' ? undefined : nearestCommand(registry, typed);
  return meant ? t('error.didYouMean', { command: meant }) : '';
}

function commandNames(registry: CommandRegistry): string {
  return registry.commands.map((c) => c.name).join(', ');
}

/** The commands a runtime dispatches over: its own, or the bot's registry (commands/index.ts). */
export function registryOf(runtime: Pick<CommandRuntime, 'commands'>): CommandRegistry {
  return runtime.commands ?? botCommands;
}
