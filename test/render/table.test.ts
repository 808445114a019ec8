// Table columns are padded by characters as a monospaced font shows them: a character outside the
// Basic Multilingual Plane (two UTF-16 units) is one, and so is a lone surrogate.
import { describe, expect, it } from 'vitest';
import { alignTable } from '../../src/render/table.js';

describe('alignTable', () => {
  it('pads every cell to its column by characters, not UTF-16 units', () => {
    const columns = [
      { header: 'naam', align: 'left' as const },
      { header: 'n', align: 'right' as const },
    ];
    expect(alignTable(columns, [['😀😀', '1'], ['Súdwest', '12'], ['\uD800x', '😀']])).toEqual([
      'naam      n',
      '───────  ──',
      '😀😀        1',
      'Súdwest  12',
      '\uD800x        😀',
    ]);
  });

  it('has no header line without headers, and cuts no trailing cell short', () => {
    const columns = [
      { header: '', align: 'left' as const },
      { header: '', align: 'left' as const },
    ];
    expect(alignTable(columns, [['a', ''], ['bbb', 'c']])).toEqual(['a', 'bbb  c']);
  });
});
