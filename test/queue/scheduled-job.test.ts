// A scheduled job that lives only in this test, in a registry of the real shape (a JobDefinition list, as
// jobs/index.ts), run by the one clock on both queue drivers: an interval aligned to the epoch, a cron with
// seconds, the tick at start; on BullMQ two replicas ticking together run each moment once.
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { silentLogger } from '../../src/logger.js';
import { createBullmqDriver } from '../../src/queue/bullmq.js';
import { createClock, intervalSlot, type Clock } from '../../src/queue/clock.js';
import type { QueueDriver } from '../../src/queue/driver.js';
import { defineJob, type Enqueue, type JobDefinition } from '../../src/queue/job.js';
import { createSingleProcessDriver } from '../../src/queue/single-process.js';
import { bareServices, deletePrefix, TEST_REDIS_URL, uniquePrefix, waitFor } from './support.js';

const EVERY_MS = 400;
const prefix = uniquePrefix('scheduled');

interface Run {
  job: string;
  jobId: string;
  at: string;
}

function registry() {
  const runs: Run[] = [];
  const base = { attempts: 2, backoffMs: 20, keepFinishedSeconds: 60 };
  const jobs: JobDefinition[] = [
    defineJob({
      ...base,
      name: 'heartbeat',
      schema: z.object({ at: z.iso.datetime() }),
      schedule: {
        everyMs: EVERY_MS,
        atStart: true,
        job: (at, trigger) => ({ data: { at: at.toISOString() }, jobId: `heartbeat-${trigger}-${intervalSlot(at, EVERY_MS).getTime()}` }),
      },
      async process(data, ctx) {
        runs.push({ job: 'heartbeat', jobId: ctx.jobId, at: data.at });
      },
    }),
    defineJob({
      ...base,
      name: 'each-second',
      schema: z.object({ at: z.iso.datetime() }),
      schedule: { cron: '* * * * * *', job: (at) => ({ data: { at: at.toISOString() }, jobId: `second-${Math.floor(at.getTime() / 1000)}` }) },
      async process(data, ctx) {
        runs.push({ job: 'each-second', jobId: ctx.jobId, at: data.at });
      },
    }),
    defineJob({
      ...base,
      name: 'on-request',
      schema: z.object({}),
      async process(_data, ctx) {
        runs.push({ job: 'on-request', jobId: ctx.jobId, at: '' });
      },
    }),
  ];
  return { jobs, runs };
}

const open: { drivers: QueueDriver[]; clocks: Clock[] } = { drivers: [], clocks: [] };
afterEach(async () => {
  for (const clock of open.clocks.splice(0)) await clock.stop();
  for (const driver of open.drivers.splice(0)) await driver.close();
});
afterAll(() => deletePrefix(prefix));

/** A worker with its clock; `ticks` counts what the clock enqueued. */
async function worker(jobs: readonly JobDefinition[], driver: QueueDriver) {
  open.drivers.push(driver);
  await driver.startWorker(bareServices({ enqueue: driver.enqueue }));
  const counted = { ticks: 0 };
  const enqueue: Enqueue = async (...args) => {
    counted.ticks++;
    await driver.enqueue(...args);
  };
  const clock = createClock({ jobs, enqueue, logger: silentLogger });
  open.clocks.push(clock);
  await clock.start();
  return Object.assign(counted, { clock });
}

const scheduledSlots = (runs: readonly Run[]) =>
  runs.filter((r) => r.job === 'heartbeat' && r.jobId.startsWith('heartbeat-schedule-')).map((r) => new Date(r.at).getTime());

function expectTheSchedule(runs: readonly Run[]): void {
  expect(runs.some((r) => /^heartbeat-start-\d+$/.test(r.jobId))).toBe(true);
  // Every scheduled heartbeat at an interval boundary (the same moments on every replica), one per boundary.
  const slots = scheduledSlots(runs);
  expect(slots.every((slot) => slot % EVERY_MS === 0)).toBe(true);
  expect(new Set(slots).size).toBe(slots.length);
  const seconds = runs.filter((r) => r.job === 'each-second').map((r) => r.jobId);
  expect(new Set(seconds).size).toBe(seconds.length);
  expect(runs.some((r) => r.job === 'on-request')).toBe(false);
}

const drivers: [string, (jobs: readonly JobDefinition[], queueName: string) => QueueDriver][] = [
  ['single-process', (jobs) => createSingleProcessDriver(jobs)],
  ['BullMQ on Redis', (jobs, queueName) => createBullmqDriver(jobs, { url: TEST_REDIS_URL, prefix, queueName })],
];

describe.each(drivers)('a scheduled job declared in a test, on the %s queue', (_label, makeDriver) => {
  it('runs at start, on every interval boundary and every cron second, and stops with the clock', { timeout: 30_000 }, async () => {
    const { jobs, runs } = registry();
    const running = await worker(jobs, makeDriver(jobs, `s${randomBytes(4).toString('hex')}`));
    await waitFor(() => scheduledSlots(runs).length >= 4 && runs.filter((r) => r.job === 'each-second').length >= 2, 'four heartbeats and two seconds', 15_000);
    await running.clock.stop();
    const ticksAtStop = running.ticks;
    await new Promise((resolve) => setTimeout(resolve, 3 * EVERY_MS));
    expect(running.ticks).toBe(ticksAtStop);
    expectTheSchedule(runs);
  });
});

describe('a scheduled job with two replicas on one Redis', () => {
  it('runs each moment once, however many clocks tick it', { timeout: 30_000 }, async () => {
    const { jobs, runs } = registry();
    const queueName = `s${randomBytes(4).toString('hex')}`;
    await worker(jobs, createBullmqDriver(jobs, { url: TEST_REDIS_URL, prefix, queueName }));
    await worker(jobs, createBullmqDriver(jobs, { url: TEST_REDIS_URL, prefix, queueName }));
    await waitFor(() => scheduledSlots(runs).length >= 4 && runs.filter((r) => r.job === 'each-second').length >= 2, 'four heartbeats and two seconds', 15_000);
    const ids = runs.filter((r) => !r.jobId.startsWith('heartbeat-start-')).map((r) => r.jobId);
    expect(new Set(ids).size).toBe(ids.length);
    expectTheSchedule(runs);
  });
});
