// nl-NL / en-GB formatting of numbers, percentages and Amsterdam dates; the one place replies format values.
import { DateTime } from 'luxon';
import { addLocal, isLocalMidnight, localParts, type LocalParts } from '../domain/local-time.js';
import { MONTHS_EN, MONTHS_NL } from '../domain/period.js';
import { TIME_ZONE } from '../domain/types.js';
import type { Lang } from '../i18n/index.js';

const LOCALES: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB' };

// Making an Intl.NumberFormat costs far more than formatting with one, and a reply formats dozens of numbers.
type Style = 'decimal' | 'percent';
const formatters: Record<Lang, Record<Style, Intl.NumberFormat[]>> = { nl: { decimal: [], percent: [] }, en: { decimal: [], percent: [] } };

function numberFormat(lang: Lang, style: Style, fractionDigits: number): Intl.NumberFormat {
  const made = formatters[lang][style];
  return (made[fractionDigits] ??= new Intl.NumberFormat(LOCALES[lang], { style, minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }));
}

/** Whole counts below this are formatted once per language: most counts in a reply are small. */
const SMALL_COUNTS = 1000;
const smallCounts: Record<Lang, string[]> = { nl: [], en: [] };

export function formatNumber(value: number, lang: Lang, fractionDigits = 0): string {
  // -0 is left to Intl, which writes it as `-0`.
  if (fractionDigits === 0 && Number.isInteger(value) && value >= 0 && value < SMALL_COUNTS && !Object.is(value, -0)) {
    return (smallCounts[lang][value] ??= numberFormat(lang, 'decimal', 0).format(value));
  }
  return numberFormat(lang, 'decimal', fractionDigits).format(value);
}

/** `0.105` → `10,5%` (nl). */
export function formatPercent(fraction: number, lang: Lang, fractionDigits = 1): string {
  return numberFormat(lang, 'percent', fractionDigits).format(fraction);
}

/** A signed change, `+71,3%` or `−4%`; `n.v.t.` style text comes from the caller when there is no base. */
export function formatChange(fraction: number, lang: Lang): string {
  const text = formatPercent(Math.abs(fraction), lang);
  return fraction > 0 ? `+${text}` : fraction < 0 ? `−${text}` : text;
}

const MONTHS: Record<Lang, readonly string[]> = { nl: MONTHS_NL, en: MONTHS_EN };
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const dayText = (p: LocalParts, lang: Lang): string => `${p.day} ${MONTHS[lang][p.month - 1]} ${pad(p.year, 4)}`;

/** `1 maart 2025`, the local date. */
export function formatDate(instant: Date, lang: Lang): string {
  return dayText(localParts(instant), lang);
}

/** `1 maart 2025 14:05`, the local date and time. */
export function formatDateTime(instant: Date, lang: Lang): string {
  const p = localParts(instant);
  return `${dayText(p, lang)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** A local calendar date (`2025-03-01`) as text, without converting time zones. */
export function formatLocalDate(isoDate: string, lang: Lang): string {
  return DateTime.fromISO(isoDate, { zone: TIME_ZONE }).setLocale(LOCALES[lang]).toFormat('d LLLL yyyy');
}

/**
 * The last moment an exclusive end covers, as people say it: `30 juni 2025` when the end is local
 * midnight (the day before is whole), else the date with the time.
 */
export function formatThrough(end: Date, lang: Lang): string {
  if (isLocalMidnight(end)) return formatDate(addLocal(end, { days: -1 }), lang);
  return formatDateTime(end, lang);
}
