// The queue behind a small driver interface: BullMQ on Redis (shared by any number of worker processes)
// or single-process (the same job files in this process, nothing shared). Both pass test/queue/contract.ts.
import { parseJobData, InvalidJobDataError, type Enqueue, type EnqueueMany, type JobDefinition, type JobServices, type PendingFilter, type PendingJob, type QueueControl } from './job.js';

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

export interface QueueDriver extends QueueControl {
  /** One line for `ote start`, without secrets. */
  readonly description: string;
  /** Validates the data with the job's schema, then enqueues; a known job id is a no-op. */
  enqueue: Enqueue;
  enqueueMany: EnqueueMany;
  /** Starts processing jobs (the worker role). */
  startWorker(services: JobServices): Promise<void>;
  /** Throws when the queue cannot be reached (for /readyz). */
  ping(): Promise<void>;
  counts(): Promise<QueueCounts>;
  /**
   * Called when a shared queue answers again after an outage, or came back empty (wiped); what waited or
   * was lost is planned again then. Absent for the single-process queue, which cannot go away.
   */
  onBack?(listener: (reason: 'reconnected' | 'wiped') => void): void;
  /** Stops taking jobs, finishes or hands back the ones in flight, closes every connection. */
  close(): Promise<void>;
}

export interface RunInfo {
  jobId: string;
  attempt: number;
}

/** Runs one attempt of a job, with its data checked again, and reports the outcome to the metrics. */
export async function runJob(job: JobDefinition, data: unknown, info: RunInfo, services: JobServices): Promise<void> {
  const logger = services.logger.child({ job: job.name, jobId: info.jobId, attempt: info.attempt });
  try {
    const parsed = parseJobData(job, data);
    await job.process(parsed, { services, logger, jobId: info.jobId, attempt: info.attempt, maxAttempts: job.attempts });
    services.metrics?.job(job.name, 'completed');
  } catch (error) {
    const final = error instanceof InvalidJobDataError || info.attempt >= job.attempts;
    services.metrics?.job(job.name, final ? 'failed' : 'retried');
    logger[final ? 'error' : 'warn']({ err: error }, final ? 'job failed' : 'job attempt failed, will retry');
    throw error;
  }
}

/** The pending jobs `filter` asks for, oldest due first (the drivers share this). */
export function selectPending(jobs: Iterable<PendingJob>, filter: PendingFilter = {}): PendingJob[] {
  const prefix = filter.idPrefix ?? '';
  return [...jobs]
    .filter((job) => (!filter.names || filter.names.includes(job.name)) && job.id.startsWith(prefix))
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id.localeCompare(b.id));
}
