// Who is typing: a Slack user becomes an Actor through the role mapping. Group roles need the user's
// Slack user groups; only groups that have a role are asked about (usergroups.users.list), and their
// members are cached for a few minutes and refreshed in the background, so a command rarely waits.
// Whether the user is a workspace admin or owner (Actor.channelAdmin) is cached the same way.
import type { webApi } from '@slack/bolt';
import type { Actor } from '../../domain/types.js';
import type { Logger } from '../../logger.js';
import type { Db } from '../../store/db.js';
import { assignmentsFor, chooseActor } from '../../store/roles.js';

export const GROUP_CACHE_MS = 5 * 60_000;
/** A slash command has 3 s in all; a slow group lookup falls back to what is cached. */
const GROUP_LOOKUP_TIMEOUT_MS = 1000;

export interface SlackActors {
  resolve(userId: string): Promise<Actor>;
}

interface Cached<T> {
  value: T;
  fetchedAt: number;
  refreshing?: Promise<void>;
}

/**
 * Answers from Slack kept per key for GROUP_CACHE_MS: a stale answer is given at once while a refresh runs in
 * the background; only a key never asked about is waited for, at most GROUP_LOOKUP_TIMEOUT_MS. A failed
 * lookup keeps the previous answer (or `fallback`) until the next attempt. Never rejects.
 */
function slackLookup<T>(options: { fetch(key: string): Promise<T>; fallback: T; onError(key: string, error: unknown): void; now: () => number }) {
  const { now } = options;
  const entries = new Map<string, Cached<T>>();

  async function refresh(key: string): Promise<void> {
    try {
      entries.set(key, { value: await options.fetch(key), fetchedAt: now() });
    } catch (error) {
      options.onError(key, error);
      entries.set(key, { value: entries.get(key)?.value ?? options.fallback, fetchedAt: now() });
    }
  }

  return async function get(key: string): Promise<T> {
    const cached = entries.get(key);
    if (cached && now() - cached.fetchedAt < GROUP_CACHE_MS) return cached.value;
    const entry: Cached<T> = cached ?? { value: options.fallback, fetchedAt: 0 };
    entry.refreshing ??= refresh(key).finally(() => (entry.refreshing = undefined));
    entries.set(key, entry);
    if (cached) return cached.value;
    await Promise.race([entry.refreshing, new Promise((resolve) => setTimeout(resolve, GROUP_LOOKUP_TIMEOUT_MS).unref())]);
    return entries.get(key)?.value ?? options.fallback;
  };
}

export function createSlackActors(options: { db: Db; client: webApi.WebClient; logger: Logger; now?: () => number }): SlackActors {
  const { db, client, logger } = options;
  const now = options.now ?? Date.now;

  const members = slackLookup<ReadonlySet<string>>({
    now,
    fallback: new Set(),
    fetch: async (groupId) => new Set((await client.usergroups.users.list({ usergroup: groupId })).users ?? []),
    // Missing scope, a free workspace without user groups, a deleted group: the group grants nothing
    // until the next attempt, and the user falls back to their own role or `partner`.
    onError: (groupId, error) => logger.warn({ err: error, groupId }, 'slack user group lookup failed'),
  });

  // A channel admin in Slack is a workspace admin or owner (users.info, scope users:read): Slack has no
  // per-channel managers the Web API reports to every plan, so this is the one signal we trust.
  const workspaceAdmin = slackLookup<boolean>({
    now,
    fallback: false,
    fetch: async (userId) => {
      const { user } = await client.users.info({ user: userId });
      return user?.is_admin === true || user?.is_owner === true;
    },
    // Without users:read nobody is a channel admin; roles still work.
    onError: (userId, error) => logger.warn({ err: error, userId }, 'slack user lookup failed'),
  });

  return {
    async resolve(userId) {
      const who = { platform: 'slack' as const, userId };
      const { own, groups: withRoles } = await assignmentsFor(db, 'slack', userId);
      // The programme office may do all a channel admin may, so then Slack need not be asked.
      const admin = own?.role === 'programma' ? Promise.resolve(false) : workspaceAdmin(userId);
      // A user's own role wins, so their groups need not be looked up.
      const actor = own
        ? chooseActor(who, [own])
        : chooseActor(who, (await Promise.all(withRoles.map(async (group) => ((await members(group.id)).has(userId) ? group : undefined)))).filter((group) => group !== undefined));
      if (actor.role === 'programma') return actor;
      return (await admin) ? { ...actor, channelAdmin: true } : actor;
    },
  };
}
