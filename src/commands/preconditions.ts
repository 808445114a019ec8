// Who may run a command or an action, by name: the dispatcher checks a command's roles and preconditions
// before it parses the options, an action's preconditions after, and refuses with one text (`refusal`).
// Help names the same preconditions. A name not in this registry does not type-check.
import { REGISTER_EDITORS } from '../domain/policy.js';
import type { Actor, Role } from '../domain/types.js';
import type { Translate } from '../i18n/index.js';
import { errorReply, type Reply } from '../render/reply.js';

export type PreconditionName = 'programmabureau' | 'registerbeheer' | 'kanaalbeheerder' | 'teamVan';
/** The preconditions that ask only who the actor is, so a command can check them before its options. */
export type ActorPrecondition = Exclude<PreconditionName, 'teamVan'>;

/** The team of what an action acts on (an intervention, a measure), from its `team` hook. */
export interface Team {
  /** True when the actor, from this channel, belongs to it. */
  member: boolean;
  /** Who the team is, in the user's language, for a refusal, e.g. `gemeente` (a measure's owners). */
  who: string;
}

interface Precondition {
  /** Who it lets in, for help and for a refusal without a team at hand. */
  who(t: Translate): string;
  allows(actor: Actor, team: Team | undefined): boolean;
}

const roleNames = (roles: readonly Role[], t: Translate) => roles.map((r) => t(`role.${r}`)).join(', ');

export const PRECONDITIONS: Readonly<Record<PreconditionName, Precondition>> = {
  programmabureau: { who: (t) => t('role.programma'), allows: (actor) => actor.role === 'programma' },
  registerbeheer: { who: (t) => roleNames(REGISTER_EDITORS, t), allows: (actor) => REGISTER_EDITORS.includes(actor.role) },
  kanaalbeheerder: { who: (t) => t('access.channelAdmin'), allows: (actor) => actor.channelAdmin === true },
  teamVan: { who: (t) => t('access.team'), allows: (_actor, team) => team?.member === true },
};

/** True when the actor passes a precondition that asks only who they are, e.g. for what a handler shows. */
export function passes(name: ActorPrecondition, actor: Actor): boolean {
  return PRECONDITIONS[name].allows(actor, undefined);
}

/** Who may run something: by role, or by any one of its preconditions. */
export interface Access {
  roles?: readonly Role[];
  preconditions?: readonly PreconditionName[];
}

/** True when the actor passes `access` (a team is needed only for `teamVan`). */
export function allows(access: Access, actor: Actor, team?: Team): boolean {
  return (access.roles ?? []).includes(actor.role) || (access.preconditions ?? []).some((name) => PRECONDITIONS[name].allows(actor, team));
}

/** Who `access` lets in, in words: the roles, then each precondition (a known team by its own name). */
export function whoMayRun(access: Access, t: Translate, team?: Team): string {
  const who = [
    ...(access.roles ?? []).map((r) => t(`role.${r}`)),
    ...(access.preconditions ?? []).map((name) => (name === 'teamVan' && team ? team.who : PRECONDITIONS[name].who(t))),
  ];
  return [...new Set(who.filter(Boolean))].join(', ');
}

/** The one refusal: what the actor is, and who `/ote <what>` is for. */
export function refusal(what: string, actor: Actor, who: string, t: Translate): Reply {
  return errorReply(t('error.notAllowedTitle'), t('error.notAllowed', { command: what, role: t(`role.${actor.role}`), roles: who }));
}
