// Any area of the catalogue may be imported first, before the index that merges them. This file imports
// nothing of the catalogue statically, so the first import below is the first of the module graph.
import { describe, expect, it, vi } from 'vitest';

describe('the catalogue modules', () => {
  it('load whichever is imported first', async () => {
    vi.resetModules();
    const { core } = await import('../../src/i18n/core.js');
    const { translate } = await import('../../src/i18n/index.js');
    expect(core.nl['error.title']).toBe('Dat lukte niet');
    expect(translate('en', 'error.title')).toBe(core.en['error.title']);
  });
});
