// Small phrases the figures replies share.
import { coverageText } from '../figures/coverage.js';
import type { PeriodFigures } from '../figures/period.js';
import type { Lang, Translate } from '../i18n/index.js';
import { formatChange, formatNumber } from './format.js';
import type { Block } from './reply.js';

type Ctx = { lang: Lang; t: Translate };

export function changeText(change: number | null, ctx: Ctx): string {
  return change === null ? ctx.t('figures.noComparison') : ctx.t('figures.change', { change: formatChange(change, ctx.lang) });
}

/** The same period a year earlier: the register's count, the published figure (labelled), or why there is none. */
export function previousText(figures: PeriodFigures, ctx: Ctx): string {
  const previous = figures.previousFigure;
  if (previous.kind === 'unknown') return ctx.t('figures.notCovered', { period: figures.previous.label[ctx.lang] });
  const count = formatNumber(previous.count, ctx.lang);
  const shown = previous.kind === 'published' ? ctx.t('figures.published', { count }) : count;
  return `${shown} (${changeText(figures.change, ctx)})`;
}

/** Context lines of a period reply: through when the register is complete, and a leap day compared with 28 February. */
export function periodNotes(figures: PeriodFigures, ctx: Ctx): Block[] {
  const notes: Block[] = [];
  const coverage = coverageText(figures.coverage, figures.period.start, figures.period.end, ctx);
  if (coverage) notes.push({ kind: 'context', text: coverage });
  if (figures.leapDay) notes.push({ kind: 'context', text: ctx.t('figures.leapDay', { year: Number(figures.previous.firstDay.slice(0, 4)) }) });
  return notes;
}
