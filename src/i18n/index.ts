// The message catalogue: every text a user reads comes from here, Dutch by default, English available.
// Each area keeps its own file (core, slack, discord, digest, …) so they can grow independently;
// this index merges them and checks at type level that every key exists in both languages.
// Messages are ICU MessageFormat (intl-messageformat): `{name}` is filled in as text, `{count, plural,
// one {# gemeente} other {# gemeenten}}` chooses the form and writes the number in nl-NL or en-GB.
// A literal brace or a quote before one is written ICU-style: `'{'` and `''`; `<…>` is plain text.
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
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
  format: IntlMessageFormat;
  /** Arguments filled in as text: a number keeps the caller's own formatting (`2025`, not `2.025`). */
  plain: string[];
  /** Arguments that choose a form or are formatted as numbers: these must be numbers. */
  numeric: string[];
  /** The text of a message without arguments, once formatted. */
  constant?: string;
}

const compiled = new Map<string, Compiled>();

function compile(lang: Lang, key: string, template: string): Compiled {
  const id = `${lang}\u0000${key}`;
  let found = compiled.get(id);
  if (!found) {
    const { plain, numeric } = messageArguments(template);
    found = { format: new IntlMessageFormat(template, LOCALES[lang], undefined, { ignoreTag: true }), plain, numeric };
    compiled.set(id, found);
  }
  return found;
}

/** The arguments a message uses: plain ones, and those of plurals, selectordinals and numbers. */
export function messageArguments(template: string): { plain: string[]; numeric: string[]; plurals: Record<string, string[]> } {
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
  walk(parse(template, { ignoreTag: true }));
  return { plain: [...plain], numeric: [...numeric], plurals };
}

export function translate(lang: Lang, key: MessageKey, params: MessageParams = {}): string {
  const own = merged[lang][key];
  const chosen: Lang = own !== undefined ? lang : 'nl';
  const template = merged[chosen][key];
  if (template === undefined) return key;
  const message = compile(chosen, key, template);
  if (message.plain.length === 0 && message.numeric.length === 0) return (message.constant ??= String(message.format.format()));
  const values: Record<string, string | number> = {};
  // A missing argument stays visible as `{name}` rather than failing the whole reply.
  for (const name of message.plain) values[name] = name in params ? String(params[name]) : `{${name}}`;
  for (const name of message.numeric) values[name] = name in params ? Number(params[name]) : Number.NaN;
  return String(message.format.format(values));
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

