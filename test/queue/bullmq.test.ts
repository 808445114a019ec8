import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createBullmqDriver, ENQUEUE_DEADLINE_MS, QueueUnavailableError } from '../../src/queue/bullmq.js';
import { defineJob } from '../../src/queue/job.js';
import { startTcpProxy } from '../support/tcp-proxy.js';
import { queueContract } from './contract.js';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from './support.js';

const prefix = uniquePrefix('contract');
afterAll(() => deletePrefix(prefix));

// A queue of its own per test, so one test's jobs never meet another's.
queueContract('BullMQ on Redis', (jobs) =>
  createBullmqDriver(jobs, { url: TEST_REDIS_URL, prefix, queueName: `q${randomBytes(4).toString('hex')}` }),
);

describe('BullMQ while Redis does not answer', () => {
  it('fails listing and removing within the deadline instead of swallowing the error', { timeout: 20_000 }, async () => {
    const proxy = await startTcpProxy({ port: Number(new URL(TEST_REDIS_URL).port || 6379) });
    proxy.mode = 'blackhole';
    const echo = defineJob({ name: 'echo', schema: z.object({}), attempts: 1, backoffMs: 10, keepFinishedSeconds: 60, async process() {} });
    const driver = createBullmqDriver([echo], { url: `redis://127.0.0.1:${proxy.port}`, prefix, queueName: `q${randomBytes(4).toString('hex')}` });
    try {
      const started = Date.now();
      await expect(driver.pending()).rejects.toBeInstanceOf(QueueUnavailableError);
      await expect(driver.remove('echo', 'any')).rejects.toBeInstanceOf(QueueUnavailableError);
      expect(Date.now() - started).toBeLessThan(2 * ENQUEUE_DEADLINE_MS + 2_000);
    } finally {
      await driver.close();
      await proxy.close();
    }
  });
});
