// The scope alerts to a channel are written for: its least-entitled member's.
import { channelAudience } from '../audience/channel.js';
import { leastEntitled } from '../domain/audience.js';
import type { DetailScope } from '../domain/policy.js';
import type { PlatformName, Poster } from '../platforms/poster.js';
import type { Db } from '../store/db.js';

export async function channelScope(db: Db, posters: Partial<Record<PlatformName, Poster>>, channel: string): Promise<DetailScope> {
  return leastEntitled(await channelAudience(db, posters, channel)).scope;
}
