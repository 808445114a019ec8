// Slack's replay protection across processes: a signature is remembered in Redis (SET NX with an expiry) for
// as long as its request could be accepted, so the same request sent to a second web process is refused.
// When Redis does not answer in time the process's own memory (RequestGuard) decides alone.
import type { Logger } from '../../logger.js';
import type { SharedState } from '../../shared-state.js';
import { MAX_REQUEST_AGE_SECONDS } from './signing.js';

export interface SharedReplays {
  /** True the first time any process sees this signature; false for a replay. */
  firstSeen(signature: string): Promise<boolean>;
}

export function sharedReplays(shared: SharedState, logger: Logger): SharedReplays {
  const ttlMs = 2 * MAX_REQUEST_AGE_SECONDS * 1000;
  return {
    async firstSeen(signature) {
      try {
        return (await shared.redis.set(`${shared.prefix}:slack-replay:${signature}`, '1', 'PX', ttlMs, 'NX')) === 'OK';
      } catch (error) {
        logger.warn({ err: error }, 'slack replay check: Redis did not answer, this process decides alone');
        return true;
      }
    },
  };
}
