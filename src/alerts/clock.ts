// When alerts are looked for: right after a chat report, a withdrawal or an API request stored something
// (a nudge: one fan-out at the next whole second, shared by every store in that second), and every few
// seconds whatever stored it (an import from the command line, a nudge that could not be enqueued): the
// fan-out job's schedule. Both only enqueue, with ids per moment, so N replicas add one job.
import type { Logger } from '../logger.js';
import type { Enqueue } from '../queue/job.js';

export const ALERT_FANOUT_JOB = 'alert-fanout';
export const ALERT_SWEEP_EVERY_MS = 5_000;

/** The fan-out for moment `at` (ms): its data and an id that every replica derives alike. */
export function alertFanoutJob(at: number): { data: { tick: string }; jobId: string } {
  return { data: { tick: new Date(at).toISOString() }, jobId: `alert-fanout-${at}` };
}

/** Something was stored: look for alerts at the next whole second. Never throws; the sweep covers a failure. */
export function nudgeAlerts(enqueue: Enqueue | undefined, logger?: Logger, now = Date.now()): void {
  if (!enqueue) return;
  const at = Math.floor(now / 1000) * 1000 + 1000;
  const { data, jobId } = alertFanoutJob(at);
  void enqueue(ALERT_FANOUT_JOB, data, { jobId, delayMs: at - now }).catch((error: unknown) => logger?.warn({ err: error }, 'alert fan-out could not be enqueued; the sweep follows'));
}
