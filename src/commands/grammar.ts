// The grammar of `/ote …` text, one place for the console, Slack and `ote say`:
//   /ote <subcommand> [words…] [period] [count] [publiek] [--lang en]
// Options are recognised by the shape their kind declares (a time, a year, a period token, a whole number,
// a CBS code, a listed choice); the remaining words form the municipality or free text, so `Den Haag 2024`
// needs no quotes. A shape is recognised whether or not its value is valid (`25:00` is a wrong time, not a
// municipality); the command's schema and handler then say what is wrong with it. A command without free
// text also takes its options by name (`gemeente=Den Haag periode=2025-Q3`), after the words read by shape.
import type { CommandDefinition, OptionSpec, RawOptions } from '../../commands/types.js';
import { cleanText } from '../domain/echo.js';
import { isPeriodToken } from '../domain/period.js';
import { LANGS, type Lang } from '../i18n/index.js';
import { parseFields } from './fields.js';
import { findAction, nearestAction } from './registry.js';

export interface ParsedCommandText {
  name: string;
  /** The action named after the command (`interventie nieuw`), by its own name. */
  action?: string;
  raw: RawOptions;
  /** With an action: the same words read as the command's own options (see `keepsActionWord`). */
  asOwn?: RawOptions;
  shareInChannel: boolean;
  lang?: Lang;
  /** The action the first word is near when it names none (`nieuww` → `nieuw`): told if the words are refused. */
  nearAction?: string;
}

export type GrammarResult =
  | { ok: true; value: ParsedCommandText }
  | {
      ok: false;
      problem: 'empty' | 'unknown-command' | 'unknown-lang' | 'missing-lang' | 'unexpected-words' | 'second-period' | 'repeated-option';
      detail: string;
      /** The language asked for, when it was readable: the refusal is in it. */
      lang?: Lang;
      /** The command, when it was found. */
      command?: string;
      /** The action, when one was named. */
      action?: string;
      /** As in ParsedCommandText. */
      nearAction?: string;
    };

const SHARE_WORDS = new Set(['publiek', 'public', 'delen']);
const MAX_TEXT_LENGTH = 500;
const TIME_SHAPE = /^\d{1,2}[:.]\d{2}$/;
const YEAR_SHAPE = /^\d{4}$/;
/** A CBS code with or without `GM`; years are 2000 and later, so a bare `0599` or `1900` is a code. */
const CODE_SHAPE = /^(?:gm\d{4}|[01]\d{3})$/i;
/** Two-word periods, joined into one token before reading: `vorige week` → `vorige-week`. */
const PERIOD_PHRASES: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map([
  ['vorige', new Map([['week', 'vorige-week'], ['maand', 'vorige-maand'], ['jaar', 'vorig-jaar']])],
  ['vorig', new Map([['jaar', 'vorig-jaar']])],
]);

function joinPeriodPhrases(words: readonly string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const phrase = PERIOD_PHRASES.get(words[i]!.toLowerCase())?.get(words[i + 1]?.toLowerCase() ?? '');
    if (phrase) {
      joined.push(phrase);
      i++;
    } else joined.push(words[i]!);
  }
  return joined;
}

export function splitWords(text: string): string[] {
  // Control, invisible and bidi characters and odd spacing are folded away rather than rejected.
  return cleanText(text).trim().split(/\s+/).filter(Boolean);
}

