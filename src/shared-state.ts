// State shared by every process when REDIS_URL is set: Slack's replay memory and the API's per-token rate
// limit live in Redis, so a replay sent to a second web process is refused and one token gets its rate once,
// not once per process. Without Redis both stay in each process's memory. One connection for both; it fails
// at once while Redis is away (no offline queue), and then each process protects on its own meanwhile.
import { Redis } from 'ioredis';

export interface SharedState {
  redis: Redis;
  /** Namespaces every key (`ote` in production, one per test). */
  prefix: string;
  close(): Promise<void>;
}

/** How long a protection waits for Redis before it decides with this process's memory alone. */
export const SHARED_STATE_DEADLINE_MS = 500;

export function openSharedState(url: string, prefix = 'ote'): SharedState {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: SHARED_STATE_DEADLINE_MS });
  // The queue's connection watch logs Redis outages; this connection only falls back.
  redis.on('error', () => undefined);
  return {
    redis,
    prefix,
    async close() {
      redis.disconnect();
    },
  };
}
