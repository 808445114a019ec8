import { describe, expect, it, vi } from 'vitest';
import { createMunicipalityIndex, lazyMunicipalityIndex, normalizeName, type ResolveResult } from '../../src/domain/municipalities.js';
import type { Municipality } from '../../src/domain/types.js';
import { loadMunicipalities } from '../../src/reference/municipalities.js';

const list = loadMunicipalities();
const index = createMunicipalityIndex(list);

function code(result: ResolveResult): string | undefined {
  return result.ok ? result.municipality.code : undefined;
}
function suggested(result: ResolveResult): string[] {
  return result.ok ? [] : result.suggestions.map((m) => m.name);
}
const names = (ms: readonly Municipality[]): string[] => ms.map((m) => m.name);

describe('lazyMunicipalityIndex', () => {
  it('makes the index on its first question, once, and answers as the index itself', () => {
    const build = vi.fn(() => index);
    const lazy = lazyMunicipalityIndex(build);
    expect(build).not.toHaveBeenCalled();
    expect(code(lazy.resolve('Den Haag'))).toBe(code(index.resolve('Den Haag')));
    expect(lazy.byCode('GM0599')).toBe(index.byCode('GM0599'));
    expect(names(lazy.suggest('Berg', 3))).toEqual(names(index.suggest('Berg', 3)));
    expect(lazy.all()).toBe(index.all());
    expect(build).toHaveBeenCalledTimes(1);
  });
});

describe('normalizeName', () => {
  it('strips accents, case, apostrophes, hyphens and extra whitespace', () => {
    expect(normalizeName("  ’s-Gravenhage ")).toBe('s gravenhage');
    expect(normalizeName('`s  Gravenhage')).toBe('s gravenhage');
    expect(normalizeName('Súdwest-Fryslân')).toBe('sudwest fryslan');
    expect(normalizeName('Bergen (NH.)')).toBe('bergen nh');
  });
});

describe('resolve', () => {
  it('accepts a CBS code in any case, and only GM + four digits', () => {
    expect(code(index.resolve('GM0599'))).toBe('GM0599');
    expect(code(index.resolve('gm0599'))).toBe('GM0599');
    expect(code(index.resolve(' Gm0599 '))).toBe('GM0599');
    expect(index.resolve('GM9999')).toEqual({ ok: false, suggestions: [] });
    expect(index.resolve('GM599').ok).toBe(false);
  });

  it('accepts a CBS code without GM, as spreadsheets write it', () => {
    expect(index.resolve('0599')).toEqual({ ok: true, municipality: index.byCode('GM0599') });
    expect(index.resolve('9999')).toEqual({ ok: false, suggestions: [] });
  });

  it.each([
    ["'s-Gravenhage", 'GM0518'],
    ['Den Haag', 'GM0518'],
    ['den haag', 'GM0518'],
    ['DenHaag', 'GM0518'],
    ['Gravenhage', 'GM0518'],
    ['s-Gravenhage', 'GM0518'],
    ['’s Gravenhage', 'GM0518'],
    ['The Hague', 'GM0518'],
    ['Den Bosch', 'GM0796'],
    ['s-Hertogenbosch', 'GM0796'],
    ["'s-Hertogenbosch", 'GM0796'],
    ['Hertogenbosch', 'GM0796'],
    ['Bergen NH', 'GM0373'],
    ['Bergen (NH)', 'GM0373'],
    ['Bergen (NH.)', 'GM0373'],
    ['Bergen N-H', 'GM0373'],
    ['Bergen Noord-Holland', 'GM0373'],
    ['Bergen L', 'GM0893'],
    ['Bergen (L.)', 'GM0893'],
    ['Bergen Limburg', 'GM0893'],
    ['Bergen op Zoom', 'GM0748'],
    ['Hengelo', 'GM0164'],
    ['Hengelo (O.)', 'GM0164'],
    ['Laren', 'GM0417'],
    ['Rijswijk', 'GM0603'],
    ['Middelburg', 'GM0687'],
    ['sudwest-fryslan', 'GM1900'],
    ['Súdwest Fryslân', 'GM1900'],
    ['noardeast fryslan', 'GM1970'],
    ['Nuenen', 'GM0820'],
    ['Nuenen, Gerwen en Nederwetten', 'GM0820'],
    ['AMSTERDAM', 'GM0363'],
    ['  rotterdam  ', 'GM0599'],
    ['ijsselstein', 'GM0353'],
  ])('%s → %s', (input, expected) => {
    expect(code(index.resolve(input))).toBe(expected);
  });

  it('treats Bergen alone as ambiguous: the candidates are the two Bergens', () => {
    const result = index.resolve('Bergen');
    expect(result).toMatchObject({ ok: false, ambiguous: true });
    expect(suggested(result)).toEqual(['Bergen (L.)', 'Bergen (NH.)']);
  });

  it('suggests close names for typos, best first', () => {
    expect(suggested(index.resolve('Amsterdm'))[0]).toBe('Amsterdam');
    expect(suggested(index.resolve('Rotterdan'))[0]).toBe('Rotterdam');
    expect(suggested(index.resolve('Den Haaag'))[0]).toBe("'s-Gravenhage");
    expect(suggested(index.resolve('Eindhovn'))[0]).toBe('Eindhoven');
    expect(suggested(index.resolve('Edr')).slice(0, 2)).toEqual(['Ede', 'Epe']);
  });

  it('includes prefix matches in the suggestions', () => {
    expect(suggested(index.resolve('Amster'))[0]).toBe('Amsterdam');
  });

  it('gives at most five suggestions and none for nonsense', () => {
    expect(suggested(index.resolve('Berg')).length).toBeLessThanOrEqual(5);
    expect(index.resolve('xyzzyq')).toEqual({ ok: false, suggestions: [] });
    expect(index.resolve('')).toEqual({ ok: false, suggestions: [] });
  });

  it('resolves every municipality by code, own name, and own name without accents', () => {
    expect(list).toHaveLength(342);
    for (const m of list) {
      expect(code(index.resolve(m.code))).toBe(m.code);
      expect(code(index.resolve(m.code.toLowerCase()))).toBe(m.code);
      expect(code(index.resolve(m.name))).toBe(m.code);
      expect(code(index.resolve(m.name.toUpperCase()))).toBe(m.code);
      const plain = m.name.normalize('NFD').replace(/\p{M}/gu, '');
      expect(code(index.resolve(plain))).toBe(m.code);
    }
  });
});

