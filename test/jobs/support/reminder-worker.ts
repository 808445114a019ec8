// A worker process for test/jobs/milestone-reminder.test.ts: the real jobs on the real Redis and PostgreSQL,
// with a recording poster that appends the milestone id of every reminder it posts to a file. After
// FL_HANG_AFTER posts it hangs inside every further post (a slow platform) so the test can kill it mid-job.
import { appendFileSync } from 'node:fs';
import { jobs } from '../../../jobs/index.js';
import { silentLogger } from '../../../src/logger.js';
import type { Poster } from '../../../src/platforms/poster.js';
import { createBullmqDriver } from '../../../src/queue/bullmq.js';
import type { Reply } from '../../../src/render/reply.js';
import { openPostgres } from '../../../src/store/db.js';

const env = process.env as Record<string, string>;
const hangAfter = env.FL_HANG_AFTER ? Number(env.FL_HANG_AFTER) : Infinity;
let posted = 0;

const milestoneOf = (reply: Reply) => reply.blocks.flatMap((b) => (b.kind === 'buttons' ? b.buttons : []))[0]?.value ?? '?';

const poster: Poster = {
  platform: 'slack',
  async post(channelId, reply) {
    const milestone = milestoneOf(reply);
    if (posted >= hangAfter) {
      appendFileSync(env.FL_HANG_FILE!, `${milestone}\n`);
      await new Promise(() => undefined);
    }
    posted++;
    appendFileSync(env.FL_POST_FILE!, `${channelId} ${milestone}\n`);
    return { messageId: `${process.pid}-${milestone}` };
  },
};

const db = await openPostgres(env.FL_DATABASE_URL!, env.FL_SCHEMA);
const driver = createBullmqDriver(jobs, { url: env.FL_REDIS_URL!, prefix: env.FL_PREFIX!, queueName: env.FL_QUEUE!, concurrency: 5 });
await driver.startWorker({
  db,
  municipalities: undefined as never,
  logger: silentLogger,
  posters: { slack: poster },
  buildDigest: async () => {
    throw new Error('no digest here');
  },
  enqueue: driver.enqueue,
  queue: driver,
  now: () => new Date(env.FL_NOW!),
});
process.stdout.write('ready\n');
