// Line charts as PNG: an SVG drawn here, rasterised by resvg with the Inter font shipped through npm.
// System fonts are never loaded, so the text looks the same on every machine (and in a bare container).
import { createRequire } from 'node:module';
import type { Resvg as ResvgClass } from '@resvg/resvg-js';
import type { Lang } from '../i18n/index.js';
import { formatNumber } from './format.js';
import type { Chart } from './reply.js';

export interface LineSeries {
  label: string;
  /** A `#rrggbb` colour; the line and its legend swatch are drawn in exactly this colour. */
  color: string;
  /** One value per day of the chart; null where the series has no value (e.g. days not begun). */
  values: readonly (number | null)[];
  dashed?: boolean;
  /** Written beside the last point of the line, e.g. the count so far. */
  endLabel?: string;
}

export interface LineChartSpec {
  title: string;
  subtitle?: string;
  fileName: string;
  /** The x axis: local calendar days, `YYYY-MM-DD`, one per value of each series. */
  days: readonly string[];
  /** In legend order; the first series is drawn last, on top of the others. */
  series: readonly LineSeries[];
  /** Short month names, January first, for the ticks. */
  monthNames: readonly string[];
  lang: Lang;
  /** A badge in the top right corner, e.g. that the chart was drawn from demo data. */
  stamp?: string;
}

export const CHART_WIDTH = 1200;
export const CHART_HEIGHT = 675;
export const TEXT_COLOR = '#1a1a1a';
const MUTED = '#5f6368';
const GRID = '#e3e5e8';
const AXIS = '#9aa0a6';
const FONT = 'Inter';

/** Where the plot sits inside the image; the title band is above `top`, end labels right of `right`. */
export const PLOT = { left: 96, right: 1070, top: 150, bottom: 610 } as const;

const require = createRequire(import.meta.url);
const FONT_FILES = [
  require.resolve('@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf'),
  require.resolve('@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf'),
];

/**
 * A chart whose spec is made when a renderer first needs the bytes: most replies are read in the chat without
 * the image (a private Slack reply names the chart, only a shared one uploads it), and working out the
 * lines, drawing and rasterising are the costliest parts of a reply. `title` must be the spec's.
 */
export function lazyLineChart(title: string, fileName: string, spec: () => LineChartSpec): Chart {
  let png: Uint8Array | undefined;
  return {
    title,
    fileName,
    get png() {
      png ??= rasterise(lineChartSvg(spec()));
      return png;
    },
  };
}

// The native rasteriser is required on the first image, not on import: most replies that draw a chart
// never rasterise it, and most commands draw none.
let Resvg: typeof ResvgClass | undefined;

/** PNG bytes of an SVG, with only the bundled Inter font available. */
export function rasterise(svg: string): Uint8Array {
  Resvg ??= (require('@resvg/resvg-js') as typeof import('@resvg/resvg-js')).Resvg;
  const resvg = new Resvg(svg, {
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT },
    background: '#ffffff',
    fitTo: { mode: 'original' },
  });
  return new Uint8Array(resvg.render().asPng());
}

