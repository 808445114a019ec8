import { describe, expect, it } from 'vitest';
import { findCommand } from '../../commands/index.js';
import { parseCommandText } from '../../src/commands/grammar.js';

const parse = (text: string) => parseCommandText(text, findCommand);

describe('the /ote text grammar', () => {
  it('reads a multi-word municipality and a period without quotes', () => {
    expect(parse('/ote gemeente Den Haag 2024')).toEqual({
      ok: true,
      value: { name: 'gemeente', raw: { naam: 'Den Haag', periode: '2024' }, shareInChannel: false },
    });
  });

  it('tells a year (period) from a count', () => {
    const result = parse('/ote top 2024 10');
    expect(result.ok && result.value.raw).toEqual({ periode: '2024', aantal: '10' });
  });

  it('recognises publiek and --lang anywhere', () => {
    const result = parse('ote stats publiek Rotterdam --lang en 2025-q1');
    expect(result).toEqual({
      ok: true,
      value: { name: 'stats', raw: { gemeente: 'Rotterdam', periode: '2025-q1' }, shareInChannel: true, lang: 'en' },
    });
  });

  it('sends a mistyped period to the period option, not to the municipality', () => {
    const result = parse('/ote stats 2025-13');
    expect(result.ok && result.value.raw).toEqual({ periode: '2025-13' });
  });

  it('treats an empty command as help, and names an unknown one', () => {
    expect(parse('/ote').ok && parse('/ote')).toMatchObject({ value: { name: 'help' } });
    expect(parse('/ote bestaatniet x')).toEqual({ ok: false, problem: 'unknown-command', detail: 'bestaatniet' });
    expect(parse('/ote doel --lang fr')).toEqual({ ok: false, problem: 'unknown-lang', detail: 'fr' });
  });

  it('refuses words a command does not take', () => {
    expect(parse('/ote top Amsterdam')).toEqual({ ok: false, problem: 'unexpected-words', detail: 'Amsterdam' });
  });

  it('folds control characters and odd spaces instead of failing', () => {
    const result = parse('/ote\u0000 stats\u200b\tDen\u0007 Haag');
    expect(result.ok && result.value.raw).toEqual({ gemeente: 'Den Haag' });
  });
});
