// How a measure's progress, due date and status read.
import { isMeasureLate, progressShare, type Measure } from '../domain/measures.js';
import { hasMessage, type Lang, type Translate } from '../i18n/index.js';
import { formatLocalDate, formatNumber, formatPercent } from '../render/format.js';

/** A measure's name, description, owner or unit in the reply's language, as stored when the catalogue has none. */
export function measureText(measure: Measure, field: 'name' | 'description' | 'owner' | 'unit', t: Translate): string {
  const key = `measureText.${measure.code}.${field}`;
  return hasMessage(key) ? t(key) : (measure[field] ?? '');
}

/** `12 van 50 scholen (24,0%)`, or `–` without a numeric goal. */
export function measureProgressLabel(measure: Measure, lang: Lang, t: Translate): string {
  const share = progressShare(measure);
  if (share === undefined || measure.goal === null) return '–';
  return t('measure.progressValue', {
    progress: formatNumber(measure.progress ?? 0, lang),
    goal: formatNumber(measure.goal, lang),
    unit: measureText(measure, 'unit', t),
    pct: formatPercent(share, lang),
  });
}

export function measureDueLabel(measure: Measure, lang: Lang): string {
  return measure.dueDate ? formatLocalDate(measure.dueDate, lang) : '–';
}

export function measureStatusLabel(measure: Pick<Measure, 'status' | 'dueDate'>, today: string, t: Translate): string {
  const status = t(`measure.status.${measure.status}`);
  return isMeasureLate(measure, today) ? `${status} ${t('measure.late')}` : status;
}
