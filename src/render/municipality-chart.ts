// The chart of a digest narrowed to one municipality: its attacks this year against the same days of the
// year before, counted up per day.
import type { MunicipalityPaths } from '../domain/municipality-paths.js';
import { translator, type Lang } from '../i18n/index.js';
import { lazyLineChart, type LineChartSpec } from './chart.js';
import { formatDate, formatNumber } from './format.js';
import type { Chart } from './reply.js';
import { SERIES_COLORS } from './target-chart.js';

export interface MunicipalityChartInput {
  paths: MunicipalityPaths;
  municipality: string;
  year: number;
  asOf: Date;
  lang: Lang;
  fileName: string;
  /** Drawn from demo data: the image says so. */
  demo: boolean;
}

export function municipalityChartSpec(input: MunicipalityChartInput): LineChartSpec {
  const t = translator(input.lang);
  const { paths, year } = input;
  return {
    title: municipalityChartTitle(input),
    subtitle: t('chart.municipalitySubtitle', { date: formatDate(input.asOf, input.lang), previous: year - 1 }),
    fileName: input.fileName,
    days: paths.days,
    series: [
      { label: t('chart.actual', { year }), color: SERIES_COLORS.actual, values: paths.current, endLabel: formatNumber(paths.total, input.lang) },
      { label: t('chart.actual', { year: year - 1 }), color: SERIES_COLORS.baseline, values: paths.previous },
    ],
    monthNames: t('chart.months').split(','),
    lang: input.lang,
    ...(input.demo ? { stamp: t('chart.demoStamp') } : {}),
  };
}

/** The chart with `paths` worked out only when the image is drawn. */
export function municipalityChart(input: Omit<MunicipalityChartInput, 'paths'> & { paths: () => MunicipalityPaths }): Chart {
  return lazyLineChart(municipalityChartTitle(input), input.fileName, () => municipalityChartSpec({ ...input, paths: input.paths() }));
}

function municipalityChartTitle(input: Pick<MunicipalityChartInput, 'municipality' | 'year' | 'lang'>): string {
  return translator(input.lang)('chart.municipalityTitle', { municipality: input.municipality, year: input.year });
}