export function lineChartSvg(spec: LineChartSpec): string {
  const { days, series, lang } = spec;
  const plotWidth = PLOT.right - PLOT.left;
  const plotHeight = PLOT.bottom - PLOT.top;
  const max = Math.max(1, ...series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const { step, top } = niceScale(max);
  const x = (index: number) => PLOT.left + (days.length > 1 ? (index / (days.length - 1)) * plotWidth : 0);
  const y = (value: number) => PLOT.bottom - (value / top) * plotHeight;

  const parts: string[] = [];
  parts.push(text(40, 52, spec.title, { size: 28, weight: 700, color: TEXT_COLOR }));
  if (spec.subtitle) parts.push(text(40, 84, spec.subtitle, { size: 17, color: MUTED }));
  parts.push(legend(series, 40, 122));
  if (spec.stamp) parts.push(stamp(spec.stamp));

  // Horizontal grid lines with their values.
  for (let value = 0; value <= top + 1e-9; value += step) {
    const gy = round(y(value));
    parts.push(`<line x1="${PLOT.left}" y1="${gy}" x2="${PLOT.right}" y2="${gy}" stroke="${value === 0 ? AXIS : GRID}" stroke-width="1"/>`);
    parts.push(text(PLOT.left - 12, gy + 5, formatNumber(value, lang), { size: 15, color: MUTED, anchor: 'end' }));
  }

  // Month ticks at the first of each month; the name sits in the middle of its month.
  const monthStarts = days.flatMap((day, index) => (day.endsWith('-01') ? [index] : []));
  monthStarts.forEach((start, i) => {
    const tx = round(x(start));
    parts.push(`<line x1="${tx}" y1="${PLOT.bottom}" x2="${tx}" y2="${PLOT.bottom + 8}" stroke="${AXIS}" stroke-width="1"/>`);
    const end = monthStarts[i + 1] ?? days.length - 1;
    const month = Number(days[start]!.slice(5, 7));
    const name = spec.monthNames[month - 1] ?? String(month);
    parts.push(text(round((x(start) + x(end)) / 2), PLOT.bottom + 30, name, { size: 15, color: MUTED, anchor: 'middle' }));
  });

  for (const s of [...series].reverse()) {
    const d = linePath(s.values, x, y);
    if (d === '') continue;
    const dash = s.dashed ? ' stroke-dasharray="12 8"' : '';
    parts.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="4" stroke-linejoin="round" stroke-linecap="round"${dash}/>`);
  }
  const labels = series.flatMap((s) => {
    const last = lastIndex(s.values);
    if (s.endLabel === undefined || last < 0) return [];
    return [{ series: s, x: x(last), y: y(s.values[last]!) }];
  });
  for (const label of labels) parts.push(`<circle cx="${round(label.x)}" cy="${round(label.y)}" r="6" fill="${label.series.color}"/>`);
  // Labels sit right of their point; ones that would overlap are pushed apart vertically.
  const placed: { x: number; y: number }[] = [];
  for (const label of [...labels].sort((a, b) => a.y - b.y)) {
    let ly = label.y + 6;
    for (const other of placed) if (Math.abs(other.x - label.x) < 160 && ly - other.y < 22) ly = other.y + 22;
    placed.push({ x: label.x, y: ly });
    parts.push(text(round(label.x + 12), round(ly), label.series.endLabel!, { size: 17, weight: 700, color: label.series.color, halo: true }));
  }

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}">`,
    `<rect width="${CHART_WIDTH}" height="${CHART_HEIGHT}" fill="#ffffff"/>`,
    ...parts,
    '</svg>',
  ].join('\n');
}

/** A round step (1, 2, 2.5 or 5 × 10ⁿ, at least 1) giving about five grid lines, and the top of the axis. */
export function niceScale(max: number): { step: number; top: number } {
  const raw = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude);
  return { step, top: Math.ceil(max / step) * step };
}

const STAMP_COLOR = '#c0392b';

/** A red outlined badge at the right of the legend row, clear of the title, the lines and their labels. */
function stamp(label: string): string {
  // Inter bold at 18 px averages about 11 px a character.
  const width = Math.ceil([...label].length * 11.2) + 32;
  const x = CHART_WIDTH - 32 - width;
  return [
    `<rect x="${x}" y="98" width="${width}" height="36" rx="6" fill="#fdecea" stroke="${STAMP_COLOR}" stroke-width="3"/>`,
    text(x + width / 2, 123, label, { size: 18, weight: 700, color: STAMP_COLOR, anchor: 'middle' }),
  ].join('\n');
}

function legend(series: readonly LineSeries[], left: number, baseline: number): string {
  const out: string[] = [];
  let cursor = left;
  for (const s of series) {
    const dash = s.dashed ? ' stroke-dasharray="8 5"' : '';
    out.push(`<line x1="${cursor}" y1="${baseline - 6}" x2="${cursor + 32}" y2="${baseline - 6}" stroke="${s.color}" stroke-width="6"${dash}/>`);
    out.push(text(cursor + 42, baseline, s.label, { size: 17, color: TEXT_COLOR }));
    // Inter at 17 px averages a little under 9 px a character; the gap absorbs the rest.
    cursor += 42 + Math.ceil([...s.label].length * 9.2) + 36;
  }
  return out.join('\n');
}

/** An SVG path through the non-null values; a null breaks the line. */
function linePath(values: readonly (number | null)[], x: (i: number) => number, y: (v: number) => number): string {
  let d = '';
  let pen = false;
  values.forEach((value, index) => {
    if (value === null) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${round(x(index))} ${round(y(value))}`;
    pen = true;
  });
  return d;
}

function lastIndex(values: readonly (number | null)[]): number {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null) return i;
  return -1;
}

interface TextStyle {
  size: number;
  color: string;
  weight?: 400 | 700;
  anchor?: 'start' | 'middle' | 'end';
  /** A white outline under the glyphs, so a label stays readable where it crosses a line. */
  halo?: boolean;
}

function text(x: number, y: number, content: string, style: TextStyle): string {
  const anchor = style.anchor && style.anchor !== 'start' ? ` text-anchor="${style.anchor}"` : '';
  const head = `<text x="${x}" y="${y}" font-family="${FONT}" font-size="${style.size}" font-weight="${style.weight ?? 400}"${anchor}`;
  const body = `${escapeXml(content)}</text>`;
  const fill = `${head} fill="${style.color}">${body}`;
  return style.halo ? `${head} fill="#ffffff" stroke="#ffffff" stroke-width="6" stroke-linejoin="round">${body}\n${fill}` : fill;
}

export function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const round = (n: number): number => Math.round(n * 10) / 10;
