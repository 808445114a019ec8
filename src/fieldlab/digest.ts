// What the Field Lab adds to the digest (src/digest/build.ts takes these as `milestones` and
// `overdueCheckIns`): the coming week's milestones, and the milestones still waiting for a check-in.
import { isOverdue, milestoneDueDay, milestonesDueBetween, sortedMilestones } from '../domain/fieldlab.js';
import type { DigestCheckIn, DigestMilestone } from '../domain/digest.js';
import { addCalendarDays, localDate } from '../domain/working-days.js';
import { translator, type Lang } from '../i18n/index.js';
import type { Db } from '../store/db.js';
import { listInterventions } from '../store/interventions.js';
import { milestoneName } from './labels.js';

/** Open milestones of running interventions due from `at`'s local date through the six days after it. */
export async function milestonesInComingWeek(db: Db, at: Date, lang: Lang = 'nl'): Promise<DigestMilestone[]> {
  const t = translator(lang);
  const today = localDate(at);
  const due = milestonesDueBetween(await listInterventions(db), today, addCalendarDays(today, 6), at);
  return due
    .sort((a, b) => a.dueDay.localeCompare(b.dueDay) || a.intervention.name.localeCompare(b.intervention.name))
    .map(({ intervention, milestone, dueDay }) => ({
      title: t('fieldlab.digest.milestone', { milestone: milestoneName(milestone, t), day: milestone.day }),
      dueDay,
      detail: intervention.name,
    }));
}

/** Open milestones of running interventions still unanswered after their due day (snoozed ones and ended interventions excepted). */
export async function overdueCheckIns(db: Db, at: Date, lang: Lang = 'nl'): Promise<DigestCheckIn[]> {
  const t = translator(lang);
  const overdue: (DigestCheckIn & { sortKey: string })[] = [];
  for (const intervention of await listInterventions(db)) {
    for (const milestone of sortedMilestones(intervention.milestones)) {
      if (!isOverdue(intervention, milestone, at)) continue;
      const dueDay = milestoneDueDay(intervention.startDate, milestone.day);
      overdue.push({
        title: t('fieldlab.digest.milestone', { milestone: milestoneName(milestone, t), day: milestone.day }),
        dueDay,
        detail: intervention.name,
        sortKey: `${dueDay} ${intervention.name}`,
      });
    }
  }
  return overdue.sort((a, b) => a.sortKey.localeCompare(b.sortKey)).map(({ sortKey: _, ...item }) => item);
}
