import { describe, expect, it } from 'vitest';
import { repeatAreas, repeatAreasPerMunicipality, repeatOf, type AreaIncident } from '../../src/domain/repeats.js';

const day = (d: number) => new Date(Date.UTC(2025, 0, 1) + d * 86_400_000);
const at = (reference: string, d: number, postcode4: string | null, municipalityCode = 'GM0599'): AreaIncident => ({ reference, occurredAt: day(d), municipalityCode, postcode4 });

describe('repeats', () => {
  it('counts earlier attacks in the same postcode area within the window', () => {
    const counted = [at('a', 0, '3067'), at('b', 50, '3067'), at('c', 60, '3068'), at('d', 100, '3067')];
    expect(repeatOf(counted[0]!, counted)).toBeUndefined();
    expect(repeatOf(counted[1]!, counted)).toMatchObject({ ordinal: 2, previous: day(0), area: { kind: 'postcode', postcode4: '3067' } });
    expect(repeatOf(counted[2]!, counted)).toBeUndefined();
    // Day 0 is more than 90 days before day 100; day 50 is within.
    expect(repeatOf(counted[3]!, counted)).toMatchObject({ ordinal: 2, previous: day(50) });
    expect(repeatOf(counted[3]!, counted, 30)).toBeUndefined();
  });

  it('uses the municipality for an attack without a postcode', () => {
    const counted = [at('a', 0, '3067'), at('b', 10, null), at('c', 20, null, 'GM0363')];
    expect(repeatOf(counted[1]!, counted)).toMatchObject({ ordinal: 2, area: { kind: 'gemeente', municipalityCode: 'GM0599' } });
    expect(repeatOf(counted[2]!, counted)).toBeUndefined();
  });

  it('is computed from what is counted: without the withdrawn earlier attack there is no repeat', () => {
    const earlier = at('a', 0, '3067');
    const later = at('b', 5, '3067');
    expect(repeatOf(later, [earlier, later])?.ordinal).toBe(2);
    expect(repeatOf(later, [later])).toBeUndefined();
  });

  it('lists areas with repeats in a period, seeing the attacks before it', () => {
    const counted = [at('a', 0, '3067'), at('b', 40, '3067'), at('c', 45, '3067'), at('d', 41, '1011', 'GM0363'), at('e', 42, '2000', 'GM0363')];
    const areas = repeatAreas(counted, day(30), day(60));
    expect(areas.map((a) => [a.area.kind === 'postcode' ? a.area.postcode4 : '', a.incidents, a.repeats])).toEqual([['3067', 2, 2]]);
    expect(repeatAreasPerMunicipality(areas)).toEqual(new Map([['GM0599', 1]]));
    expect(repeatAreas(counted, day(46), day(60))).toEqual([]);
  });
});
