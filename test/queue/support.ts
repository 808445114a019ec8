// Helpers of the queue tests: bounded polling (never a fixed sleep) and throw-away Redis key prefixes.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { silentLogger } from '../../src/logger.js';
import type { JobMetrics, JobServices } from '../../src/queue/job.js';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Polls `condition` until it holds; fails with `what` after `timeoutMs` (generous: a busy machine is slow). */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function uniquePrefix(name: string): string {
  return `ote-test-${name}-${randomBytes(4).toString('hex')}`;
}

/** Deletes every key under a BullMQ prefix. */
export async function deletePrefix(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export interface RecordedMetrics extends JobMetrics {
  jobs: string[];
  posts: string[];
}

export function recordingMetrics(): RecordedMetrics {
  const jobs: string[] = [];
  const posts: string[] = [];
  return {
    jobs,
    posts,
    job: (name, outcome) => void jobs.push(`${name}:${outcome}`),
    post: (platform, outcome) => void posts.push(`${platform}:${outcome}`),
  };
}

/** Services for jobs that touch nothing but what the test gives them. */
export function bareServices(overrides: Partial<JobServices> = {}): JobServices {
  return {
    db: undefined as never,
    municipalities: undefined as never,
    logger: silentLogger,
    posters: {},
    buildDigest: async () => {
      throw new Error('no digest in this test');
    },
    enqueue: async () => undefined,
    now: () => new Date(),
    ...overrides,
  };
}

export interface RecordingPoster {
  platform: 'slack' | 'discord' | 'console';
  posts: { channelId: string; title: string }[];
  post(channelId: string, reply: { title: string }): Promise<{ messageId: string }>;
}

/** A Poster that records what it posts; `fail` may throw for a call (by its 1-based number) to fake faults. */
export function recordingPoster(
  platform: RecordingPoster['platform'],
  fail: (channelId: string, call: number) => void = () => undefined,
): RecordingPoster {
  let calls = 0;
  const poster: RecordingPoster = {
    platform,
    posts: [],
    async post(channelId, reply) {
      fail(channelId, ++calls);
      poster.posts.push({ channelId, title: reply.title });
      return { messageId: `${platform}-${calls}` };
    },
  };
  return poster;
}
