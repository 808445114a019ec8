import { randomBytes } from 'node:crypto';
import { afterAll } from 'vitest';
import { createBullmqDriver } from '../../src/queue/bullmq.js';
import { queueContract } from './contract.js';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from './support.js';

const prefix = uniquePrefix('contract');
afterAll(() => deletePrefix(prefix));

// A queue of its own per test, so one test's jobs never meet another's.
queueContract('BullMQ on Redis', (jobs) =>
  createBullmqDriver(jobs, { url: TEST_REDIS_URL, prefix, queueName: `q${randomBytes(4).toString('hex')}` }),
);
