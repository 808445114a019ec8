// The single-process driver: with no REDIS_URL the same job files run in this process. Nothing is shared
// and nothing survives a restart, which is why the clock recomputes every pending digest from the database
// when it starts. Delayed jobs and retries wait on timers.
import { randomUUID } from 'node:crypto';
import { runJob, selectPending, type QueueCounts, type QueueDriver } from './driver.js';
import { backoffDelay, findJob, InvalidJobDataError, parseJobData, type JobDefinition, type JobServices, type PendingJob } from './job.js';

interface Entry {
  id: string;
  job: JobDefinition;
  data: unknown;
  attempt: number;
  state: 'waiting' | 'delayed' | 'active' | 'completed' | 'failed';
  /** Epoch ms of the end of its delay (or when it was added). */
  dueAt: number;
  timer?: NodeJS.Timeout;
}

export interface SingleProcessOptions {
  /** Jobs run at the same time. */
  concurrency?: number;
}

export function createSingleProcessDriver(jobs: readonly JobDefinition[], options: SingleProcessOptions = {}): QueueDriver {
  const concurrency = options.concurrency ?? 10;
  const entries = new Map<string, Entry>();
  const ready: Entry[] = [];
  let services: JobServices | undefined;
  let active = 0;
  let closing = false;
  let idle: (() => void)[] = [];
  // Start times per rate-limited job, and the timer that resumes when a window has room again.
  const starts = new Map<string, number[]>();
  let resume: NodeJS.Timeout | undefined;

  /** 0 when the job may start now, otherwise how long until its rate limit has room. */
  const waitForRoom = (job: JobDefinition, now: number): number => {
    if (!job.rateLimit) return 0;
    const recent = (starts.get(job.name) ?? []).filter((t) => now - t < job.rateLimit!.perMs);
    starts.set(job.name, recent);
    return recent.length < job.rateLimit.max ? 0 : recent[0]! + job.rateLimit.perMs - now;
  };

  const later = (entry: Entry, ms: number, then: () => void) => {
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      then();
    }, ms);
  };

  const makeReady = (entry: Entry) => {
    entry.state = 'waiting';
    ready.push(entry);
    pump();
  };

  const finish = (entry: Entry, state: 'completed' | 'failed') => {
    entry.state = state;
    // The id stays known for a while, as BullMQ keeps finished jobs, so a late duplicate is a no-op.
    later(entry, entry.job.keepFinishedSeconds * 1000, () => entries.delete(entry.id));
    entry.timer?.unref();
  };

  const run = (entry: Entry, current: JobServices) => {
    active++;
    entry.state = 'active';
    runJob(entry.job, entry.data, { jobId: entry.id, attempt: entry.attempt }, current)
      .then(() => finish(entry, 'completed'))
      .catch((error: unknown) => {
        if (error instanceof InvalidJobDataError || entry.attempt >= entry.job.attempts || closing) {
          finish(entry, 'failed');
          return;
        }
        const delay = backoffDelay(entry.job, entry.attempt);
        entry.attempt++;
        entry.state = 'delayed';
        entry.dueAt = Date.now() + delay;
        later(entry, delay, () => makeReady(entry));
      })
      .finally(() => {
        active--;
        if (active === 0) for (const resolve of idle.splice(0)) resolve();
        pump();
      });
  };

  function pump(): void {
    let wait = Number.POSITIVE_INFINITY;
    for (let i = 0; services && !closing && active < concurrency && i < ready.length; ) {
      const entry = ready[i]!;
      const now = Date.now();
      const room = waitForRoom(entry.job, now);
      if (room > 0) {
        wait = Math.min(wait, room);
        i++;
        continue;
      }
      ready.splice(i, 1);
      if (entry.job.rateLimit) starts.get(entry.job.name)!.push(now);
      run(entry, services);
    }
    if (wait !== Number.POSITIVE_INFINITY && !resume && !closing) {
      resume = setTimeout(() => {
        resume = undefined;
        pump();
      }, wait);
    }
  }

  const driver: QueueDriver = {
    mode: 'single-process',
    description: 'Wachtrij: één proces (geen REDIS_URL): taken draaien in dit proces, niets wordt gedeeld',
    async enqueueMany(name, items) {
      // All or nothing, as with BullMQ's addBulk: every item is checked before any is added.
      const job = findJob(jobs, name);
      const parsed = items.map((item) => ({ data: parseJobData(job, item.data), jobId: item.jobId }));
      for (const item of parsed) await driver.enqueue(name, item.data, item.jobId ? { jobId: item.jobId } : {});
    },
    async enqueue(name, data, opts = {}) {
      const job = findJob(jobs, name);
      const parsed = parseJobData(job, data);
      if (closing) throw new Error('de wachtrij is gestopt');
      const id = opts.jobId ?? randomUUID();
      if (entries.has(id)) return;
      const delayMs = opts.delayMs && opts.delayMs > 0 ? opts.delayMs : 0;
      const entry: Entry = { id, job, data: parsed, attempt: 1, state: 'waiting', dueAt: Date.now() + delayMs };
      entries.set(id, entry);
      if (delayMs > 0) {
        entry.state = 'delayed';
        later(entry, delayMs, () => makeReady(entry));
      } else {
        makeReady(entry);
      }
    },
    async pending(filter) {
      if (filter?.names) for (const name of filter.names) findJob(jobs, name);
      const found: PendingJob[] = [];
      for (const entry of entries.values()) {
        if (entry.state === 'waiting' || entry.state === 'delayed') found.push({ name: entry.job.name, id: entry.id, state: entry.state, dueAt: new Date(entry.dueAt) });
      }
      return selectPending(found, filter);
    },
    async remove(name, id) {
      findJob(jobs, name);
      const entry = entries.get(id);
      if (!entry || entry.job.name !== name || (entry.state !== 'waiting' && entry.state !== 'delayed')) return false;
      clearTimeout(entry.timer);
      const at = ready.indexOf(entry);
      if (at >= 0) ready.splice(at, 1);
      entries.delete(id);
      return true;
    },
    async startWorker(workerServices) {
      services = workerServices;
      pump();
    },
    async ping() {
      if (closing) throw new Error('de wachtrij is gestopt');
    },
    async counts(): Promise<QueueCounts> {
      const counts: QueueCounts = { waiting: 0, active: 0, delayed: 0, failed: 0 };
      for (const entry of entries.values()) if (entry.state !== 'completed') counts[entry.state]++;
      return counts;
    },
    async close() {
      closing = true;
      clearTimeout(resume);
      for (const entry of entries.values()) clearTimeout(entry.timer);
      ready.length = 0;
      if (active > 0) await new Promise<void>((resolve) => idle.push(resolve));
      entries.clear();
      idle = [];
    },
  };
  return driver;
}
