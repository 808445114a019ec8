// The message catalogue: every text a user reads comes from here, Dutch by default, English available.
// Each area keeps its own file (core, slack, discord, digest, …) so they can grow independently;
// this index merges them and checks at type level that every key exists in both languages.
// Messages are ICU MessageFormat (intl-messageformat): `{name}` is filled in as text, `{count, plural,
// one {# gemeente} other {# gemeenten}}` chooses the form and writes the number in nl-NL or en-GB.
// A literal brace or a quote before one is written ICU-style: `'{'` and `''`; `<…>` is plain text.
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat, type Formatters } from 'intl-messageformat';
import { core } from './core.js';
import { queue } from './queue.js';
import { roles } from './roles.js';
import { slack } from './slack.js';
import { digest } from './digest.js';
import { discord } from './discord.js';
import { intake } from './intake.js';
import { fieldlab } from './fieldlab.js';
import { measures } from './measures.js';
import { fieldlabImport } from './fieldlab-import.js';
import { incidentImport } from './incident-import.js';
import { auditActions } from './audit-actions.js';
import { measureTexts } from './measure-texts.js';
import { figures } from './figures.js';
import { dependencies } from './dependencies.js';
import { subscriptions } from './subscriptions.js';
import { fieldlabEnd } from './fieldlab-end.js';
import { charts } from './charts.js';
import { alerts } from './alerts.js';

export const LANGS = ['nl', 'en'] as const;
export type Lang = (typeof LANGS)[number];

const areas = [core, queue, digest, discord, roles, slack, intake, fieldlab, measures, fieldlabImport, incidentImport, auditActions, measureTexts, figures, dependencies, subscriptions, fieldlabEnd, charts, alerts] as const;


type AreaKeys<A> = A extends { nl: infer N } ? keyof N : never;
export type MessageKey = AreaKeys<(typeof areas)[number]>;
export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

const merged: Record<Lang, Record<string, string>> = { nl: {}, en: {} };
for (const area of areas) {
  Object.assign(merged.nl, area.nl);
  Object.assign(merged.en, area.en);
}

export const LOCALES: Readonly<Record<Lang, string>> = { nl: 'nl-NL', en: 'en-GB' };

interface Compiled {
  /**
   * A message of text and `{name}` arguments only, as text and argument names by turns (text first and
   * last): it is written by joining them, as intl-messageformat would, without formatting parts.
   */
  pieces?: string[];
  format?: IntlMessageFormat;
  /** Arguments filled in as text: a number keeps the caller's own formatting (`2025`, not `2.025`). */
  plain: string[];
  /** Arguments that choose a form or are formatted as numbers: these must be numbers. */
  numeric: string[];
}

/**
 * Number formats and plural rules for the messages of one language, made once: intl-messageformat's own
 * cache serialises its arguments on every use. Its options objects are those of the parsed message or its
 * formats, the same on every call, so they key the cache as they are.
 */
function formattersFor(locale: string): Formatters {
  const numbers = new Map<object | undefined, Intl.NumberFormat>();
  const dates = new Map<object | undefined, Intl.DateTimeFormat>();
  const plurals = new Map<string | undefined, Intl.PluralRules>();
  const cached = <K, V>(cache: Map<K, V>, key: K, make: () => V): V => {
    let found = cache.get(key);
    if (found === undefined) cache.set(key, (found = make()));
    return found;
  };
  return {
    getNumberFormat: (_locales, options) => cached(numbers, options, () => new Intl.NumberFormat(locale, options)),
    getDateTimeFormat: (_locales, options) => cached(dates, options, () => new Intl.DateTimeFormat(locale, options)),
    getPluralRules: (_locales, options) => cached(plurals, options?.type, () => new Intl.PluralRules(locale, options)),
  };
}
const FORMATTERS: Record<Lang, Formatters> = { nl: formattersFor(LOCALES.nl), en: formattersFor(LOCALES.en) };

const compiled: Record<Lang, Map<string, Compiled>> = { nl: new Map(), en: new Map() };

function compile(lang: Lang, key: string, template: string): Compiled {
  let found = compiled[lang].get(key);
  if (!found) {
    const elements = parse(template, { ignoreTag: true });
    const { plain, numeric } = argumentsOf(elements);
    const pieces = textAndArguments(elements);
    found = pieces
      ? { pieces, plain, numeric }
      : { format: new IntlMessageFormat(elements, LOCALES[lang], undefined, { ignoreTag: true, formatters: FORMATTERS[lang] }), plain, numeric };
    compiled[lang].set(key, found);
  }
  return found;
}

/** The pieces of a message made of text and plain arguments only (see Compiled), or undefined. */
function textAndArguments(elements: readonly MessageFormatElement[]): string[] | undefined {
  const pieces = [''];
  for (const e of elements) {
    if (e.type === TYPE.literal) pieces[pieces.length - 1] += e.value;
    else if (e.type === TYPE.argument) pieces.push(e.value, '');
    else return undefined;
  }
  return pieces;
}

/** The arguments a message uses: plain ones, and those of plurals, selectordinals and numbers. */
export function messageArguments(template: string): { plain: string[]; numeric: string[]; plurals: Record<string, string[]> } {
  return argumentsOf(parse(template, { ignoreTag: true }));
}

function argumentsOf(elements: readonly MessageFormatElement[]): { plain: string[]; numeric: string[]; plurals: Record<string, string[]> } {
  const plain = new Set<string>();
  const numeric = new Set<string>();
  const plurals: Record<string, string[]> = {};
  const walk = (elements: readonly MessageFormatElement[]) => {
    for (const e of elements) {
      if (e.type === TYPE.argument) plain.add(e.value);
      else if (e.type === TYPE.number) numeric.add(e.value);
      else if (e.type === TYPE.plural) {
        numeric.add(e.value);
        plurals[e.value] = Object.keys(e.options).sort();
        for (const option of Object.values(e.options)) walk(option.value);
      } else if (e.type === TYPE.select) {
        plain.add(e.value);
        for (const option of Object.values(e.options)) walk(option.value);
      }
    }
  };
  walk(elements);
  return { plain: [...plain], numeric: [...numeric], plurals };
}

export function translate(lang: Lang, key: MessageKey, params: MessageParams = {}): string {
  const own = merged[lang][key];
  const chosen: Lang = own !== undefined ? lang : 'nl';
  const template = merged[chosen][key];
  if (template === undefined) return key;
  const message = compile(chosen, key, template);
  const pieces = message.pieces;
  if (pieces) {
    // A missing argument stays visible as `{name}` rather than failing the whole reply.
    let text = pieces[0]!;
    for (let i = 1; i < pieces.length; i += 2) {
      const name = pieces[i]!;
      text += (name in params ? String(params[name]) : `{${name}}`) + pieces[i + 1]!;
    }
    return text;
  }
  const values: Record<string, string | number> = {};
  for (const name of message.plain) values[name] = name in params ? String(params[name]) : `{${name}}`;
  for (const name of message.numeric) values[name] = name in params ? Number(params[name]) : Number.NaN;
  return String(message.format!.format(values));
}

export function translator(lang: Lang): Translate {
  return (key, params) => translate(lang, key, params);
}

/** True when the catalogue has this key, for texts looked up by a name that comes from data. */
export function hasMessage(key: string): key is MessageKey {
  return key in merged.nl;
}

/** For tests: one message as written in the catalogue. */
export function catalogueText(lang: Lang, key: string): string | undefined {
  return merged[lang][key];
}

/** For tests: the keys of each language, to prove the catalogues are complete. */
export function catalogueKeys(lang: Lang): string[] {
  return Object.keys(merged[lang]);
}

