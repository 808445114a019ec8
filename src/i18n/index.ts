// The message catalogue: every text a user reads comes from here, Dutch by default, English available.
// Each area keeps its own file (core, slack, discord, digest, …) so they can grow independently;
// this index merges them and checks at type level that every key exists in both languages.
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
import { dependencies } from './dependencies.js';

export const LANGS = ['nl', 'en'] as const;
export type Lang = (typeof LANGS)[number];

const areas = [core, queue, digest, discord, roles, slack, intake, fieldlab, measures, fieldlabImport, incidentImport, dependencies] as const;

type AreaKeys<A> = A extends { nl: infer N } ? keyof N : never;
export type MessageKey = AreaKeys<(typeof areas)[number]>;
export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

const merged: Record<Lang, Record<string, string>> = { nl: {}, en: {} };
for (const area of areas) {
  Object.assign(merged.nl, area.nl);
  Object.assign(merged.en, area.en);
}

export function translate(lang: Lang, key: MessageKey, params: MessageParams = {}): string {
  const template = merged[lang][key] ?? merged.nl[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function translator(lang: Lang): Translate {
  return (key, params) => translate(lang, key, params);
}

/** For tests: the keys of each language, to prove the catalogues are complete. */
export function catalogueKeys(lang: Lang): string[] {
  return Object.keys(merged[lang]);
}

/** Defines one area of the catalogue; `en` must have exactly the keys of `nl`. */
export function defineMessages<const N extends Record<string, string>>(nl: N, en: { [K in keyof N]: string }) {
  return { nl, en };
}
