// How Field Lab things read: milestone names, day X of 100, who answered, the standing of a milestone.
import {
  dayOfIntervention,
  milestoneDueDay,
  milestoneStanding,
  type Intervention,
  type Milestone,
  type MilestonePlan,
} from '../domain/fieldlab.js';
import type { Lang, Translate } from '../i18n/index.js';
import { formatDateTime, formatLocalDate } from '../render/format.js';
import { userMention } from '../render/mention.js';

export function milestoneName(milestone: Pick<MilestonePlan, 'kind' | 'title'>, t: Translate): string {
  return milestone.kind === 'eigen' ? (milestone.title ?? '') : t(`fieldlab.milestone.${milestone.kind}`);
}

/** `dag 12 van 100`, `start over 3 dagen`, `afgelopen (dag 104)`. */
export function dayLabel(intervention: Pick<Intervention, 'startDate' | 'lengthDays'>, at: Date, t: Translate): string {
  const day = dayOfIntervention(intervention.startDate, at);
  if (day < 0) return t('fieldlab.dayBefore', { days: -day });
  if (day > intervention.lengthDays) return t('fieldlab.dayAfter', { day, length: intervention.lengthDays });
  return t('fieldlab.day', { day, length: intervention.lengthDays });
}

/** `slack:U0123` → a mention of that user, which each renderer shows as a name (src/render/mention.ts). */
export function actorLabel(actor: string): string {
  return userMention(actor);
}

export function dueDateLabel(intervention: Pick<Intervention, 'startDate'>, milestone: Pick<Milestone, 'day'>, lang: Lang): string {
  return formatLocalDate(milestoneDueDay(intervention.startDate, milestone.day), lang);
}

export function standingLabel(intervention: Intervention, milestone: Milestone, at: Date, t: Translate, lang: Lang): string {
  const standing = milestoneStanding(intervention, milestone, at);
  if (standing === 'uitgesteld') return t('fieldlab.standing.uitgesteld', { date: formatDateTime(milestone.snoozedUntil!, lang) });
  return t(`fieldlab.standing.${standing}`);
}
