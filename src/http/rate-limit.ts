// The API's per-token rate limit (rate-limiter-flexible): `capacity` requests in a window of
// capacity / perMinute minutes, counted from a token's first request. With Redis the count is shared by
// every web process, so one token gets its rate once however many processes answer; when Redis does not
// answer, this process's own count decides (the library's insurance limiter). Without Redis each process
// counts alone.
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { SharedState } from '../shared-state.js';

export interface RateLimitOptions {
  capacity: number;
  perMinute: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RateLimiter {
  take(key: string): Promise<RateDecision>;
}

export function createRateLimiter(options: RateLimitOptions, shared?: SharedState): RateLimiter {
  const window = { points: options.capacity, duration: Math.max(1, Math.round((options.capacity / options.perMinute) * 60)) };
  const local = new RateLimiterMemory(window);
  const limiter: RateLimiterAbstract = shared
    ? new RateLimiterRedis({ ...window, storeClient: shared.redis, keyPrefix: `${shared.prefix}:api-rate`, insuranceLimiter: local })
    : local;
  return {
    async take(key) {
      try {
        await limiter.consume(key);
        return { ok: true };
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) };
      }
    },
  };
}
