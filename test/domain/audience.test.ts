import { describe, expect, it } from 'vitest';
import { leastEntitled, parseAudienceMember, receivesAlerts, type AudienceMember } from '../../src/domain/audience.js';

const m = (userId: string, role: AudienceMember['role'], municipalityCode?: string): AudienceMember => ({ userId, role, ...(municipalityCode ? { municipalityCode } : {}) });

describe('the least-entitled member of a channel', () => {
  it.each([
    { members: [m('a', 'politie'), m('b', 'om')], scope: { kind: 'all' }, deciding: ['a', 'b'] },
    { members: [m('a', 'politie'), m('b', 'gemeente', 'GM0599')], scope: { kind: 'municipality', code: 'GM0599' }, deciding: ['b'] },
    { members: [m('a', 'politie'), m('b', 'partner'), m('c', 'gemeente', 'GM0599')], scope: { kind: 'none' }, deciding: ['b'] },
    { members: [m('a', 'gemeente', 'GM0599'), m('b', 'gemeente', 'GM0363')], scope: { kind: 'none' }, deciding: ['a', 'b'] },
    { members: [], scope: { kind: 'none' }, deciding: [] },
  ])('$members.length members → $scope.kind', ({ members, scope, deciding }) => {
    const verdict = leastEntitled({ source: 'ingesteld', members });
    expect(verdict.scope).toEqual(scope);
    expect(verdict.deciding.map((d) => d.userId)).toEqual(deciding);
    expect(receivesAlerts(verdict.scope)).toBe(scope.kind !== 'none');
  });

  it('reads typed roles, refusing what is not one', () => {
    const resolve = (name: string) => (name.toLowerCase() === 'rotterdam' ? 'GM0599' : undefined);
    expect(parseAudienceMember('politie', 0, resolve)).toEqual({ userId: 'lid-1', role: 'politie' });
    expect(parseAudienceMember('gemeente:Rotterdam', 1, resolve)).toEqual({ userId: 'lid-2', role: 'gemeente', municipalityCode: 'GM0599' });
    expect(parseAudienceMember('gemeente', 0, resolve)).toBeUndefined();
    expect(parseAudienceMember('gemeente:Nergens', 0, resolve)).toBeUndefined();
    expect(parseAudienceMember('politie:Rotterdam', 0, resolve)).toBeUndefined();
    expect(parseAudienceMember('burgemeester', 0, resolve)).toBeUndefined();
  });
});
