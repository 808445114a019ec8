// When no new coverage has arrived for longer than STALE_AFTER_DAYS, the programme office is told once
// (per coverage end, over every worker and restart); the digests say it every day until then.
import { staleDays } from '../domain/coverage.js';
import { translate } from '../i18n/index.js';
import type { JobServices } from '../queue/job.js';
import { notifyProgrammeOffice } from '../queue/notify.js';
import { formatThrough } from '../render/format.js';
import { claimStaleNotice, registerCoverage } from '../store/coverage.js';
import { DEFAULT_STALE_AFTER_DAYS } from './build.js';

/** True when it told the programme office now. */
export async function tellProgrammeOfficeIfStale(services: JobServices, at: Date): Promise<boolean> {
  const limit = services.staleAfterDays ?? DEFAULT_STALE_AFTER_DAYS;
  const stale = staleDays(await registerCoverage(services.db), at, limit);
  if (!stale || !(await claimStaleNotice(services.db, stale.since))) return false;
  const since = formatThrough(stale.since, 'nl');
  await notifyProgrammeOffice(services, translate('nl', 'coverage.staleNoticeTitle'), translate('nl', 'coverage.staleNotice', { since, days: stale.days, limit }));
  services.logger.warn({ coveredTo: stale.since.toISOString(), days: stale.days }, 'register stale: programme office told');
  return true;
}
