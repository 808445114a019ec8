import { describe, expect, it } from 'vitest';
import { localInstant } from '../../src/domain/local-time.js';
import { cumulativePaths, targetProgress, type TargetProgressInput } from '../../src/domain/target-progress.js';
import type { CountedIncident } from '../../src/domain/types.js';
import { CHART_HEIGHT, CHART_WIDTH, PLOT, TEXT_COLOR, lazyLineChart, lineChartSvg, niceScale, type LineChartSpec } from '../../src/render/chart.js';
import { SERIES_COLORS, lazyTargetChart, targetChartSpec, targetChartSvg } from '../../src/render/target-chart.js';
import { PNG_SIGNATURE, countPixels, decodePng, hexColor, readIhdr } from './png.js';

function spread(year: number, count: number, until?: Date): CountedIncident[] {
  const out: CountedIncident[] = [];
  for (let i = 0; i < count; i++) {
    const occurredAt = localInstant(year, 1, 1 + Math.floor((i * 365) / count), 3);
    if (!until || occurredAt < until) out.push({ occurredAt, municipalityCode: 'GM0363', target: 'woning', outcome: 'explosie', means: 'vuurwerk' });
  }
  return out;
}

const asOf = localInstant(2026, 11, 27, 8);
const input: TargetProgressInput = {
  target: { year: 2026, baselineYear: 2025, reductionPercent: 10 },
  asOf,
  currentYear: spread(2026, 1200, asOf),
  baseline: { kind: 'register', incidents: spread(2025, 1330) },
};
const progress = targetProgress(input);
const paths = cumulativePaths(input);
/** A chart of a spec made beforehand, lines and all. */
const chartOf = (spec: LineChartSpec) => lazyLineChart(spec.title, spec.fileName, () => spec);
const targetChart = (p: typeof paths, lang: 'nl' | 'en' = 'nl', demo = false) => chartOf(targetChartSpec(p, targetProgress(input), lang, 'overzicht-2026-11-27.png', demo));
const chart = targetChart(paths);

const exactly = (hex: string) => {
  const [r0, g0, b0] = hexColor(hex);
  return (r: number, g: number, b: number) => r === r0 && g === g0 && b === b0;
};
const plotBox = { left: PLOT.left, top: PLOT.top, right: PLOT.right, bottom: PLOT.bottom };

describe('target chart', () => {
  it('is a real PNG of the chart size', () => {
    expect([...chart.png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(readIhdr(chart.png)).toMatchObject({ width: CHART_WIDTH, height: CHART_HEIGHT });
    expect(chart.fileName).toBe('overzicht-2026-11-27.png');
    expect(chart.title).toBe('Aanslagen 2026, opgeteld per dag');
  });

  it('draws the three series in their own colours inside the plot', () => {
    const image = decodePng(chart.png);
    for (const color of Object.values(SERIES_COLORS)) {
      expect(countPixels(image, plotBox, exactly(color)), color).toBeGreaterThan(100);
    }
  });

  it('renders text with the bundled font (no system fonts are loaded)', () => {
    const image = decodePng(chart.png);
    const [r0, g0, b0] = hexColor(TEXT_COLOR);
    const near = (r: number, g: number, b: number) => Math.abs(r - r0) + Math.abs(g - g0) + Math.abs(b - b0) < 30;
    // The title band, and the month labels under the plot.
    expect(countPixels(image, { left: 30, top: 20, right: 700, bottom: 62 }, near)).toBeGreaterThan(500);
    const muted = (r: number, g: number, b: number) => r < 140 && g < 140 && b < 140;
    expect(countPixels(image, { left: PLOT.left, top: PLOT.bottom + 14, right: PLOT.right, bottom: PLOT.bottom + 40 }, muted)).toBeGreaterThan(200);
  });

  it('is byte for byte the same for the same input', () => {
    const again = targetChart(cumulativePaths(input));
    expect(Buffer.from(again.png).equals(Buffer.from(chart.png))).toBe(true);
  });

  it('is the same chart when its lines are worked out only for the image', () => {
    for (const lang of ['nl', 'en'] as const) {
      const lazy = lazyTargetChart(input, progress, lang, 'overzicht-2026-11-27.png', true);
      const eager = targetChart(paths, lang, true);
      expect({ title: lazy.title, fileName: lazy.fileName }).toEqual({ title: eager.title, fileName: eager.fileName });
      expect(Buffer.from(lazy.png).equals(Buffer.from(eager.png))).toBe(true);
    }
  });

  it('writes Dutch month names and nl-NL numbers, English on request', () => {
    const nl = targetChartSvg(paths, progress, 'nl');
    expect(nl).toContain('>mrt<');
    expect(nl).toContain('>okt<');
    expect(nl).toContain('>1.500<');
    expect(nl).toContain(`>max. ${new Intl.NumberFormat('nl-NL').format(progress.cap)}<`);
    expect(nl).toContain('Stand 27 november 2026');
    const en = targetChartSvg(paths, progress, 'en');
    expect(en).toContain('>Mar<');
    expect(en).toContain('>1,500<');
  });

  it('stops the actual line at the moment of the chart', () => {
    const svg = targetChartSvg(paths, progress, 'nl');
    const actualPath = new RegExp(`<path d="([^"]+)"[^>]*stroke="${SERIES_COLORS.actual}"`).exec(svg)?.[1] ?? '';
    // 1 January to 27 November: 331 days, one point each.
    expect(actualPath.match(/[ML]/g)?.length).toBe(331);
  });
});

describe('line chart', () => {
  const spec: LineChartSpec = {
    title: 'Aanslagen & <pogingen> "test"',
    fileName: 'x.png',
    days: ['2025-01-30', '2025-01-31', '2025-02-01', '2025-02-02'],
    series: [{ label: 'A', color: '#112233', values: [0, 1, null, 3] }],
    monthNames: 'jan,feb,mrt,apr,mei,jun,jul,aug,sep,okt,nov,dec'.split(','),
    lang: 'nl',
  };

  it('escapes text and breaks the line at missing values', () => {
    const svg = lineChartSvg(spec);
    expect(svg).toContain('Aanslagen &amp; &lt;pogingen&gt; &quot;test&quot;');
    const d = /<path d="([^"]+)"/.exec(svg)?.[1] ?? '';
    expect(d.match(/M/g)?.length).toBe(2);
    expect(chartOf(spec).png.length).toBeGreaterThan(1000);
  });

  it('chooses round grid steps', () => {
    expect(niceScale(1543)).toEqual({ step: 500, top: 2000 });
    expect(niceScale(1330)).toEqual({ step: 500, top: 1500 });
    expect(niceScale(3)).toEqual({ step: 1, top: 3 });
    expect(niceScale(1)).toEqual({ step: 1, top: 1 });
    expect(niceScale(120)).toEqual({ step: 25, top: 125 });
  });
});
