// A worker for the alert tests: the real jobs on the single-process queue over a test database, with a
// recording Slack poster (posts, edits, and who it says is in each channel) and a way to wait until every
// alert that is due has gone out.
import { jobs } from '../../jobs/index.js';
import { alertsPending } from '../../src/alerts/settle.js';
import { silentLogger } from '../../src/logger.js';
import type { ChannelMember, Poster } from '../../src/platforms/poster.js';
import { createSingleProcessDriver } from '../../src/queue/single-process.js';
import type { Reply } from '../../src/render/reply.js';
import type { Db } from '../../src/store/db.js';
import { waitFor } from '../queue/support.js';
import { testMunicipalities } from '../support/runtime.js';

export interface RecordedPost {
  channelId: string;
  messageId: string;
  reply: Reply;
  identity?: string;
}

export interface AlertWorker {
  posts: RecordedPost[];
  edits: { channelId: string; messageId: string; reply: Reply }[];
  /** Who the poster says is in a channel (as a platform would). */
  members: Map<string, ChannelMember[]>;
  /** Runs a fan-out now and waits until nothing due is left (or the time is up). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function startAlertWorker(db: Db, now: () => Date = () => new Date()): Promise<AlertWorker> {
  const posts: RecordedPost[] = [];
  const edits: AlertWorker['edits'] = [];
  const members = new Map<string, ChannelMember[]>();
  let n = 0;
  const poster: Poster = {
    platform: 'slack',
    async post(channelId, reply, identity) {
      const messageId = `m${++n}`;
      posts.push({ channelId, messageId, reply, ...(identity ? { identity: identity.id } : {}) });
      return { messageId };
    },
    async update(channelId, messageId, reply) {
      edits.push({ channelId, messageId, reply });
    },
    async members(channelId) {
      return members.get(channelId) ?? [];
    },
  };
  const driver = createSingleProcessDriver(jobs);
  const posters = { slack: poster };
  await driver.startWorker({
    db, municipalities: testMunicipalities(), logger: silentLogger, posters, now,
    buildDigest: async () => {
      throw new Error('no digests here');
    },
    enqueue: driver.enqueue,
  });
  let tick = 0;
  return {
    posts,
    edits,
    members,
    async settle() {
      await driver.enqueue('alert-fanout', { tick: new Date(Date.UTC(2000, 0, 1) + ++tick * 1000).toISOString() }, { jobId: `fanout-test-${tick}` });
      await waitFor(async () => {
        const counts = await driver.counts();
        return counts.waiting + counts.active + counts.delayed === 0 && !(await alertsPending(db, posters, now()));
      }, 'every due alert to be posted', 20_000);
    },
    close: () => driver.close(),
  };
}
