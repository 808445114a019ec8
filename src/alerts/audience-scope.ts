// The scope alerts to a channel are written for: its least-entitled member's.
import { channelAudience } from '../audience/channel.js';
import { leastEntitled, receivesAlerts } from '../domain/audience.js';
import { maySeeDetail, type DetailScope } from '../domain/policy.js';
import type { PlatformName, Poster } from '../platforms/poster.js';
import type { AlertCandidate } from '../store/alerts.js';
import type { Db } from '../store/db.js';

export async function channelScope(db: Db, posters: Partial<Record<PlatformName, Poster>>, channel: string): Promise<DetailScope> {
  return leastEntitled(await channelAudience(db, posters, channel)).scope;
}

/** Per subscription, the candidates its channel's audience may see (its audience asked once); none: left out. */
export async function visibleCandidates(db: Db, posters: Partial<Record<PlatformName, Poster>>, candidates: readonly AlertCandidate[]): Promise<Map<number, AlertCandidate[]>> {
  const bySubscription = new Map<number, AlertCandidate[]>();
  for (const c of candidates) bySubscription.set(c.subscriptionId, [...(bySubscription.get(c.subscriptionId) ?? []), c]);
  const visible = new Map<number, AlertCandidate[]>();
  for (const [id, list] of bySubscription) {
    const scope = await channelScope(db, posters, list[0]!.channel);
    if (!receivesAlerts(scope)) continue;
    const seen = list.filter((c) => maySeeDetail(scope, c.municipalityCode));
    if (seen.length > 0) visible.set(id, seen);
  }
  return visible;
}
