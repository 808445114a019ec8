// What a job is: a name, a zod schema for its data (checked when enqueued and again when processed), how
// often it is tried, and a processor. Jobs live one per file in jobs/ and get their collaborators here.
import type { z } from 'zod';
import type { DetailScope } from '../domain/policy.js';
import type { MunicipalityIndex } from '../domain/municipalities.js';
import type { Lang } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { PlatformName, Poster } from '../platforms/poster.js';
import type { Reply } from '../render/reply.js';
import type { Db } from '../store/db.js';

export interface EnqueueOptions {
  /** A deterministic id: enqueueing an id that is still known to the queue does nothing. */
  jobId?: string;
  delayMs?: number;
}

export type Enqueue = (jobName: string, data: unknown, options?: EnqueueOptions) => Promise<void>;

/** Enqueues many jobs of one kind at once (one round trip on Redis); each is checked like `Enqueue`. */
export type EnqueueMany = (jobName: string, items: readonly { data: unknown; jobId?: string }[]) => Promise<void>;

export type QueueMode = 'bullmq' | 'single-process';

/** A job that has not started: waiting for a worker, or delayed (its first attempt or a retry). */
export interface PendingJob {
  name: string;
  id: string;
  state: 'waiting' | 'delayed';
  /** When it runs (or ran) due: its delay's end, or when it was added. */
  dueAt: Date;
}

export interface PendingFilter {
  /** Only jobs of these names; absent: every job the queue knows. */
  names?: readonly string[];
  /** Only ids that start with this. */
  idPrefix?: string;
}

/**
 * What a job may ask of the queue besides adding jobs: which have not started, and removing one of them.
 * A queue that cannot be reached makes both fail (the caller logs or retries); nothing is swallowed.
 */
export interface QueueControl {
  readonly mode: QueueMode;
  pending(filter?: PendingFilter): Promise<PendingJob[]>;
  /** Removes a job that has not started; false when it is unknown, running or finished. */
  remove(jobName: string, jobId: string): Promise<boolean>;
}

/** What the digest of one subscription is built from (src/digest/build.ts takes this shape). */
export interface DigestInput {
  /** CBS code; null is the whole country. */
  municipalityCode: string | null;
  /** The subscription's previous digest; absent for its first one. */
  since?: Date;
  /** The subscription's first digest: it says so. */
  first?: boolean;
  at: Date;
  lang: Lang;
  /** What the channel's least-entitled member may see; absent: a partner without rights. */
  scope?: DetailScope;
}

export type BuildDigest = (db: Db, municipalities: MunicipalityIndex, input: DigestInput) => Promise<Reply>;

/** Counters the jobs report to; the metrics endpoint implements it. */
export interface JobMetrics {
  job(name: string, outcome: 'completed' | 'failed' | 'retried'): void;
  post(platform: PlatformName, outcome: 'posted' | 'failed'): void;
}

/** The collaborators every job may use, built by the composition root. */
export interface JobServices {
  db: Db;
  municipalities: MunicipalityIndex;
  logger: Logger;
  posters: Partial<Record<PlatformName, Poster>>;
  /** `platform:channel` where notices for the programme office go, when configured. */
  programmeChannel?: string;
  /** `STALE_AFTER_DAYS`; 7 when absent. */
  staleAfterDays?: number;
  /** `REPEAT_WINDOW_DAYS`; 90 when absent. */
  repeatWindowDays?: number;
  buildDigest: BuildDigest;
  enqueue: Enqueue;
  /** When absent, callers enqueue one by one. */
  enqueueMany?: EnqueueMany;
  /** The queue the job runs on, to see and remove pending jobs; absent in tests that give none. */
  queue?: QueueControl;
  now: () => Date;
  metrics?: JobMetrics;
}

export interface JobContext {
  services: JobServices;
  logger: Logger;
  jobId: string;
  /** 1 for the first attempt. */
  attempt: number;
  maxAttempts: number;
}

export interface JobDefinition<Schema extends z.ZodType = z.ZodType> {
  name: string;
  schema: Schema;
  /** Attempts in all, the first included. */
  attempts: number;
  /** Delay before the first retry; each later retry waits twice as long. */
  backoffMs: number;
  /** How long a finished job's id stays known, so enqueueing it again in that time does nothing. */
  keepFinishedSeconds: number;
  /**
   * At most `max` of these jobs start in any `perMs`, over all workers together: pacing below a platform's
   * rate limit is faster than bursting into its 429s and waiting out each Retry-After.
   */
  rateLimit?: { max: number; perMs: number };
  /** When the clock (src/queue/clock.ts) enqueues this job by itself; absent: only when asked. */
  schedule?: JobSchedule<z.input<Schema>>;
  process(data: z.infer<Schema>, ctx: JobContext): Promise<void>;
}

/** What made the clock enqueue a scheduled job: its cron or interval, the worker starting, the shared queue back. */
export type ScheduleTrigger = 'schedule' | 'start' | 'back';

/** A cron pattern in Europe/Amsterdam, or an interval aligned to the epoch so that replicas tick together. */
export type Cadence = { cron: string; everyMs?: never } | { everyMs: number; cron?: never };

export type JobSchedule<Data> = Cadence & {
  /** Also once when the worker starts: catches up what downtime or a lost single-process queue missed. */
  atStart?: boolean;
  /** Also when the shared queue answers again after an outage, or came back empty. */
  whenQueueBack?: boolean;
  /**
   * The job for a tick at `at` (for the cron and the interval, the moment it was due): its data and a
   * deterministic id, so N replicas ticking together add one job. BullMQ rejects most `:` in ids.
   */
  job(at: Date, trigger: ScheduleTrigger): { data: Data; jobId: string };
};

/** Helps TypeScript infer the data type from the schema. */
export function defineJob<Schema extends z.ZodType>(definition: JobDefinition<Schema>): JobDefinition<Schema> {
  return definition;
}

/** Job data that does not match its schema: never retried, since retrying cannot fix it. */
export class InvalidJobDataError extends Error {
  constructor(jobName: string, issues: string) {
    super(`ongeldige gegevens voor taak ${jobName}: ${issues}`);
    this.name = 'InvalidJobDataError';
  }
}

export function parseJobData<Schema extends z.ZodType>(job: JobDefinition<Schema>, data: unknown): z.infer<Schema> {
  const result = job.schema.safeParse(data);
  if (!result.success) {
    throw new InvalidJobDataError(job.name, result.error.issues.map((i) => `${i.path.join('.') || '(data)'}: ${i.message}`).join('; '));
  }
  return result.data;
}

export function findJob(jobs: readonly JobDefinition[], name: string): JobDefinition {
  const job = jobs.find((j) => j.name === name);
  if (!job) throw new Error(`onbekende taak ${name}`);
  return job;
}

/** The delay before attempt `attempt + 1`, after attempt `attempt` failed. */
export function backoffDelay(job: JobDefinition, attempt: number): number {
  return job.backoffMs * 2 ** (attempt - 1);
}
