import { describe, expect, it } from 'vitest';
import { catalogueKeys, catalogueText, messageArguments, translate, type MessageKey } from '../../src/i18n/index.js';

describe('the message catalogue', () => {
  it('has every key in Dutch and English', () => {
    expect(catalogueKeys('en').sort()).toEqual(catalogueKeys('nl').sort());
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('nl', 'error.usage', { usage: '/ote doel' })).toBe('Gebruik: `/ote doel`');
    expect(translate('en', 'error.usage')).toBe('Usage: `{usage}`');
  });

  it('has the same placeholders and plural forms in both languages, for every key', () => {
    const differing: string[] = [];
    for (const key of catalogueKeys('nl')) {
      const nl = messageArguments(catalogueText('nl', key)!);
      const en = messageArguments(catalogueText('en', key)!);
      const shape = (a: typeof nl) => JSON.stringify({ args: [...a.plain, ...a.numeric].sort(), plurals: a.plurals });
      if (shape(nl) !== shape(en)) differing.push(`${key}: nl ${shape(nl)} en ${shape(en)}`);
    }
    expect(differing).toEqual([]);
  });

  it('writes plain text as it stands: quotes and apostrophes are not eaten by ICU escaping', () => {
    const changed: string[] = [];
    for (const lang of ['nl', 'en'] as const) {
      for (const key of catalogueKeys(lang)) {
        const template = catalogueText(lang, key)!;
        const args = messageArguments(template);
        if (args.numeric.length > 0 || template.includes("'{") || template.includes("''")) continue;
        const params = Object.fromEntries(args.plain.map((a) => [a, `<${a}>`]));
        const expected = template.replace(/\{(\w+)\}/g, (_, name: string) => `<${name}>`);
        const actual = translate(lang, key as MessageKey, params);
        if (actual !== expected) changed.push(`${lang} ${key}: ${actual}`);
      }
    }
    expect(changed).toEqual([]);
  });

  it('chooses the plural form and writes numbers in the user’s format', () => {
    expect(translate('nl', 'fieldlab.title', { count: 1 })).toBe('Field Lab: 1 interventie');
    expect(translate('nl', 'fieldlab.title', { count: 8 })).toBe('Field Lab: 8 interventies');
    expect(translate('en', 'fieldlab.title', { count: 1 })).toBe('Field Lab: 1 intervention');
    expect(translate('nl', 'top.title', { count: 1, period: '2024' })).toBe('Top 1 gemeente, 2024');
    expect(translate('en', 'top.title', { count: 10, period: '2024' })).toBe('Top 10 municipalities, 2024');
    expect(translate('nl', 'api.rateLimited', { seconds: 1 })).toContain('over 1 seconde opnieuw');
    expect(translate('nl', 'api.invalid', { count: 1 })).toBe('Ongeldige invoer: 1 fout. Er is niets opgeslagen.');
    expect(translate('nl', 'api.invalid', { count: 1543 })).toBe('Ongeldige invoer: 1.543 fouten. Er is niets opgeslagen.');
    expect(translate('en', 'api.invalid', { count: 1543 })).toBe('Invalid input: 1,543 errors. Nothing has been saved.');
  });
});
