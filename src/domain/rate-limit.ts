// A token bucket per key (per API token): `capacity` requests at once, refilled at `perMinute`. Pure apart
// from the clock it is given; state lives in memory, so each replica limits on its own.

export interface RateLimitOptions {
  capacity: number;
  perMinute: number;
  now?: () => number;
  /** Buckets kept at most; the longest idle is forgotten first (a full bucket loses nothing). */
  maxKeys?: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RateLimiter {
  take(key: string): RateDecision;
}

export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const now = options.now ?? Date.now;
  const perMs = options.perMinute / 60_000;
  const maxKeys = options.maxKeys ?? 10_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const t = now();
      const previous = buckets.get(key);
      const tokens = previous ? Math.min(options.capacity, previous.tokens + (t - previous.at) * perMs) : options.capacity;
      buckets.delete(key); // re-inserted below, so the Map's order is least recently used first
      if (tokens < 1) {
        buckets.set(key, { tokens, at: t });
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
      }
      buckets.set(key, { tokens: tokens - 1, at: t });
      if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value!);
      return { ok: true };
    },
  };
}
