// Partner roles of chat users and groups: who is police, OM, a municipality, the programme office.
// Every platform with role sources shares this mapping; a group is a Slack user group or a Discord role.
import type { SubjectKind } from '../domain/role-subject.js';
import type { Actor, Role } from '../domain/types.js';
import { assertPlatformName, type PlatformName } from '../platforms/registry.js';
import { auditMany, systemWho } from './audit.js';
import type { Db } from './db.js';
import { cachedBySettings } from './register-cache.js';

export type { SubjectKind };

export interface RoleSubject {
  platform: PlatformName;
  kind: SubjectKind;
  /** Slack `U…`/`W…` (user) or `S…` (user group); Discord snowflakes. */
  id: string;
}

export interface RoleAssignment extends RoleSubject {
  role: Role;
  municipalityCode: string | null;
  source: 'rol' | 'config';
  assignedBy: string;
  assignedAt: Date;
}

/** How the audit trail names a subject: `slack:gebruiker:U0123`, `discord:groep:456`; a chat id, never a name. */
export function roleAuditSubject(subject: RoleSubject): string {
  return `${subject.platform}:${subject.kind === 'user' ? 'gebruiker' : 'groep'}:${subject.id}`;
}

/** Most entitled first: the programme office sees everything, police and OM all detail, a municipality its own. */
export const ROLE_RANK: readonly Role[] = ['programma', 'politie', 'om', 'gemeente', 'partner'];

interface Row {
  platform: PlatformName;
  subject_kind: SubjectKind;
  subject_id: string;
  role: Role;
  municipality_code: string | null;
  source: 'rol' | 'config';
  assigned_by: string;
  assigned_at: Date;
}

const COLUMNS = 'platform, subject_kind, subject_id, role, municipality_code, source, assigned_by, assigned_at';

function toAssignment(row: Row): RoleAssignment {
  return {
    platform: row.platform,
    kind: row.subject_kind,
    id: row.subject_id,
    role: row.role,
    municipalityCode: row.municipality_code,
    source: row.source,
    assignedBy: row.assigned_by,
    assignedAt: new Date(row.assigned_at),
  };
}

function byEntitlement(a: RoleAssignment, b: RoleAssignment): number {
  return (
    ROLE_RANK.indexOf(a.role) - ROLE_RANK.indexOf(b.role) ||
    (a.municipalityCode ?? '').localeCompare(b.municipalityCode ?? '') ||
    a.id.localeCompare(b.id)
  );
}

/**
 * The actor for a chat user: the user's own assignment wins; otherwise the most entitled assignment of
 * the user's groups; otherwise `partner`.
 */
export async function resolveActor(
  db: Db,
  who: { platform: PlatformName; userId: string; groupIds: readonly string[] },
): Promise<Actor> {
  const { own, groups } = await assignmentsFor(db, who.platform, who.userId);
  return chooseActor(who, own ? [own] : groups.filter((group) => who.groupIds.includes(group.id)));
}

/**
 * The same choice when the platform must first be asked which groups the user is in: one query for the
 * user's own assignment and every group assignment (a short list), then `chooseActor` with the
 * assignments of the groups the user turns out to be in.
 */
export async function assignmentsFor(db: Db, platform: PlatformName, userId: string): Promise<{ own?: RoleAssignment; groups: RoleAssignment[] }> {
  // Roles change rarely and move the programme's marker (migration 023): kept until they do.
  return cachedBySettings(db, `roles:${platform}:${userId}`, () => loadAssignments(db, platform, userId));
}

async function loadAssignments(db: Db, platform: PlatformName, userId: string): Promise<{ own?: RoleAssignment; groups: RoleAssignment[] }> {
  const rows = await db.query<Row>(
    `SELECT ${COLUMNS} FROM role_assignments
     WHERE platform = $1 AND (subject_kind = 'group' OR subject_id = $2)`,
    [platform, userId],
  );
  const all = rows.map(toAssignment);
  const own = all.find((a) => a.kind === 'user');
  return { ...(own ? { own } : {}), groups: all.filter((a) => a.kind === 'group') };
}

