// Who may see what: the one place that decides. Police, OM and the programme office see incident detail;
// a municipality sees detail of its own municipality; every other partner sees figures per municipality
// and period. A reply shared in a channel is written for the least-entitled member of that channel.
// Detail is everything about one incident (reference, moment, postcode area) and any count below
// municipality level: one incident in a postcode area points at a street.
import type { Role } from './types.js';

export interface Viewer {
  role: Role;
  /** Only for `gemeente`: the CBS code of the viewer's own municipality. */
  municipalityCode?: string;
}

/** The members of a channel by role: who a shared reply (`publiek`, a digest) is read by. */
export type Audience = readonly Viewer[];

export type DetailScope =
  | { kind: 'all' }
  | { kind: 'municipality'; code: string }
  | { kind: 'none' };

export const ALL_DETAIL: DetailScope = { kind: 'all' };
export const NO_DETAIL: DetailScope = { kind: 'none' };

/** Assumed when nobody told us who is in a channel: there may always be a partner without rights. */
export const UNKNOWN_AUDIENCE: Audience = [{ role: 'partner' }];

const SEES_ALL_DETAIL: readonly Role[] = ['politie', 'om', 'programma'];

/** Roles that may see some incident detail (a municipality only its own). */
export const DETAIL_ROLES: readonly Role[] = [...SEES_ALL_DETAIL, 'gemeente'];
/** Roles that may change the register: report, correct, withdraw. */
export const REGISTER_EDITORS: readonly Role[] = ['politie', 'programma'];
/** Roles that administer roles, subscriptions, interventions, tokens and read the audit trail. */
export const ADMIN_ROLES: readonly Role[] = ['programma'];

export function scopeOf(viewer: Viewer): DetailScope {
  if (SEES_ALL_DETAIL.includes(viewer.role)) return ALL_DETAIL;
  if (viewer.role === 'gemeente' && viewer.municipalityCode) return { kind: 'municipality', code: viewer.municipalityCode };
  return NO_DETAIL;
}

/** What both may see. */
export function intersect(a: DetailScope, b: DetailScope): DetailScope {
  if (a.kind === 'none' || b.kind === 'none') return NO_DETAIL;
  if (a.kind === 'all') return b;
  if (b.kind === 'all') return a;
  return a.code === b.code ? a : NO_DETAIL;
}

/** What every member of an audience may see; an empty audience is treated as unknown. */
export function audienceScope(audience: Audience): DetailScope {
  const members = audience.length > 0 ? audience : UNKNOWN_AUDIENCE;
  return members.map(scopeOf).reduce(intersect);
}

/**
 * The scope a reply is written for: the asker's own, or when shared in a channel, what the asker and every
 * member of the channel may see (unknown members count as partners).
 */
export function replyScope(viewer: Viewer, shareInChannel: boolean, audience?: Audience): DetailScope {
  const own = scopeOf(viewer);
  return shareInChannel ? intersect(own, audienceScope(audience ?? UNKNOWN_AUDIENCE)) : own;
}

/** May this scope see the detail of an incident in this municipality? */
export function maySeeDetail(scope: DetailScope, municipalityCode: string): boolean {
  return scope.kind === 'all' || (scope.kind === 'municipality' && scope.code === municipalityCode);
}

/**
 * `maySeeDetail` as an SQL condition on `column`, its values placed by `param` (`$n` of the statement), for
 * a statement that decides in the database what it shows and records.
 */
export function detailScopeSql(scope: DetailScope, column: string, param: (value: unknown, type: string) => string): string {
  const all = param(scope.kind === 'all', 'boolean');
  const code = param(scope.kind === 'municipality' ? scope.code : null, 'text');
  return `coalesce(${all} OR ${column} = ${code}, false)`;
}

/**
 * May this scope see counts below municipality level (per postcode area, per street, per hour of one day)?
 * Only where it may see the detail itself; never as rounded or masked numbers, since even `< 5` says an
 * area had an attack.
 */
export function maySeeBelowMunicipality(scope: DetailScope, municipalityCode: string): boolean {
  return maySeeDetail(scope, municipalityCode);
}

/**
 * Small numbers. Totals per municipality (or the country) and period are figures every partner may see;
 * a cell inside such a total (by target, outcome or means, per hour of the day, per day, per month, per
 * postcode area) holding one or two incidents points at one attack, and so at the people it hit. Such
 * cells are hidden (shown as `<3`) from a scope that may not see the incidents' detail, as statistics
 * offices do; for a nationwide cell, from every scope that may not see all detail.
 */
export const SMALL_NUMBER_THRESHOLD = 3;

/** Must a cell of `count` incidents (in `municipalityCode`, or nationwide when null) be hidden from this scope? */
export function hidesSmallCell(scope: DetailScope, municipalityCode: string | null, count: number): boolean {
  if (count <= 0 || count >= SMALL_NUMBER_THRESHOLD) return false;
  return municipalityCode === null ? scope.kind !== 'all' : !maySeeDetail(scope, municipalityCode);
}

/**
 * Must a share of `part` in `whole` be hidden (e.g. the share between 02:00 and 05:00)? When the part is
 * small, or the whole is so small that any share names what each attack was.
 */
export function hidesSmallShare(scope: DetailScope, municipalityCode: string | null, part: number, whole: number): boolean {
  return hidesSmallCell(scope, municipalityCode, part) || hidesSmallCell(scope, municipalityCode, whole);
}
