// When alerts are looked for: right after a chat report, a withdrawal or an API request stored something
// (a nudge: one fan-out at the next whole second, shared by every store in that second), and every few
// seconds whatever stored it (an import from the command line, a nudge that could not be enqueued). Both
// only enqueue, with ids per moment, so N replicas add one job.
import type { Logger } from '../logger.js';
import type { Part } from '../main.js';
import { cronTask } from '../queue/cron-task.js';
import type { Enqueue } from '../queue/job.js';

export const ALERT_FANOUT_JOB = 'alert-fanout';
export const ALERT_SWEEP_EVERY_MS = 5_000;
const ALERT_SWEEP_CRON = '*/5 * * * * *';

function enqueueAt(enqueue: Enqueue, at: number, delayMs: number): Promise<void> {
  return enqueue(ALERT_FANOUT_JOB, { tick: new Date(at).toISOString() }, { jobId: `alert-fanout-${at}`, ...(delayMs > 0 ? { delayMs } : {}) });
}

/** Something was stored: look for alerts at the next whole second. Never throws; the sweep covers a failure. */
export function nudgeAlerts(enqueue: Enqueue | undefined, logger?: Logger, now = Date.now()): void {
  if (!enqueue) return;
  const at = Math.floor(now / 1000) * 1000 + 1000;
  void enqueueAt(enqueue, at, at - now).catch((error: unknown) => logger?.warn({ err: error }, 'alert fan-out could not be enqueued; the sweep follows'));
}

export function alertClockPart(enqueue: Enqueue, logger: Logger): Part {
  const tick = async (date: Date) => {
    const at = Math.floor(date.getTime() / ALERT_SWEEP_EVERY_MS) * ALERT_SWEEP_EVERY_MS;
    await enqueueAt(enqueue, at, 0).catch((error: unknown) => logger.error({ err: error }, 'alert sweep could not be enqueued'));
  };
  const task = cronTask({ name: 'ote-alert-clock', pattern: ALERT_SWEEP_CRON, atStart: () => tick(new Date()), onTick: tick });
  return { name: 'alert-clock', start: task.start, stop: task.stop };
}
