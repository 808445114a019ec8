// The audience of a channel: set by hand (channel_audiences: the console, tests, `/ote kanaal leden`), else
// asked of the platform (the poster's `members`: Slack conversations.members, Discord members who may view
// the channel) and mapped to partner roles, else unknown (a partner is assumed). Platform answers are kept
// for AUDIENCE_TTL_MS and forgotten at once when a member joins or leaves (`forgetAudience`).
import type { AudienceMember, ChannelAudience } from '../domain/audience.js';
import { parseChannelAddress, type ChannelMember, type PlatformName, type Poster } from '../platforms/poster.js';
import type { Db } from '../store/db.js';
import { resolveActor } from '../store/roles.js';

export const AUDIENCE_TTL_MS = 5 * 60_000;


interface Cached {
  audience: ChannelAudience;
  at: number;
}

const cached = new WeakMap<Db, Map<string, Cached>>();
/** When each channel's membership last changed, as the platform's events said. */
const changedAt = new Map<string, number>();

/** A member joined or left (or the channel's permissions changed): ask the platform again next time. */
export function forgetAudience(channel: string, now = Date.now()): void {
  changedAt.set(channel, now);
}

/** Every cached channel of a platform (a Discord role change may touch any channel of its guild). */
export function forgetPlatformAudiences(platform: PlatformName, now = Date.now()): void {
  changedAt.set(`${platform}:*`, now);
}

export async function setChannelAudience(db: Db, channel: string, members: readonly AudienceMember[] | null, setBy: string): Promise<void> {
  if (members === null) await db.query('DELETE FROM channel_audiences WHERE channel = $1', [channel]);
  else {
    await db.query(
      `INSERT INTO channel_audiences (channel, members, set_by) VALUES ($1, $2, $3)
       ON CONFLICT (channel) DO UPDATE SET members = EXCLUDED.members, set_by = EXCLUDED.set_by, set_at = now()`,
      [channel, JSON.stringify(members), setBy],
    );
  }
  forgetAudience(channel);
}

export async function channelAudience(
  db: Db,
  posters: Partial<Record<PlatformName, Poster>>,
  channel: string,
  now = Date.now(),
): Promise<ChannelAudience> {
  const [set] = await db.query<{ members: AudienceMember[] }>('SELECT members FROM channel_audiences WHERE channel = $1', [channel]);
  if (set) return { source: 'ingesteld', members: set.members };
  const address = parseChannelAddress(channel);
  const poster = address ? posters[address.platform] : undefined;
  if (!address || !poster?.members) return { source: 'onbekend', members: [] };
  const byChannel = cached.get(db) ?? new Map<string, Cached>();
  cached.set(db, byChannel);
  const hit = byChannel.get(channel);
  const changed = Math.max(changedAt.get(channel) ?? 0, changedAt.get(`${address.platform}:*`) ?? 0);
  if (hit && now - hit.at < AUDIENCE_TTL_MS && hit.at > changed) return hit.audience;
  let members: ChannelMember[];
  try {
    members = await poster.members(address.channelId);
  } catch {
    // Not known: written for a partner until the platform answers (a stale list could let detail through).
    return { source: 'onbekend', members: [] };
  }
  const platform = address.platform;
  const audience: ChannelAudience = {
    source: 'platform',
    members: await Promise.all(members.map((member) => asAudienceMember(db, platform, member))),
  };
  byChannel.set(channel, { audience, at: now });
  return audience;
}

async function asAudienceMember(db: Db, platform: PlatformName, member: ChannelMember): Promise<AudienceMember> {
  if ('role' in member) return member.municipalityCode ? { userId: member.userId, role: member.role, municipalityCode: member.municipalityCode } : { userId: member.userId, role: member.role };
  if (platform === 'console') return { userId: member.userId, role: 'partner' };
  const actor = await resolveActor(db, { platform, userId: member.userId, groupIds: member.groupIds });
  return actor.municipalityCode ? { userId: member.userId, role: actor.role, municipalityCode: actor.municipalityCode } : { userId: member.userId, role: actor.role };
}
