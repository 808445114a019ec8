// Who a channel is read by. The least-entitled member decides what a shared reply, a digest or an alert
// may show: the scope every member may see (src/domain/policy.ts), and the members that narrow it.
// A member without a partner role is a partner. Pure.
import { audienceScope, scopeOf, type DetailScope } from './policy.js';
import type { Role } from './types.js';

export interface AudienceMember {
  userId: string;
  role: Role;
  /** Only for `gemeente`. */
  municipalityCode?: string;
}

/** Where a channel's member list came from: set by hand, asked of the platform, or not known (a partner is assumed). */
export type AudienceSource = 'ingesteld' | 'platform' | 'onbekend';

export interface ChannelAudience {
  source: AudienceSource;
  members: readonly AudienceMember[];
}

export interface AudienceVerdict {
  scope: DetailScope;
  /** The members that narrow the scope to what it is (empty when nobody is known: a partner is assumed). */
  deciding: readonly AudienceMember[];
}

export function leastEntitled(audience: ChannelAudience): AudienceVerdict {
  const members = audience.members;
  const scope = audienceScope(members);
  if (members.length === 0) return { scope, deciding: [] };
  if (scope.kind === 'all') return { scope, deciding: members };
  const without = members.filter((m) => scopeOf(m).kind === 'none');
  // Nobody without rights, yet no detail in common: members of different municipalities.
  const deciding = without.length > 0 ? without : members.filter((m) => m.role === 'gemeente');
  return { scope, deciding };
}

/** May a channel with this scope receive alerts at all (any incident detail)? */
export function receivesAlerts(scope: DetailScope): boolean {
  return scope.kind !== 'none';
}

/** `politie`, `gemeente:GM0599`, … as typed when setting an audience by hand; undefined when not a role. */
export function parseAudienceMember(token: string, index: number, resolveMunicipality: (name: string) => string | undefined): AudienceMember | undefined {
  const [role, place] = token.split(':', 2).map((part) => part.trim());
  const roles: readonly string[] = ['politie', 'om', 'gemeente', 'programma', 'partner'];
  if (!role || !roles.includes(role.toLowerCase())) return undefined;
  const userId = `lid-${index + 1}`;
  if (role.toLowerCase() !== 'gemeente') return place ? undefined : { userId, role: role.toLowerCase() as Role };
  const code = place ? resolveMunicipality(place) : undefined;
  return code ? { userId, role: 'gemeente', municipalityCode: code } : undefined;
}
