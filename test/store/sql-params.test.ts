import { describe, expect, it } from 'vitest';
import { placeParams } from '../../src/store/sql-params.js';

describe('placing the parameters of a statement written in parts', () => {
  it('names each value as the next $n after those already there, cast when asked', () => {
    const params: unknown[] = ['2025-01-01'];
    const param = placeParams(params);
    expect(`${param('GM0518', 'text')} ${param(20)}`).toBe('$2::text $3');
    expect(params).toEqual(['2025-01-01', 'GM0518', 20]);
  });
});
