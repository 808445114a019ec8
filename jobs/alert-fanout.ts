// Looks for alerts to send: each active alert subscription's incidents not yet alerted (stored since it
// subscribed, within 48 hours of happening) that its channel's audience may see are claimed, one alert per
// incident and one summary per bulk import; then every claimed alert not yet posted is enqueued as an
// alert-post job and every posted alert whose incident changed since as an alert-edit job. Safe to run
// twice at once: claims take turns per subscription and the job ids match.
import { z } from 'zod';
import { visibleCandidates } from '../src/alerts/audience-scope.js';
import { alertEditId, alertPostId } from '../src/alerts/build.js';
import { ALERT_FANOUT_JOB, ALERT_SWEEP_EVERY_MS, alertFanoutJob } from '../src/alerts/clock.js';
import { DEFAULT_REPEAT_WINDOW_DAYS } from '../src/domain/repeats.js';
import { defineJob, type JobServices } from '../src/queue/job.js';
import { alertCandidates, claimAlerts, staleAlerts, waitingAlerts } from '../src/store/alerts.js';

export const alertFanout = defineJob({
  name: ALERT_FANOUT_JOB,
  schema: z.object({ tick: z.iso.datetime({ offset: true }) }),
  attempts: 3,
  backoffMs: 2_000,
  keepFinishedSeconds: 600,
  schedule: { everyMs: ALERT_SWEEP_EVERY_MS, atStart: true, job: (at) => alertFanoutJob(Math.floor(at.getTime() / ALERT_SWEEP_EVERY_MS) * ALERT_SWEEP_EVERY_MS) },
  async process(_data, ctx) {
    const { db } = ctx.services;
    const claimed = await claimNewAlerts(ctx.services);
    const [waiting, stale] = await Promise.all([waitingAlerts(db), staleAlerts(db, ctx.services.repeatWindowDays ?? DEFAULT_REPEAT_WINDOW_DAYS)]);
    await enqueueAll(ctx.services, 'alert-post', waiting.map((key) => ({ data: key, jobId: alertPostId(key) })));
    await enqueueAll(ctx.services, 'alert-edit', stale.map((s) => ({ data: s, jobId: alertEditId(s, s.version, s.areaChangedAt) })));
    if (claimed > 0 || stale.length > 0) ctx.logger.info({ claimed, waiting: waiting.length, edits: stale.length }, 'alerts enqueued');
  },
});

async function claimNewAlerts(services: JobServices): Promise<number> {
  const { db, posters } = services;
  const candidates = await alertCandidates(db, services.now());
  if (candidates.length === 0) return 0;
  let claimed = 0;
  for (const [id, visible] of await visibleCandidates(db, posters, candidates)) {
    const imported = visible.filter((c) => c.source === 'import');
    // One imported row is an alert of its own; more are one summary.
    const summarised = imported.length > 1 ? imported : [];
    const single = visible.filter((c) => !summarised.includes(c));
    claimed += (await db.transaction((tx) => claimAlerts(tx, id, single.map((c) => c.reference), summarised.map((c) => c.reference)))).length;
  }
  return claimed;
}

async function enqueueAll(services: JobServices, name: string, items: { data: unknown; jobId: string }[]): Promise<void> {
  if (items.length === 0) return;
  if (services.enqueueMany) await services.enqueueMany(name, items);
  else for (const item of items) await services.enqueue(name, item.data, { jobId: item.jobId });
}