/** Picks from assignments already narrowed to the user and the user's groups. */
export function chooseActor(who: { platform: PlatformName; userId: string }, assignments: readonly RoleAssignment[]): Actor {
  const chosen = assignments.find((a) => a.kind === 'user') ?? [...assignments].sort(byEntitlement)[0];
  const actor: Actor = { platform: who.platform, userId: who.userId, role: chosen?.role ?? 'partner', ...(chosen ? { assigned: true } : {}) };
  if (chosen?.role === 'gemeente' && chosen.municipalityCode) actor.municipalityCode = chosen.municipalityCode;
  return actor;
}

/** Gives a user or group a role (replacing any earlier one). Returns true when the subject had none before. */
export async function assignRole(
  db: Db,
  subject: RoleSubject,
  role: Role,
  municipalityCode: string | null,
  assignedBy: string,
): Promise<boolean> {
  assertPlatformName(subject.platform);
  if ((role === 'gemeente') !== (municipalityCode !== null)) {
    throw new Error('a municipality code goes with role gemeente, and only with it');
  }
  const rows = await db.query<{ created: boolean }>(
    `INSERT INTO role_assignments (platform, subject_kind, subject_id, role, municipality_code, source, assigned_by)
     VALUES ($1, $2, $3, $4, $5, 'rol', $6)
     ON CONFLICT (platform, subject_kind, subject_id) DO UPDATE SET
       role = EXCLUDED.role, municipality_code = EXCLUDED.municipality_code, source = 'rol',
       assigned_by = EXCLUDED.assigned_by, assigned_at = now()
     RETURNING (xmax = 0) AS created`,
    [subject.platform, subject.kind, subject.id, role, municipalityCode, assignedBy],
  );
  return rows[0]?.created ?? false;
}

/** Removes a subject's assignment; returns what was removed, or undefined when there was none. */
export async function removeRole(db: Db, subject: RoleSubject): Promise<RoleAssignment | undefined> {
  const rows = await db.query<Row>(
    `DELETE FROM role_assignments WHERE platform = $1 AND subject_kind = $2 AND subject_id = $3 RETURNING ${COLUMNS}`,
    [subject.platform, subject.kind, subject.id],
  );
  return rows[0] ? toAssignment(rows[0]) : undefined;
}

export async function findRole(db: Db, subject: RoleSubject): Promise<RoleAssignment | undefined> {
  const rows = await db.query<Row>(
    `SELECT ${COLUMNS} FROM role_assignments WHERE platform = $1 AND subject_kind = $2 AND subject_id = $3`,
    [subject.platform, subject.kind, subject.id],
  );
  return rows[0] ? toAssignment(rows[0]) : undefined;
}

/** Every assignment, by platform, then most entitled role first. */
export async function listRoles(db: Db, platform?: PlatformName): Promise<RoleAssignment[]> {
  const rows = await db.query<Row>(
    `SELECT ${COLUMNS} FROM role_assignments WHERE ($1::text IS NULL OR platform = $1)
     ORDER BY platform, array_position($2::text[], role), municipality_code NULLS FIRST, subject_kind DESC, subject_id`,
    [platform ?? null, [...ROLE_RANK]],
  );
  return rows.map(toAssignment);
}

/**
 * Gives the configured admins the programme-office role, once: run at every start, it never overrides an
 * assignment the programme office made since (and re-creates one that was removed).
 */
export async function seedAdmins(db: Db, platform: PlatformName, userIds: readonly string[]): Promise<number> {
  assertPlatformName(platform);
  if (userIds.length === 0) return 0;
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ subject_id: string }>(
      `INSERT INTO role_assignments (platform, subject_kind, subject_id, role, source, assigned_by)
       SELECT $1, 'user', id, 'programma', 'config', 'config' FROM unnest($2::text[]) AS id
       ON CONFLICT (platform, subject_kind, subject_id) DO NOTHING
       RETURNING subject_id`,
      [platform, [...new Set(userIds)]],
    );
    await auditMany(
      tx,
      rows.map((r) => ({
        ...systemWho(platform),
        action: 'rol.toegewezen' as const,
        subject: roleAuditSubject({ platform, kind: 'user', id: r.subject_id }),
        detail: { rol: 'programma', gemeente: null, vorigeRol: null, bron: 'config' },
      })),
    );
    return rows.length;
  });
}
