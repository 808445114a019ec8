// The target chart: this year's cumulative count against the baseline year and the target path.
import { cumulativePaths, type CumulativePaths, type TargetProgress, type TargetProgressInput } from '../domain/target-progress.js';
import { translator, type Lang } from '../i18n/index.js';
import { lazyLineChart, lineChartSvg, type LineChartSpec } from './chart.js';
import { formatDate, formatNumber } from './format.js';
import type { Chart } from './reply.js';

export const SERIES_COLORS = {
  actual: '#1a56db',
  baseline: '#8d949e',
  targetPath: '#e8590c',
} as const;

export function targetChartSpec(paths: CumulativePaths, progress: TargetProgress, lang: Lang, fileName: string, demo = false): LineChartSpec {
  const t = translator(lang);
  const { year, baselineYear: baseline, reductionPercent: pct } = progress.target;
  const n = (value: number) => formatNumber(value, lang);
  return {
    title: targetChartTitle(progress, lang),
    subtitle: progress.yearComplete
      ? t('chart.subtitleFinal', { year, baseline, pct: n(pct) })
      : t('chart.subtitle', { date: formatDate(progress.asOf, lang), baseline, pct: n(pct) }),
    fileName,
    days: paths.days,
    series: [
      { label: t('chart.actual', { year }), color: SERIES_COLORS.actual, values: paths.actual, endLabel: n(progress.yearToDate) },
      { label: t('chart.baseline', { baseline }), color: SERIES_COLORS.baseline, values: paths.baseline },
      {
        label: t('chart.targetPath', { pct: n(pct) }),
        color: SERIES_COLORS.targetPath,
        values: paths.targetPath,
        dashed: true,
        endLabel: t('chart.capLabel', { cap: n(progress.cap) }),
      },
    ],
    monthNames: t('chart.months').split(','),
    lang,
    ...(demo ? { stamp: t('chart.demoStamp') } : {}),
  };
}

/** The target chart of `input`, its day-by-day lines worked out only when the image is drawn; `demo`: drawn from demo data, which the image then says. */
export function lazyTargetChart(input: TargetProgressInput, progress: TargetProgress, lang: Lang, fileName: string, demo = false): Chart {
  return lazyLineChart(targetChartTitle(progress, lang), fileName, () => targetChartSpec(cumulativePaths(input), progress, lang, fileName, demo));
}

function targetChartTitle(progress: TargetProgress, lang: Lang): string {
  return translator(lang)('chart.title', { year: progress.target.year });
}

export function targetChartSvg(paths: CumulativePaths, progress: TargetProgress, lang: Lang): string {
  return lineChartSvg(targetChartSpec(paths, progress, lang, 'chart.png'));
}
