import { IANAZone } from 'luxon';
import { afterEach, describe, expect, it, vi } from 'vitest';

describe('Amsterdam local time', () => {
  afterEach(() => vi.restoreAllMocks());

  it('loads the time-zone data on the first question, not on import: a reply without dates never needs it', async () => {
    vi.resetModules();
    const create = vi.spyOn(IANAZone, 'create');
    const { localParts } = await import('../../src/domain/local-time.js');
    expect(create).not.toHaveBeenCalled();
    expect(localParts(new Date('2025-07-01T10:30:00Z'))).toEqual({ year: 2025, month: 7, day: 1, hour: 12, minute: 30 });
    expect(localParts(new Date('2025-01-01T10:30:00Z'))).toEqual({ year: 2025, month: 1, day: 1, hour: 11, minute: 30 });
    expect(create).toHaveBeenCalledTimes(1);
  });
});
