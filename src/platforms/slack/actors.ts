// Who is typing: a Slack user becomes an Actor through the role mapping. Group roles need the user's
// Slack user groups; only groups that have a role are asked about (usergroups.users.list), and their
// members are cached for a few minutes and refreshed in the background, so a command rarely waits.
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

interface CachedGroup {
  members: ReadonlySet<string>;
  fetchedAt: number;
  refreshing?: Promise<void>;
}

export function createSlackActors(options: { db: Db; client: webApi.WebClient; logger: Logger; now?: () => number }): SlackActors {
  const { db, client, logger } = options;
  const now = options.now ?? Date.now;
  const groups = new Map<string, CachedGroup>();

  async function refresh(groupId: string): Promise<void> {
    try {
      const result = await client.usergroups.users.list({ usergroup: groupId });
      groups.set(groupId, { members: new Set(result.users ?? []), fetchedAt: now() });
    } catch (error) {
      // Missing scope, a free workspace without user groups, a deleted group: the group grants nothing
      // until the next attempt, and the user falls back to their own role or `partner`.
      logger.warn({ err: error, groupId }, 'slack user group lookup failed');
      groups.set(groupId, { members: groups.get(groupId)?.members ?? new Set(), fetchedAt: now() });
    }
  }

  async function members(groupId: string): Promise<ReadonlySet<string>> {
    const cached = groups.get(groupId);
    if (cached && now() - cached.fetchedAt < GROUP_CACHE_MS) return cached.members;
    const entry: CachedGroup = cached ?? { members: new Set(), fetchedAt: 0 };
    entry.refreshing ??= refresh(groupId).finally(() => (entry.refreshing = undefined));
    groups.set(groupId, entry);
    // Stale members answer now while the refresh runs; only a group never read is waited for, briefly.
    if (cached) return cached.members;
    await Promise.race([entry.refreshing, new Promise((resolve) => setTimeout(resolve, GROUP_LOOKUP_TIMEOUT_MS).unref())]);
    return groups.get(groupId)?.members ?? new Set();
  }

  return {
    async resolve(userId) {
      const { own, groups: withRoles } = await assignmentsFor(db, 'slack', userId);
      // A user's own role wins, so their groups need not be looked up.
      if (own) return chooseActor({ platform: 'slack', userId }, [own]);
      const memberships = await Promise.all(withRoles.map(async (group) => ((await members(group.id)).has(userId) ? group : undefined)));
      return chooseActor({ platform: 'slack', userId }, memberships.filter((group) => group !== undefined));
    },
  };
}
