import { describe, expect, it } from 'vitest';
import { cleanText, echo, echoList } from '../../src/domain/echo.js';

describe('echoing input', () => {
  it('folds invisible, bidi and control characters into spaces', () => {
    expect(cleanText('a\u202eb\u2066c\u200bd\u0007e\nf')).toBe('a b c d e f');
    expect(cleanText('a\u202eb\nc', { keepLines: true })).toBe('a b\nc');
  });

  it('cuts long input with an ellipsis and keeps short input whole', () => {
    expect(echo('Rotterdam')).toBe('Rotterdam');
    expect(echo('x'.repeat(2_000_000))).toBe(`${'x'.repeat(60)}…`);
    expect(echo(`kort${' '.repeat(1_000)}`)).toBe('kort…');
    expect(echo('\u{1f4a3}'.repeat(100), 3)).toBe('\u{1f4a3}\u{1f4a3}\u{1f4a3}…');
  });

  it('lists the first items and counts the rest', () => {
    expect(echoList(['a', 'b'])).toBe('a, b');
    expect(echoList(Array.from({ length: 100_000 }, (_, i) => `k${i}`), 3)).toBe('k0, k1, k2 … (+99997)');
  });
});
