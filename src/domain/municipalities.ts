// Municipality lookup: by CBS code, official name, and the names people actually type.
import { distance } from 'fastest-levenshtein';
import type { FormerMunicipality, Municipality } from './types.js';

export type ResolveResult =
  /** `former` when the input named a municipality merged into this one (name or code). */
  | { ok: true; municipality: Municipality; former?: FormerMunicipality }
  /** `ambiguous` when the name is that of several (`Bergen`): `suggestions` are then exactly those. */
  | { ok: false; suggestions: Municipality[]; ambiguous?: true };

export interface MunicipalityIndex {
  all(): readonly Municipality[];
  byCode(code: string): Municipality | undefined;
  resolve(input: string): ResolveResult;
  suggest(query: string, limit: number): Municipality[];
}

/** Names in common use that no rule below derives from the official CBS name. */
const EXTRA_ALIASES: Readonly<Record<string, readonly string[]>> = {
  GM0518: ['Den Haag', 'The Hague'],
  GM0796: ['Den Bosch'],
  GM0820: ['Nuenen'],
  GM1900: ['Zuidwest-Friesland'],
  GM1970: ['Noordoost-Friesland'],
  GM0737: ['Tietjerksteradeel'],
  GM1891: ['Dantumadeel'],
  GM1940: ['De Friese Meren'],
};

/** Province names for the CBS qualifiers, so `Bergen Limburg` finds `Bergen (L.)`. */
const QUALIFIER_PROVINCE: Readonly<Record<string, string>> = {
  nh: 'Noord-Holland',
  zh: 'Zuid-Holland',
  l: 'Limburg',
  o: 'Overijssel',
  z: 'Zeeland',
};

const CODE = /^gm\d{4}$/i;
const collator = new Intl.Collator('nl', { sensitivity: 'base', numeric: true });

