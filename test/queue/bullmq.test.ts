import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createBullmqDriver, ENQUEUE_DEADLINE_MS, QueueUnavailableError } from '../../src/queue/bullmq.js';
import { defineJob } from '../../src/queue/job.js';
import { startTcpProxy } from '../support/tcp-proxy.js';
import { queueContract } from './contract.js';
import { bareServices, deletePrefix, TEST_REDIS_URL, uniquePrefix, waitFor } from './support.js';

const prefix = uniquePrefix('contract');
afterAll(() => deletePrefix(prefix));
const echo = defineJob({ name: 'echo', schema: z.object({}), attempts: 1, backoffMs: 10, keepFinishedSeconds: 60, async process() {} });

// A queue of its own per test, so one test's jobs never meet another's.
queueContract('BullMQ on Redis', (jobs) =>
  createBullmqDriver(jobs, { url: TEST_REDIS_URL, prefix, queueName: `q${randomBytes(4).toString('hex')}` }),
);

describe('BullMQ while Redis does not answer', () => {
  it('fails listing and removing within the deadline instead of swallowing the error', { timeout: 20_000 }, async () => {
    const proxy = await startTcpProxy({ port: Number(new URL(TEST_REDIS_URL).port || 6379) });
    proxy.mode = 'blackhole';
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

describe('the marker that tells a wiped Redis', () => {
  it('is kept only by a process that runs the worker, so one that only adds or looks cannot hide a wipe', { timeout: 20_000 }, async () => {
    const queueName = `q${randomBytes(4).toString('hex')}`;
    const marker = `${prefix}:${queueName}:alive`;
    const redis = new Redis(TEST_REDIS_URL);
    const looking = createBullmqDriver([echo], { url: TEST_REDIS_URL, prefix, queueName, markerEveryMs: 50 });
    const working = createBullmqDriver([echo], { url: TEST_REDIS_URL, prefix, queueName, markerEveryMs: 50 });
    try {
      await looking.enqueue('echo', {});
      await looking.pending();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await redis.exists(marker)).toBe(0);
      await working.startWorker(bareServices());
      await waitFor(async () => (await redis.exists(marker)) === 1, 'the worker to set the marker', 5_000);
      // Wiped: the looking process leaves it gone, the worker notices and sets it again.
      let wiped = 0;
      working.onBack!((reason) => void (reason === 'wiped' && wiped++));
      await redis.del(marker);
      await waitFor(() => wiped === 1, 'the worker to hear of the wipe', 5_000);
    } finally {
      await looking.close();
      await working.close();
      redis.disconnect();
    }
  });
});
