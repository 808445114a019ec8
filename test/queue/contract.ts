// The contract every queue driver keeps, run against BullMQ on the real Redis and against the
// single-process driver: validation at both ends, deterministic ids, retries with backoff, delays, stop.
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { QueueDriver } from '../../src/queue/driver.js';
import { defineJob, InvalidJobDataError, type JobDefinition } from '../../src/queue/job.js';
import { bareServices, recordingMetrics, waitFor } from './support.js';

export type MakeDriver = (jobs: readonly JobDefinition[]) => QueueDriver;

interface Seen {
  data: unknown;
  attempt: number;
  jobId: string;
}

function testJobs() {
  const seen: Record<'echo' | 'flaky' | 'broken' | 'slow' | 'picky' | 'paced' | 'patient', Seen[]> = { echo: [], flaky: [], broken: [], slow: [], picky: [], paced: [], patient: [] };
  const pacedAt: number[] = [];
  const patientFailedAt: number[] = [];
  const state = { failuresLeft: 2, rejectOnProcess: false, releaseSlow: () => undefined as void };
  const slowGate = { open: false };
  const record = (name: keyof typeof seen) => (data: unknown, ctx: { attempt: number; jobId: string }) =>
    void seen[name].push({ data, attempt: ctx.attempt, jobId: ctx.jobId });
  const base = { attempts: 3, backoffMs: 40, keepFinishedSeconds: 600 };
  const jobs: JobDefinition[] = [
    defineJob({ ...base, name: 'echo', schema: z.object({ n: z.number().int() }), async process(data, ctx) { record('echo')(data, ctx); } }),
    defineJob({
      ...base,
      name: 'flaky',
      schema: z.object({}),
      async process(data, ctx) {
        record('flaky')(data, ctx);
        if (state.failuresLeft-- > 0) throw new Error('temporary');
      },
    }),
    defineJob({
      ...base,
      name: 'broken',
      schema: z.object({}),
      async process(data, ctx) {
        record('broken')(data, ctx);
        throw new Error('always');
      },
    }),
    defineJob({
      ...base,
      name: 'slow',
      schema: z.object({}),
      async process(data, ctx) {
        record('slow')(data, ctx);
        await waitFor(() => slowGate.open, 'the slow job to be released');
      },
    }),
    defineJob({
      ...base,
      name: 'picky',
      schema: z.object({ n: z.number() }).refine(() => !state.rejectOnProcess, 'refused when processed'),
      async process(data, ctx) {
        record('picky')(data, ctx);
      },
    }),
    defineJob({
      ...base,
      name: 'paced',
      schema: z.object({ n: z.number() }),
      rateLimit: { max: 2, perMs: 400 },
      async process(data, ctx) {
        pacedAt.push(Date.now());
        record('paced')(data, ctx);
      },
    }),
    defineJob({
      ...base,
      name: 'patient',
      schema: z.object({}),
      backoffMs: 60_000,
      async process(data, ctx) {
        record('patient')(data, ctx);
        patientFailedAt.push(Date.now());
        throw new Error('not yet');
      },
    }),
  ];
  return { jobs, seen, state, slowGate, pacedAt, patientFailedAt };
}