describe('byCode and all', () => {
  it('finds by code, case-insensitively', () => {
    expect(index.byCode('GM0363')?.name).toBe('Amsterdam');
    expect(index.byCode('gm0363')?.name).toBe('Amsterdam');
    expect(index.byCode('GM0000')).toBeUndefined();
  });

  it("sorts by name in Dutch order, filing 's-Gravenhage under G", () => {
    const all = names(index.all());
    expect(all).toHaveLength(342);
    expect(all[0]).toBe('Aa en Hunze');
    const g = all.indexOf("'s-Gravenhage");
    expect(all.slice(g - 1, g + 2)).toEqual(['Gouda', "'s-Gravenhage", 'Groningen']);
    const h = all.indexOf("'s-Hertogenbosch");
    expect(all[h - 1]! < 'Hertogenbosch' && all[h + 1]! > 'Hertogenbosch').toBe(true);
  });

  it('does not depend on the order of the input list', () => {
    const reversed = createMunicipalityIndex([...list].reverse());
    expect(names(reversed.all())).toEqual(names(index.all()));
  });
});

describe('suggest', () => {
  it('lists the first ones alphabetically for an empty query', () => {
    expect(names(index.suggest('', 3))).toEqual(['Aa en Hunze', 'Aalsmeer', 'Aalten']);
    expect(index.suggest('  ', 25)).toHaveLength(25);
  });

  it('puts prefix matches of names and aliases first, then word prefixes, then substrings', () => {
    const den = names(index.suggest('den', 25));
    expect(den.slice(0, 3)).toEqual(['Den Helder', "'s-Gravenhage", "'s-Hertogenbosch"]);
    expect(den.indexOf('Alphen aan den Rijn')).toBeGreaterThan(2);
    expect(den.indexOf('Coevorden')).toBeGreaterThan(den.indexOf('Alphen aan den Rijn'));
    expect(names(index.suggest('haag', 5))).toEqual(["'s-Gravenhage"]);
    expect(names(index.suggest('bosch', 5))).toEqual(["'s-Hertogenbosch"]);
  });

  it('falls back to typos after the other matches', () => {
    expect(names(index.suggest('utrect', 5))).toEqual(['Utrecht']);
    expect(names(index.suggest('amstrdam', 5))[0]).toBe('Amsterdam');
  });

  it('respects the limit and has no duplicates', () => {
    expect(index.suggest('a', 25)).toHaveLength(25);
    expect(index.suggest('a', 0)).toEqual([]);
    const berg = index.suggest('berg', 25).map((m) => m.code);
    expect(new Set(berg).size).toBe(berg.length);
    expect(berg).toContain('GM0373');
    // Bergen (NH.) matches by name and by two aliases: it appears once.
    expect(index.suggest('bergen', 25).filter((m) => m.code === 'GM0373')).toHaveLength(1);
  });

  it('is fast enough for autocomplete', () => {
    const queries = ['a', 'berg', 'amstrdam', 'xq', 'den h', 'zuid'];
    const runs = 100;
    for (let i = 0; i < runs; i++) for (const q of queries) index.suggest(q, 25);
    const start = performance.now();
    for (let i = 0; i < runs; i++) for (const q of queries) index.suggest(q, 25);
    expect((performance.now() - start) / (runs * queries.length)).toBeLessThan(1);
  });
});