export function parseCommandText(
  text: string,
  findCommand: (name: string) => CommandDefinition | undefined,
): GrammarResult {
  let words = splitWords(text.slice(0, MAX_TEXT_LENGTH));
  if (words[0]?.toLowerCase() === '/ote' || words[0]?.toLowerCase() === 'ote') words = words.slice(1);
  if (words.length === 0) return { ok: true, value: { name: 'help', raw: {}, shareInChannel: false } };

  const langAt = words.findIndex((w) => /^--lang(=|$)/i.test(w));
  let lang: Lang | undefined;
  if (langAt >= 0) {
    const lower = words[langAt]!.toLowerCase();
    const value = lower === '--lang' ? words[langAt + 1]?.toLowerCase() : lower.slice('--lang='.length);
    if (!value) return { ok: false, problem: 'missing-lang', detail: '' };
    if (!(LANGS as readonly string[]).includes(value)) return { ok: false, problem: 'unknown-lang', detail: value };
    lang = value as Lang;
    words = words.filter((_, i) => i !== langAt && !(lower === '--lang' && i === langAt + 1));
  }
  let commandName: string | undefined;
  let actionName: string | undefined;
  let nearAction: string | undefined;
  const refuse = (problem: Exclude<GrammarResult, { ok: true }>['problem'], detail: string): GrammarResult => ({
    ok: false, problem, detail, ...(lang ? { lang } : {}), ...(commandName ? { command: commandName } : {}), ...(actionName ? { action: actionName } : {}),
    ...(nearAction ? { nearAction } : {}),
  });
  if (words.length === 0) return { ok: true, value: { name: 'help', raw: {}, shareInChannel: false, ...(lang ? { lang } : {}) } };

  const [first, ...rest] = words as [string, ...string[]];
  const command = findCommand(first.toLowerCase());
  if (!command) return refuse('unknown-command', first);
  commandName = command.name;

  // `/ote interventie nieuw …` names an action; `/ote interventie toon …` the command's own form.
  const named = rest[0] === undefined ? undefined : findAction(command, rest[0]);
  const action = named === 'own' ? undefined : named;
  actionName = action?.name;
  nearAction = rest[0] !== undefined && !named ? nearestAction(command, rest[0]) : undefined;
  const read = readOptions(action?.options ?? command.options, named ? rest.slice(1) : rest);
  if (!read.ok) return refuse(read.problem, read.detail);
  const asOwn = named && command.keepsActionWord ? readOptions(command.options, rest) : undefined;
  return {
    ok: true,
    value: {
      name: command.name,
      ...(actionName ? { action: actionName } : {}),
      raw: read.raw,
      ...(asOwn?.ok ? { asOwn: asOwn.raw } : {}),
      shareInChannel: read.shareInChannel,
      ...(lang ? { lang } : {}),
      ...(nearAction ? { nearAction } : {}),
    },
  };
}

type ReadOptions =
  | { ok: true; raw: RawOptions; shareInChannel: boolean }
  | { ok: false; problem: ReadProblem; detail: string };
type ReadProblem = 'unexpected-words' | 'second-period' | 'repeated-option';

/** What reading words looks up in a command's options, in the order declared, found once per list. */
interface OptionPlan {
  shaped: readonly OptionSpec[];
  choices: readonly OptionSpec[];
  times: readonly OptionSpec[];
  counts: readonly OptionSpec[];
  municipality: OptionSpec | undefined;
  text: OptionSpec | undefined;
  year: OptionSpec | undefined;
  period: OptionSpec | undefined;
}
const plans = new WeakMap<readonly OptionSpec[], OptionPlan>();

function planOf(options: readonly OptionSpec[]): OptionPlan {
  let plan = plans.get(options);
  if (!plan) {
    const first = (kind: OptionSpec['kind']) => options.find((o) => o.kind === kind);
    plan = {
      shaped: options.filter((o) => o.pattern),
      choices: options.filter((o) => o.kind === 'choice'),
      times: options.filter((o) => o.kind === 'time'),
      counts: options.filter((o) => o.kind === 'count'),
      municipality: first('municipality'),
      text: first('text'),
      year: first('year'),
      period: first('period'),
    };
    plans.set(options, plan);
  }
  return plan;
}

/** The first of `options` not given yet, and for which `fits` holds. */
function firstUnset(options: readonly OptionSpec[], raw: RawOptions, fits?: (option: OptionSpec) => boolean): OptionSpec | undefined {
  for (const option of options) if (raw[option.name] === undefined && (!fits || fits(option))) return option;
  return undefined;
}

