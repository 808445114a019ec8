// Runs one command for one actor: finds it, checks the role, parses the options with zod, runs it,
// and turns every failure into a polite reply. Platform adapters call only this.
import { randomBytes } from 'node:crypto';
import { channelAudience } from '../audience/channel.js';
import { commands, findCommand } from '../../commands/index.js';
import { mayRun, type CommandContext, type CommandDefinition, type CommandServices, type RawOptions } from '../../commands/types.js';
import { cleanText, echo } from '../domain/echo.js';
import type { MunicipalityIndex } from '../domain/municipalities.js';
import { replyScope, type Audience } from '../domain/policy.js';
import type { Actor } from '../domain/types.js';
import { translator, type Lang, type Translate } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import { errorReply, type Reply } from '../render/reply.js';
import type { Db } from '../store/db.js';
import { hasDemoIncidents } from '../store/incidents.js';
import { registerGeneration } from '../store/register-cache.js';
import { ReplyCache, startOfMinute } from './reply-cache.js';
import { UserError } from './errors.js';
import { parseCommandText } from './grammar.js';

export interface CommandRuntime {
  db: Db;
  municipalities: MunicipalityIndex;
  logger: Logger;
  defaultLang: Lang;
  services: Partial<CommandServices>;
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
  const parsed = parseCommandText(text, findCommand);
  if (!parsed.ok) {
    const t = translator(parsed.lang ?? invocation.lang ?? runtime.defaultLang);
    const key = {
      'empty': 'error.unknownCommand',
      'unknown-command': 'error.unknownCommand',
      'unknown-lang': 'error.unknownLang',
      'missing-lang': 'error.missingLang',
      'unexpected-words': 'error.unexpectedWords',
      'second-period': 'error.secondPeriod',
    } as const;
    const command = parsed.command ? findCommand(parsed.command) : undefined;
    const params = { detail: echo(parsed.detail), commands: commandNames(), command: command?.name ?? '', usage: command?.usage ?? '' };
    return errorReply(t('error.title'), t(key[parsed.problem], params));
  }
  const { name, raw, shareInChannel, lang } = parsed.value;
  return runCommand(name, raw, { ...invocation, lang: lang ?? invocation.lang }, runtime, shareInChannel);
}

export async function runCommand(
  name: string,
  raw: RawOptions,
  invocation: Invocation,
  runtime: CommandRuntime,
  shareInChannel = false,
): Promise<Reply> {
  const started = performance.now();
  const lang = invocation.lang ?? runtime.defaultLang;
  const t = translator(lang);
  const command = findCommand(name);
  const done = (outcome: 'ok' | 'refused' | 'invalid' | 'failed') =>
    runtime.onCommand?.(command?.name ?? 'onbekend', outcome, (performance.now() - started) / 1000);

  if (!command) {
    done('invalid');
    return errorReply(t('error.title'), t('error.unknownCommand', { detail: echo(name), commands: commandNames() }));
  }
  if (!mayRun(command, invocation.actor)) {
    done('refused');
    const who = [...command.roles.map((r) => t(`role.${r}`)), ...(command.allowsWho ? [t(command.allowsWho)] : [])];
    return errorReply(t('error.notAllowedTitle'), t('error.notAllowed', { command: command.name, role: t(`role.${invocation.actor.role}`), roles: who.join(', ') }));
  }
  const options = command.schema.safeParse(cleanOptions(raw));
  if (!options.success) {
    done('invalid');
    const names = [...new Set(options.error.issues.map((issue) => String(issue.path[0] ?? '')))];
    const problems = names.map((name) => `• ${optionProblem(command, name, raw[name], t)}`);
    return errorReply(t('error.invalidOptionsTitle'), `${problems.join('\n')}\n${t('error.usage', { usage: command.usage })}`);
  }

  const now = invocation.now ?? new Date();
  // Who sees what: a shared reply is written for the channel's least-entitled member (src/audience/channel.ts).
  const audience = invocation.audience ?? (shareInChannel ? (await channelAudience(runtime.db, runtime.services.posters ?? {}, invocation.channel)).members : undefined);
  const scope = replyScope(invocation.actor, shareInChannel, audience);
  const cache = command.cacheable ? replyCacheOf(runtime) : undefined;
  const cacheKey = cache
    ? JSON.stringify([command.name, options.data, lang, invocation.actor.role, invocation.actor.municipalityCode, invocation.actor.channelAdmin === true, scope, shareInChannel, startOfMinute(now).getTime(), await registerGeneration(runtime.db)])
    : '';
  const cached = cache?.get(cacheKey);
  if (cached) {
    done('ok');
    return cached;
  }

  const ctx: CommandContext = {
    actor: invocation.actor,
    channel: invocation.channel,
    lang,
    t,
    now: cache ? startOfMinute(now) : now,
    db: runtime.db,
    municipalities: runtime.municipalities,
    shareInChannel,
    scope,
    services: runtime.services,
  };
  try {
    const result = await command.run(options.data, ctx);
    const visible: Reply = { ...result, visibility: shareInChannel && !result.isError ? 'channel' : result.visibility };
    done(result.isError ? 'invalid' : 'ok');
    if (command.figures && !result.isError && (await hasDemoIncidents(runtime.db))) {
      visible.blocks = [...visible.blocks, { kind: 'context', text: t('demo.notice') }];
    }
    if (cache && !result.isError) cache.set(cacheKey, visible);
    return visible;
  } catch (error) {
    if (error instanceof UserError) {
      done('invalid');
      return errorReply(t('error.title'), error.message);
    }
    const errorId = randomBytes(4).toString('hex');
    runtime.logger.error({ err: error, command: command.name, errorId }, 'command failed');
    done('failed');
    return errorReply(t('error.title'), t('error.internal', { errorId }));
  }
}

/** A refused option in words: which field, and what it accepts (the schema's own text is never shown). */
function optionProblem(command: CommandDefinition, name: string, value: string | undefined, t: Translate): string {
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
  return Object.fromEntries(Object.entries(raw).map(([name, value]) => [name, typeof value === 'string' ? cleanText(value, { keepLines: true }) : value]));
}

function commandNames(): string {
  return commands.map((c) => c.name).join(', ');
}
