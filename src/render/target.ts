// Phrases about target progress that the `/ote doel` reply and the digest share.
import type { TargetProgress } from '../domain/target-progress.js';
import type { LaterYear, TargetLoad } from '../figures/target.js';
import type { Lang, Translate } from '../i18n/index.js';
import { changeText } from './figures.js';
import { formatNumber, formatThrough } from './format.js';
import type { Fact } from './reply.js';

type Ctx = { t: Translate; lang: Lang };

/** `Methode: …`, naming both numbers when the register's shape is scaled to the published total. */
export function methodText(p: TargetProgress, { t, lang }: Ctx): string {
  return t(`method.${p.method}`, {
    baseline: p.target.baselineYear,
    rows: formatNumber(p.baselineRegisterCount ?? 0, lang),
    published: formatNumber(p.baselineTotal, lang),
  });
}

/** `doel gehaald` / `doel niet gehaald`, for a year whose figures are complete. */
export function finalVerdict(p: TargetProgress, { t }: Ctx): string {
  return t(p.yearToDate <= p.cap ? 'doel.verdictMet' : 'doel.verdictMissed');
}

/** `Eindstand 2025: 1.331, doel gehaald`. */
export function finalText(p: TargetProgress, ctx: Ctx): string {
  return ctx.t('doel.final', { year: p.target.year, total: formatNumber(p.yearToDate, ctx.lang), verdict: finalVerdict(p, ctx) });
}

export function laterYearFact(later: LaterYear, ctx: Ctx): Fact {
  const n = (value: number) => formatNumber(value, ctx.lang);
  return {
    label: ctx.t('doel.laterYear', { year: later.year, through: formatThrough(later.standsOn, ctx.lang) }),
    value: ctx.t('doel.laterYearValue', {
      count: `*${n(later.count)}*`,
      previousYear: later.year - 1,
      previous: n(later.previous),
      change: changeText(later.change, ctx),
    }),
  };
}

/** The sentence that stands in for a status when there is none to give; null when there is a status. */
export function noStatusText(load: TargetLoad, ctx: Ctx): string | null {
  const { t } = ctx;
  switch (load.kind) {
    case 'progress':
      return null;
    case 'no-target':
      return t('doel.noTarget');
    case 'not-started':
      return t('doel.notStarted', { year: load.target.year, baseline: load.target.baselineYear });
    case 'no-baseline':
      return t('doel.noBaseline', { baseline: load.target.baselineYear });
    case 'no-coverage':
      return load.coveredTo
        ? t('doel.noCoverage', { year: load.target.year, through: formatThrough(load.coveredTo, ctx.lang) })
        : t('doel.noCoverageAtAll', { year: load.target.year });
  }
}

/** Context lines about what the figures stand on: through coverage, or a year over but not yet complete. */
export function standingNotes(p: TargetProgress, ctx: Ctx): string[] {
  const through = formatThrough(p.standsOn, ctx.lang);
  if (p.yearOver && !p.yearComplete) return [ctx.t('doel.yearOverIncomplete', { year: p.target.year, through })];
  if (p.standsOn < p.asOf && !p.yearComplete) return [ctx.t('coverage.through', { through })];
  return [];
}
