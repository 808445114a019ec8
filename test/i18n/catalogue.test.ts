import { describe, expect, it } from 'vitest';
import { catalogueKeys, translate } from '../../src/i18n/index.js';

describe('the message catalogue', () => {
  it('has every key in Dutch and English', () => {
    expect(catalogueKeys('en').sort()).toEqual(catalogueKeys('nl').sort());
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('nl', 'error.usage', { usage: '/ote doel' })).toBe('Gebruik: `/ote doel`');
    expect(translate('en', 'error.usage')).toBe('Usage: `{usage}`');
  });
});