export function queueContract(label: string, makeDriver: MakeDriver): void {
  describe(`queue contract: ${label}`, () => {
    let driver: QueueDriver | undefined;
    afterEach(async () => {
      await driver?.close();
      driver = undefined;
    });

    it('checks the data when enqueued and enqueues nothing that does not match', async () => {
      const t = testJobs();
      driver = makeDriver(t.jobs);
      await expect(driver.enqueue('echo', { n: 'één' })).rejects.toBeInstanceOf(InvalidJobDataError);
      await expect(driver.enqueue('unknown', {})).rejects.toThrow(/onbekende taak/);
      expect(await driver.counts()).toMatchObject({ waiting: 0, delayed: 0 });
    });

    it('runs a job with its parsed data and reports it to the metrics', async () => {
      const t = testJobs();
      const metrics = recordingMetrics();
      driver = makeDriver(t.jobs);
      await driver.startWorker(bareServices({ metrics }));
      await driver.enqueue('echo', { n: 7 }, { jobId: 'echo-7' });
      await waitFor(() => metrics.jobs.includes('echo:completed'), 'echo to complete');
      expect(t.seen.echo).toEqual([{ data: { n: 7 }, attempt: 1, jobId: 'echo-7' }]);
    });

    it('adds a job id only once: waiting, and again after it completed', async () => {
      const t = testJobs();
      const metrics = recordingMetrics();
      driver = makeDriver(t.jobs);
      await driver.enqueue('echo', { n: 1 }, { jobId: 'same' });
      await driver.enqueue('echo', { n: 2 }, { jobId: 'same' });
      expect((await driver.counts()).waiting).toBe(1);
      await driver.startWorker(bareServices({ metrics }));
      await waitFor(() => metrics.jobs.includes('echo:completed'), 'echo to complete');
      await driver.enqueue('echo', { n: 3 }, { jobId: 'same' });
      await driver.enqueue('echo', { n: 4 }, { jobId: 'other' });
      await waitFor(() => metrics.jobs.filter((j) => j === 'echo:completed').length === 2, 'the other echo');
      expect(t.seen.echo.map((s) => s.data)).toEqual([{ n: 1 }, { n: 4 }]);
    });

    it('enqueues many at once, each checked, each id once', async () => {
      const t = testJobs();
      const metrics = recordingMetrics();
      driver = makeDriver(t.jobs);
      await expect(driver.enqueueMany('echo', [{ data: { n: 1 } }, { data: { n: 'x' } }])).rejects.toBeInstanceOf(InvalidJobDataError);
      await driver.enqueue('echo', { n: 0 }, { jobId: 'many-0' });
      await driver.enqueueMany('echo', [0, 1, 2, 2].map((n) => ({ data: { n: n + 10 }, jobId: `many-${n}` })));
      await driver.startWorker(bareServices({ metrics }));
      await waitFor(() => metrics.jobs.filter((j) => j === 'echo:completed').length === 3, 'three echoes');
      expect(t.seen.echo.map((s) => (s.data as { n: number }).n).sort()).toEqual([0, 11, 12]);
    });

    it('retries a failing job with backoff until it succeeds', async () => {
      const t = testJobs();
      const metrics = recordingMetrics();
      driver = makeDriver(t.jobs);
      await driver.startWorker(bareServices({ metrics }));
      await driver.enqueue('flaky', {}, { jobId: 'flaky-1' });
      await waitFor(() => metrics.jobs.includes('flaky:completed'), 'flaky to complete');
      expect(t.seen.flaky.map((s) => s.attempt)).toEqual([1, 2, 3]);
      expect(metrics.jobs).toEqual(['flaky:retried', 'flaky:retried', 'flaky:completed']);
    });

    it('gives a job up after its last attempt and counts it as failed', async () => {
      const t = testJobs();
      const metrics = recordingMetrics();
      driver = makeDriver(t.jobs);
      await driver.startWorker(bareServices({ metrics }));
      await driver.enqueue('broken', {}, { jobId: 'broken-1' });
      await waitFor(async () => (await driver!.counts()).failed === 1, 'broken to fail');
      expect(t.seen.broken.map((s) => s.attempt)).toEqual([1, 2, 3]);
      expect(metrics.jobs.at(-1)).toBe('broken:failed');
    });

    it('checks the data again when processing and never retries data that does not match', async () => {
      const t = testJobs();
      const metrics = recordingMetrics();
      driver = makeDriver(t.jobs);
      await driver.enqueue('picky', { n: 1 }, { jobId: 'picky-1' });
      t.state.rejectOnProcess = true;
      await driver.startWorker(bareServices({ metrics }));
      await waitFor(() => metrics.jobs.includes('picky:failed'), 'picky to fail');
      expect(t.seen.picky).toEqual([]);
      expect(metrics.jobs).toEqual(['picky:failed']);
    });

    it('keeps a delayed job back, then runs it', async () => {
      const t = testJobs();
      const metrics = recordingMetrics();
      driver = makeDriver(t.jobs);
      await driver.startWorker(bareServices({ metrics }));
      await driver.enqueue('echo', { n: 9 }, { jobId: 'later', delayMs: 300 });
      const counts = await driver.counts();
      // Either still delayed, or (on a very slow machine) already run: never lost.
      expect(counts.delayed + counts.waiting + counts.active + t.seen.echo.length).toBe(1);
      await waitFor(() => metrics.jobs.includes('echo:completed'), 'the delayed echo');
      expect(t.seen.echo.map((s) => s.data)).toEqual([{ n: 9 }]);
    });

    it('starts a rate-limited job no more often than its limit allows', async () => {
      const t = testJobs();
      driver = makeDriver(t.jobs);
      const before = Date.now();
      for (let n = 1; n <= 6; n++) await driver.enqueue('paced', { n }, { jobId: `paced-${n}` });
      await driver.startWorker(bareServices());
      await waitFor(() => t.seen.paced.length === 6, 'every paced job');
      // Two per 400 ms: the third pair cannot start before two windows have passed (a slow machine only adds).
      expect(Math.max(...t.pacedAt) - before).toBeGreaterThanOrEqual(750);
      expect(t.seen.paced.map((s) => (s.data as { n: number }).n).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    });

    it('lists the jobs that have not started, by name and id prefix, with when each is due', async () => {
      const t = testJobs();
      driver = makeDriver(t.jobs);
      const before = Date.now();
      await driver.enqueue('echo', { n: 1 }, { jobId: 'a-1' });
      await driver.enqueue('echo', { n: 2 }, { jobId: 'a-2', delayMs: 60_000 });
      await driver.enqueue('echo', { n: 3 }, { jobId: 'b-1', delayMs: 30_000 });
      await driver.enqueue('flaky', {}, { jobId: 'a-3', delayMs: 90_000 });
      const after = Date.now();

      const echoes = await driver.pending({ names: ['echo'] });
      expect(echoes.map((j) => [j.name, j.id, j.state])).toEqual([['echo', 'a-1', 'waiting'], ['echo', 'b-1', 'delayed'], ['echo', 'a-2', 'delayed']]);
      const due = (id: string) => echoes.find((j) => j.id === id)!.dueAt.getTime();
      expect(due('a-1')).toBeGreaterThanOrEqual(before - 1);
      expect(due('a-1')).toBeLessThanOrEqual(after + 1);
      expect(due('a-2')).toBeGreaterThanOrEqual(before + 60_000 - 1);
      expect(due('a-2')).toBeLessThanOrEqual(after + 60_000 + 1);
      expect((await driver.pending({ idPrefix: 'a-' })).map((j) => j.id)).toEqual(['a-1', 'a-2', 'a-3']);
      expect((await driver.pending()).map((j) => j.id)).toEqual(['a-1', 'b-1', 'a-2', 'a-3']);
      await expect(driver.pending({ names: ['unknown'] })).rejects.toThrow(/onbekende taak/);
    });

    it('removes a job that has not started, and nothing else', async () => {
      const t = testJobs();
      const metrics = recordingMetrics();
      driver = makeDriver(t.jobs);
      await driver.enqueue('echo', { n: 1 }, { jobId: 'soon', delayMs: 200 });
      await driver.enqueue('echo', { n: 2 }, { jobId: 'later', delayMs: 500 });
      await driver.enqueue('echo', { n: 3 }, { jobId: 'now' });
      expect(await driver.remove('echo', 'soon')).toBe(true);
      expect(await driver.remove('echo', 'soon')).toBe(false);
      expect(await driver.remove('flaky', 'now')).toBe(false);
      expect(await driver.remove('echo', 'never-added')).toBe(false);
      await expect(driver.remove('unknown', 'now')).rejects.toThrow(/onbekende taak/);
      expect((await driver.pending()).map((j) => j.id)).toEqual(['now', 'later']);

      await driver.startWorker(bareServices({ metrics }));
      await waitFor(() => metrics.jobs.filter((j) => j === 'echo:completed').length === 2, 'the two echoes left');
      expect(await driver.remove('echo', 'later')).toBe(false);
      expect(t.seen.echo.map((s) => s.jobId)).toEqual(['now', 'later']);
      // A removed id is free again.
      await driver.enqueue('echo', { n: 4 }, { jobId: 'soon' });
      await waitFor(() => t.seen.echo.length === 3, 'the id enqueued again');
    });

    it('lists a retry waiting for its backoff as due when the backoff ends', async () => {
      const t = testJobs();
      driver = makeDriver(t.jobs);
      await driver.startWorker(bareServices());
      await driver.enqueue('patient', {}, { jobId: 'patient-1', delayMs: 300 });
      await waitFor(async () => (await driver!.pending()).some((j) => j.id === 'patient-1' && t.patientFailedAt.length === 1), 'the first attempt to fail');
      const [retry] = await driver.pending({ names: ['patient'] });
      expect(retry?.state).toBe('delayed');
      expect(retry!.dueAt.getTime()).toBeGreaterThanOrEqual(t.patientFailedAt[0]! + 60_000 - 5);
      expect(retry!.dueAt.getTime()).toBeLessThanOrEqual(Date.now() + 60_000);
    });

    it('neither lists nor removes the job in flight', async () => {
      const t = testJobs();
      driver = makeDriver(t.jobs);
      await driver.startWorker(bareServices());
      await driver.enqueue('slow', {}, { jobId: 'slow-1' });
      await waitFor(() => t.seen.slow.length === 1, 'slow to start');
      expect(await driver.pending()).toEqual([]);
      expect(await driver.remove('slow', 'slow-1')).toBe(false);
      t.slowGate.open = true;
      await waitFor(async () => (await driver!.counts()).active === 0, 'slow to finish');
    });

    it('finishes the job in flight when closed', async () => {
      const t = testJobs();
      const metrics = recordingMetrics();
      const current = makeDriver(t.jobs);
      await current.startWorker(bareServices({ metrics }));
      await current.enqueue('slow', {}, { jobId: 'slow-1' });
      await waitFor(() => t.seen.slow.length === 1, 'slow to start');
      const closed = current.close();
      t.slowGate.open = true;
      await closed;
      expect(metrics.jobs).toEqual(['slow:completed']);
    });
  });
}