/** Lower case, no diacritics, every run of other characters (apostrophes, hyphens, dots, spaces) one space. */
export function normalizeName(input: string): string {
  return input
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const compact = (spaced: string): string => spaced.replace(/ /g, '');

/** Sort key for Dutch alphabetical order: `'s-Gravenhage` files under G. */
const sortName = (name: string): string => name.replace(/^['’`]s[- ]/i, '');

interface Key {
  spaced: string;
  compact: string;
  /** `spaced` behind a space, so a word prefix is a substring test. */
  padded: string;
}

interface Entry {
  municipality: Municipality;
  keys: Key[];
}

function aliasesOf(m: Municipality): string[] {
  const aliases: string[] = [...(EXTRA_ALIASES[m.code] ?? [])];
  const qualified = /^(.*\S)\s*\(([^)]*)\)$/.exec(m.name);
  if (qualified) {
    const base = qualified[1]!;
    const province = QUALIFIER_PROVINCE[compact(normalizeName(qualified[2]!))];
    aliases.push(base, `${base} ${province ?? m.province}`);
  }
  const article = /^['’`]s[- ](.+)$/i.exec(m.name);
  if (article) aliases.push(article[1]!);
  return aliases;
}

function toKey(name: string): Key {
  const spaced = normalizeName(name);
  return { spaced, compact: compact(spaced), padded: ` ${spaced}` };
}

/** The index `build` makes, made on its first question: a one-shot command that names no municipality never reads the list. */
export function lazyMunicipalityIndex(build: () => MunicipalityIndex): MunicipalityIndex {
  let index: MunicipalityIndex | undefined;
  const built = () => (index ??= build());
  return {
    all: () => built().all(),
    byCode: (code) => built().byCode(code),
    resolve: (input) => built().resolve(input),
    suggest: (query, limit) => built().suggest(query, limit),
  };
}

export function createMunicipalityIndex(list: readonly Municipality[], formerList: readonly FormerMunicipality[] = []): MunicipalityIndex {
  const sorted = [...list].sort((a, b) => collator.compare(sortName(a.name), sortName(b.name)) || a.code.localeCompare(b.code));
  const byCodeMap = new Map(sorted.map((m) => [m.code.toUpperCase(), m]));
  const official = new Map<string, Municipality>();
  const aliases = new Map<string, Municipality[]>();
  const entries: Entry[] = sorted.map((m) => {
    const own = toKey(m.name);
    official.set(own.compact, m);
    const keys = [own];
    for (const alias of aliasesOf(m)) {
      const key = toKey(alias);
      if (keys.some((k) => k.compact === key.compact)) continue;
      keys.push(key);
      const holders = aliases.get(key.compact) ?? [];
      holders.push(m);
      aliases.set(key.compact, holders);
    }
    return { municipality: m, keys };
  });

  const formerByKey = new Map<string, FormerMunicipality>();
  for (const f of formerList) {
    if (!byCodeMap.has(f.mergedInto)) throw new Error(`former municipality ${f.code} merged into unknown ${f.mergedInto}`);
    formerByKey.set(f.code.toUpperCase(), f);
    formerByKey.set(compact(normalizeName(f.name)), f);
  }
  const viaFormer = (f: FormerMunicipality | undefined): Extract<ResolveResult, { ok: true }> | undefined =>
    f ? { ok: true, municipality: byCodeMap.get(f.mergedInto)!, former: f } : undefined;

  /**
   * Ranks every municipality against the query by its best key: exact, prefix, word prefix, prefix
   * ignoring spaces, substring, and close by edit distance. Within a tier alphabetical order is kept.
   * Autocomplete puts substrings before typos; resolving puts typos first, as `Edr` means Ede
   * rather than Sliedrecht.
   */
  function ranked(query: string, limit: number, typosFirst: boolean): Municipality[] {
    const spaced = normalizeName(query);
    const q = compact(spaced);
    const wordStart = ` ${spaced}`;
    if (q === '' || limit <= 0) return [];
    const tiers: Municipality[][] = [[], [], [], [], []];
    const seen = new Set<string>();
    for (const { municipality, keys } of entries) {
      let tier = -1;
      for (const k of keys) {
        const t =
          k.compact === q ? 0
          : k.spaced.startsWith(spaced) ? 1
          : k.padded.includes(wordStart) ? 2
          : k.compact.startsWith(q) ? 3
          : k.compact.includes(q) ? 4
          : -1;
        if (t >= 0 && (tier < 0 || t < tier)) tier = t;
      }
      if (tier >= 0) {
        tiers[tier]!.push(municipality);
        seen.add(municipality.code);
      }
    }
    const contains = tiers.pop()!;
    const head = tiers.flat();
    if (head.length >= limit) return head.slice(0, limit);
    if (!typosFirst && head.length + contains.length >= limit) return [...head, ...contains].slice(0, limit);

    const maxDistance = Math.max(2, Math.floor(q.length * 0.4));
    const close: { m: Municipality; d: number }[] = [];
    for (const { municipality, keys } of entries) {
      if (seen.has(municipality.code)) continue;
      let best = Infinity;
      for (const k of keys) {
        // The length difference alone is a lower bound of the distance.
        if (Math.abs(k.compact.length - q.length) > maxDistance) continue;
        best = Math.min(best, distance(q, k.compact));
      }
      if (best <= maxDistance) close.push({ m: municipality, d: best });
    }
    close.sort((a, b) => a.d - b.d); // stable: ties stay alphabetical
    const typos = close.map((c) => c.m);
    return (typosFirst ? [...head, ...typos, ...contains] : [...head, ...contains, ...typos]).slice(0, limit);
  }

  return {
    all: () => sorted,
    // Codes mostly come from the register as stored, so the exact one is tried first.
    byCode: (code) => byCodeMap.get(code) ?? byCodeMap.get(code.trim().toUpperCase()),
    resolve(input) {
      const trimmed = input.trim();
      if (CODE.test(trimmed)) {
        const m = byCodeMap.get(trimmed.toUpperCase());
        return m ? { ok: true, municipality: m } : viaFormer(formerByKey.get(trimmed.toUpperCase())) ?? { ok: false, suggestions: [] };
      }
      // A CBS code without its `GM`, as spreadsheets and people write it.
      if (/^\d{4}$/.test(trimmed)) {
        const m = byCodeMap.get(`GM${trimmed}`);
        return m ? { ok: true, municipality: m } : viaFormer(formerByKey.get(`GM${trimmed}`)) ?? { ok: false, suggestions: [] };
      }
      const q = compact(normalizeName(trimmed));
      const exact = official.get(q);
      if (exact) return { ok: true, municipality: exact };
      const holders = aliases.get(q);
      if (holders?.length === 1) return { ok: true, municipality: holders[0]! };
      if (holders && holders.length > 1) return { ok: false, suggestions: [...holders], ambiguous: true };
      // An exact former name beats a close current one: `Weesp` is Amsterdam, not Weert.
      const former = viaFormer(formerByKey.get(q));
      if (former) return former;
      return { ok: false, suggestions: ranked(trimmed, 5, true) };
    },
    suggest(query, limit) {
      const n = Math.max(0, Math.floor(limit));
      if (normalizeName(query) === '') return sorted.slice(0, n);
      return ranked(query, n, false);
    },
  };
}
