// When alerts are looked for: a nudge at the next whole second (one job for every store in that second),
// and a sweep at start and every 5 seconds (one job per 5 s, whatever the number of replicas).
import { expect, it } from 'vitest';
import { alertFanout } from '../../jobs/alert-fanout.js';
import { nudgeAlerts } from '../../src/alerts/clock.js';
import { createClock } from '../../src/queue/clock.js';
import { silentLogger } from '../../src/logger.js';
import type { EnqueueOptions } from '../../src/queue/job.js';

const recorder = () => {
  const calls: { name: string; data: unknown; options?: EnqueueOptions }[] = [];
  return { calls, enqueue: async (name: string, data: unknown, options?: EnqueueOptions) => void calls.push({ name, data, ...(options ? { options } : {}) }) };
};

it('nudges once per second: stores in the same second share the job', () => {
  const { calls, enqueue } = recorder();
  nudgeAlerts(enqueue, undefined, 1_700_000_000_250);
  nudgeAlerts(enqueue, undefined, 1_700_000_000_900);
  nudgeAlerts(enqueue, undefined, 1_700_000_001_100);
  expect(calls.map((c) => [c.name, c.options?.jobId, c.options?.delayMs])).toEqual([
    ['alert-fanout', 'alert-fanout-1700000001000', 750],
    ['alert-fanout', 'alert-fanout-1700000001000', 100],
    ['alert-fanout', 'alert-fanout-1700000002000', 900],
  ]);
  expect(calls[0]!.data).toEqual({ tick: new Date(1_700_000_001_000).toISOString() });
  expect(() => nudgeAlerts(undefined)).not.toThrow();
});

it('sweeps at start with an id per five seconds', async () => {
  const { calls, enqueue } = recorder();
  const clock = createClock({ jobs: [alertFanout], enqueue, logger: silentLogger });
  await clock.start();
  await clock.stop();
  expect(calls).toHaveLength(1);
  expect(calls[0]!.options?.jobId).toMatch(/^alert-fanout-\d+000$/);
  expect(Number(calls[0]!.options!.jobId!.slice('alert-fanout-'.length)) % 5_000).toBe(0);
});