/** Reads the words after the command (and action) into the options they declare, by shape. */
function readOptions(options: readonly OptionSpec[], rest: readonly string[]): ReadOptions {
  let shareInChannel = false;
  const raw: RawOptions = {};
  const free: string[] = [];
  const refuse = (problem: ReadProblem, detail: string): ReadOptions => ({ ok: false, problem, detail });
  const plan = planOf(options);
  const { period, year } = plan;
  // Free text reads `veld=waarde` itself (`/ote melden`); other commands take their options by name too.
  const named = plan.text ? undefined : namedOptions(options, rest);
  if (named && !named.ok) return refuse(named.problem, named.detail);
  const words = named ? named.head : rest;
  const tokens = period ? joinPeriodPhrases(words) : words;

  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i]!;
    const lower = word.toLowerCase();
    if (SHARE_WORDS.has(lower)) {
      shareInChannel = true;
      continue;
    }
    const shaped = firstUnset(plan.shaped, raw, (o) => o.pattern!.test(word));
    if (shaped) {
      raw[shaped.name] = word;
      continue;
    }
    const choice = firstUnset(plan.choices, raw, (o) => o.choices?.includes(lower) === true);
    if (choice) {
      raw[choice.name] = lower;
      continue;
    }
    const time = firstUnset(plan.times, raw);
    if (time && TIME_SHAPE.test(word)) {
      raw[time.name] = word;
      continue;
    }
    if (plan.municipality && CODE_SHAPE.test(word)) {
      free.push(word);
      continue;
    }
    if (year && YEAR_SHAPE.test(word)) {
      if (raw[year.name] !== undefined) return refuse('second-period', `${raw[year.name]} ${word}`);
      raw[year.name] = word;
      continue;
    }
    if (period && isPeriodToken(lower)) {
      if (raw[period.name] !== undefined) return refuse('second-period', `${raw[period.name]} ${lower}`);
      raw[period.name] = lower;
      continue;
    }
    const count = firstUnset(plan.counts, raw);
    if (count && /^\d+$/.test(word)) {
      raw[count.name] = word;
      continue;
    }
    // No municipality name holds a digit: a digit-led word is a mistyped period, and parsePeriod says why.
    if (period && raw[period.name] === undefined && /^\d/.test(word)) {
      raw[period.name] = lower;
      continue;
    }
    free.push(word);
  }

  if (free.length > 0) {
    const target = plan.municipality ?? plan.text;
    if (!target) return refuse('unexpected-words', free.join(' '));
    raw[target.name] = free.join(' ');
  }
  for (const [name, typed] of named?.fields ?? []) {
    const option = options.find((o) => o.name === name)!;
    const typedWords = typed.split(' ');
    const kept = typedWords.filter((word) => !SHARE_WORDS.has(word.toLowerCase()));
    if (kept.length < typedWords.length) shareInChannel = true;
    const value = option.kind === 'period' ? joinPeriodPhrases(kept).join(' ').toLowerCase() : option.kind === 'choice' ? kept.join(' ').toLowerCase() : kept.join(' ');
    if (raw[name] !== undefined) {
      const period = option.kind === 'period' || option.kind === 'year';
      return period ? refuse('second-period', `${raw[name]} ${value}`) : refuse('repeated-option', name);
    }
    raw[name] = value;
  }
  return { ok: true, raw, shareInChannel };
}

/**
 * Options typed by name: the words before the first (read by shape) and each name with its value, or
 * what is wrong: a name given twice, or one the command does not take or left empty (as `naam=`).
 */
function namedOptions(
  options: readonly OptionSpec[],
  rest: readonly string[],
): { ok: true; head: string[]; fields: [string, string][] } | { ok: false; problem: ReadProblem; detail: string } | undefined {
  const text = rest.join(' ');
  if (!text.includes('=')) return undefined;
  const read = parseFields(text, options.map((o) => o.name));
  if (!read.ok) return read.problem === 'duplicate' ? { ok: false, problem: 'repeated-option', detail: read.field } : { ok: false, problem: 'unexpected-words', detail: `${read.field}=` };
  if (read.fields.size === 0) return undefined;
  return { ok: true, head: read.head.split(' ').filter(Boolean), fields: [...read.fields] };
}
