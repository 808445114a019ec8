// The grammar of `/ote …` text, one place for the console, Slack and `ote say`:
//   /ote <subcommand> [words…] [period] [count] [publiek] [--lang en]
// Options are recognised by their shape (a period token, a whole number, a listed choice); the
// remaining words form the municipality or free text, so `Den Haag 2024` needs no quotes.
import type { CommandDefinition, RawOptions } from '../../commands/types.js';
import { cleanText } from '../domain/echo.js';
import { isPeriodToken } from '../domain/period.js';
import { LANGS, type Lang } from '../i18n/index.js';

export interface ParsedCommandText {
  name: string;
  raw: RawOptions;
  shareInChannel: boolean;
  lang?: Lang;
}

export type GrammarResult =
  | { ok: true; value: ParsedCommandText }
  | { ok: false; problem: 'empty' | 'unknown-command' | 'unknown-lang' | 'unexpected-words'; detail: string };

const SHARE_WORDS = new Set(['publiek', 'public', 'delen']);
const MAX_TEXT_LENGTH = 500;

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

  const [first, ...rest] = words as [string, ...string[]];
  const command = findCommand(first.toLowerCase());
  if (!command) return { ok: false, problem: 'unknown-command', detail: first };

  let shareInChannel = false;
  let lang: Lang | undefined;
  const raw: RawOptions = {};
  const free: string[] = [];
  const spec = (kind: string) => command.options.find((o) => o.kind === kind);

  for (let i = 0; i < rest.length; i++) {
    const word = rest[i]!;
    const lower = word.toLowerCase();
    if (SHARE_WORDS.has(lower)) {
      shareInChannel = true;
      continue;
    }
    if (lower === '--lang' || lower.startsWith('--lang=')) {
      const value = lower === '--lang' ? rest[++i]?.toLowerCase() : lower.slice('--lang='.length);
      if (!value || !(LANGS as readonly string[]).includes(value)) return { ok: false, problem: 'unknown-lang', detail: value ?? '' };
      lang = value as Lang;
      continue;
    }
    const shaped = command.options.find((o) => o.pattern && raw[o.name] === undefined && o.pattern.test(word));
    if (shaped) {
      raw[shaped.name] = word;
      continue;
    }
    const choice = command.options.find((o) => o.kind === 'choice' && raw[o.name] === undefined && o.choices?.includes(lower));
    if (choice) {
      raw[choice.name] = lower;
      continue;
    }
    const period = spec('period');
    if (period && raw[period.name] === undefined && isPeriodToken(lower)) {
      raw[period.name] = lower;
      continue;
    }
    const count = spec('count');
    if (count && raw[count.name] === undefined && /^\d+$/.test(word)) {
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
    const target = spec('municipality') ?? spec('text');
    if (!target) return { ok: false, problem: 'unexpected-words', detail: free.join(' ') };
    raw[target.name] = free.join(' ');
  }
  return { ok: true, value: { name: command.name, raw, shareInChannel, ...(lang ? { lang } : {}) } };
}
