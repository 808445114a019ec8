// Periods users ask figures for (`2024`, `2025-q1`, `7d`, ...), counted in Amsterdam local time.
import { addLocal, calendarDate, isLeapYear, isLocalMidnight, localDayKey, localInstant, localMonthKey, localParts, type LocalParts } from './local-time.js';

export interface Period {
  /** The token as typed, trimmed and lower case, e.g. `2025-q1`; derived periods get a canonical one. */
  token: string;
  label: { nl: string; en: string };
  /** Inclusive instant: local midnight of the first day. */
  start: Date;
  /** Exclusive instant: local midnight after the last day, or `now` for a period that runs to date. */
  end: Date;
  /** `YYYY-MM-DD`, local. */
  firstDay: string;
  /** `YYYY-MM-DD`, local, inclusive. */
  lastDay: string;
}

type Text = { nl: string; en: string };
export type PeriodResult = { ok: true; period: Period } | { ok: false; reason: Text };

const MIN_YEAR = 2000;
const MAX_YEAR = 2099;
const MAX_DAYS = 366;
const MAX_RANGE_YEARS = 5;

export const MONTHS_NL = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
export const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MON_NL = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];
const MON_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const YEAR = /^(\d{4})$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-q([1-4])$/;
const DAYS = /^(\d{1,3})d$/;
const RANGE = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/;
const DATE = /^(\d{4}-\d{2}-\d{2})$/;
/** YEAR, MONTH, QUARTER, DAYS, RANGE and DATE in one expression, for telling a period from other words. */
const PERIOD_SHAPE = /^(?:\d{4}(?:-(?:0[1-9]|1[0-2])|-q[1-4]|-\d{2}-\d{2}(?:\.\.\d{4}-\d{2}-\d{2})?)?|\d{1,3}d)$/;
const WORDS = ['vandaag', 'gisteren', 'week', 'maand', 'jaar', 'vorige-week', 'vorige-maand', 'vorig-jaar'];

/** Whether the token has the shape of a period; parsePeriod may still refuse its values. */
export function isPeriodToken(token: string): boolean {
  const t = token.trim().toLowerCase();
  return PERIOD_SHAPE.test(t) || WORDS.includes(t);
}

function parseDay(isoDate: string): Date | undefined {
  const date = calendarDate(isoDate);
  return date && localInstant(date.year, date.month, date.day);
}

export function startOfLocalDay(isoDate: string): Date {
  const day = parseDay(isoDate);
  if (!day) throw new RangeError(`not a valid date: ${isoDate}`);
  return day;
}

const isMonthStart = (instant: Date): boolean => isLocalMidnight(instant) && localParts(instant).day === 1;
const same = (a: Date, b: Date): boolean => a.getTime() === b.getTime();

/** Elapsed share of the local year; a local day counts as one day whether it has 23, 24 or 25 hours. */
export function dayOfYearFraction(instant: Date): number {
  const p = localParts(instant);
  const start = localInstant(p.year, p.month, p.day).getTime();
  const dayLength = localInstant(p.year, p.month, p.day + 1).getTime() - start;
  const inDay = (instant.getTime() - start) / dayLength;
  const ordinal = (Date.UTC(p.year, p.month - 1, p.day) - Date.UTC(p.year, 0, 1)) / 86_400_000 + 1;
  return (ordinal - 1 + inDay) / (isLeapYear(p.year) ? 366 : 365);
}

/** The ISO week (Monday to Sunday, week 1 holds the year's first Thursday) of a local day. */
function isoWeek(instant: Date): string {
  const p = localParts(instant);
  const day = Date.UTC(p.year, p.month - 1, p.day);
  const thursday = day + (3 - ((new Date(day).getUTCDay() + 6) % 7)) * 86_400_000;
  const weekYear = new Date(thursday).getUTCFullYear();
  return `week ${1 + Math.floor((thursday - Date.UTC(weekYear, 0, 1)) / (7 * 86_400_000))}, ${weekYear}`;
}

const dayNl = (d: LocalParts): string => `${d.day} ${MONTHS_NL[d.month - 1]} ${d.year}`;
const dayEn = (d: LocalParts): string => `${d.day} ${MONTHS_EN[d.month - 1]} ${d.year}`;

/** `1 jan t/m 31 mrt 2025`; the year is written once when both days share it. */
function rangeLabel(firstDay: Date, lastDay: Date): Text {
  const first = localParts(firstDay);
  const last = localParts(lastDay);
  const nl = (d: LocalParts, year: boolean) => `${d.day} ${MON_NL[d.month - 1]}${year ? ` ${d.year}` : ''}`;
  const en = (d: LocalParts, year: boolean) => `${d.day} ${MON_EN[d.month - 1]}${year ? ` ${d.year}` : ''}`;
  if (first.year === last.year && first.month === last.month && first.day === last.day) return { nl: nl(first, true), en: en(first, true) };
  const sameYear = first.year === last.year;
  return {
    nl: `${nl(first, !sameYear)} t/m ${nl(last, true)}`,
    en: `${en(first, !sameYear)} – ${en(last, true)}`,
  };
}

/** Recognises whole calendar years, quarters and months, for labels and canonical tokens. */
function calendarShape(start: Date, end: Date): { token: string; label: Text } | undefined {
  if (!isMonthStart(start)) return undefined;
  const { year: y, month } = localParts(start);
  if (month === 1 && same(end, addLocal(start, { years: 1 }))) return { token: `${y}`, label: { nl: `${y}`, en: `${y}` } };
  if ((month - 1) % 3 === 0 && same(end, addLocal(start, { months: 3 }))) {
    const q = (month + 2) / 3;
    return { token: `${y}-q${q}`, label: { nl: `${q}e kwartaal ${y}`, en: `Q${q} ${y}` } };
  }
  if (same(end, addLocal(start, { months: 1 }))) {
    return {
      token: localMonthKey(start),
      label: { nl: `${MONTHS_NL[month - 1]} ${y}`, en: `${MONTHS_EN[month - 1]} ${y}` },
    };
  }
  return undefined;
}

/** The last day is the one holding the last instant before `end` (an empty period: its first day). */
const lastInstant = (start: Date, end: Date): Date => (end > start ? new Date(end.getTime() - 1) : start);

function make(token: string, label: Text, start: Date, end: Date): Period {
  return {
    token,
    label,
    start: new Date(start.getTime()),
    end: new Date(end.getTime()),
    firstDay: localDayKey(start),
    lastDay: localDayKey(lastInstant(start, end)),
  };
}

/** A derived period: canonical token and label from its shape. */
function derived(start: Date, end: Date): Period {
  const shape = calendarShape(start, end);
  if (shape) return make(shape.token, shape.label, start, end);
  const last = lastInstant(start, end);
  return make(`${localDayKey(start)}..${localDayKey(last)}`, rangeLabel(start, last), start, end);
}

/**
 * The same period a year earlier, day for day: 28 February maps to 28 February, 29 February to 28 February
 * (see `mapsLeapDay`). Whole months stay whole months (February 2025 against all of February 2024); a
 * period that runs to a moment ends at the same local time a year earlier.
 */
export function samePeriodPreviousYear(p: Period): Period {
  // addLocal clamps 29 February to 28 February.
  const earlierStart = addLocal(p.start, { years: -1 });
  const wholeMonths = isMonthStart(p.start) && isMonthStart(p.end);
  if (wholeMonths || !isLocalMidnight(p.end)) return derived(earlierStart, addLocal(p.end, { years: -1 }));
  return derived(earlierStart, addLocal(addLocal(addLocal(p.end, { days: -1 }), { years: -1 }), { days: 1 }));
}

/** True when the period starts or ends on 29 February, which a year earlier becomes 28 February. */
export function mapsLeapDay(p: Period): boolean {
  if (isMonthStart(p.start) && isMonthStart(p.end)) return false;
  const last = isLocalMidnight(p.end) ? addLocal(p.end, { days: -1 }) : p.end;
  return [p.start, last].some((d) => {
    const parts = localParts(d);
    return parts.month === 2 && parts.day === 29;
  });
}

export function yearToDate(year: number, asOf: Date): Period {
  const start = localInstant(year, 1, 1);
  const yearEnd = addLocal(start, { years: 1 });
  const end = asOf < start ? start : asOf > yearEnd ? yearEnd : asOf;
  return derived(start, end);
}

const fail = (nl: string, en: string): PeriodResult => ({ ok: false, reason: { nl, en } });

function unknown(typed: string): PeriodResult {
  const examples = '2024, 2025-03, 2025-Q1, vandaag, 7d, 2025-01-01..2025-03-31';
  return fail(`Onbekende periode ‘${typed}’. Voorbeelden: ${examples}.`, `Unknown period ‘${typed}’. Examples: ${examples}.`);
}

function yearOutOfRange(year: number): PeriodResult | undefined {
  if (year >= MIN_YEAR && year <= MAX_YEAR) return undefined;
  return fail(
    `Het jaar ${year} valt buiten ${MIN_YEAR}–${MAX_YEAR}.`,
    `The year ${year} is outside ${MIN_YEAR}–${MAX_YEAR}.`,
  );
}

/** A fixed stretch of whole days: refused if it has not begun, cut off at `now` if it has not ended. */
function bounded(token: string, label: Text, start: Date, end: Date, now: Date): PeriodResult {
  if (start > now) {
    return fail(`De periode ${label.nl} ligt in de toekomst.`, `The period ${label.en} lies in the future.`);
  }
  if (end <= now) return { ok: true, period: make(token, label, start, end) };
  const sofar = { nl: `${label.nl} (tot nu toe)`, en: `${label.en} (to date)` };
  return { ok: true, period: make(token, sofar, start, now) };
}

export function parsePeriod(token: string, now: Date): PeriodResult {
  const typed = token.trim();
  const t = typed.toLowerCase();
  if (!isPeriodToken(t)) return unknown(typed);
  const at = localParts(now);
  const today = localInstant(at.year, at.month, at.day);
  const toNow = (label: Text, start: Date): PeriodResult => ({ ok: true, period: make(t, label, start, now) });

  let m: RegExpExecArray | null;
  if ((m = YEAR.exec(t) ?? MONTH.exec(t) ?? QUARTER.exec(t))) {
    const year = Number(m[1]);
    const bad = yearOutOfRange(year);
    if (bad) return bad;
    const month = t.includes('-q') ? (Number(m[2]) - 1) * 3 + 1 : m[2] ? Number(m[2]) : 1;
    const start = localInstant(year, month, 1);
    const end = addLocal(start, t.includes('-q') ? { months: 3 } : m[2] ? { months: 1 } : { years: 1 });
    return bounded(t, calendarShape(start, end)!.label, start, end, now);
  }
  if ((m = DAYS.exec(t))) {
    const n = Number(m[1]);
    if (n < 1 || n > MAX_DAYS) {
      return fail(
        `Het aantal dagen in ‘${typed}’ moet tussen 1 en ${MAX_DAYS} liggen.`,
        `The number of days in ‘${typed}’ must be between 1 and ${MAX_DAYS}.`,
      );
    }
    const label = n === 1 ? { nl: 'laatste dag', en: 'last day' } : { nl: `laatste ${n} dagen`, en: `last ${n} days` };
    return toNow(label, addLocal(today, { days: -(n - 1) }));
  }
  if ((m = RANGE.exec(t))) return parseRange(t, m[1]!, m[2]!, now);
  if ((m = DATE.exec(t))) return parseRange(t, m[1]!, m[1]!, now);

  // Monday 00:00 of this week.
  const monday = (): Date => addLocal(today, { days: -((new Date(Date.UTC(at.year, at.month - 1, at.day)).getUTCDay() + 6) % 7) });
  switch (t) {
    case 'vandaag':
      return toNow({ nl: `vandaag (${dayNl(at)})`, en: `today (${dayEn(at)})` }, today);
    case 'gisteren': {
      const yesterday = addLocal(today, { days: -1 });
      const day = localParts(yesterday);
      const label = { nl: `gisteren (${dayNl(day)})`, en: `yesterday (${dayEn(day)})` };
      return { ok: true, period: make(t, label, yesterday, today) };
    }
    case 'week': {
      const week = isoWeek(now);
      return toNow({ nl: `deze week (${week})`, en: `this week (${week})` }, monday());
    }
    case 'vorige-week': {
      const start = addLocal(monday(), { days: -7 });
      const week = isoWeek(start);
      return { ok: true, period: make(t, { nl: `vorige week (${week})`, en: `last week (${week})` }, start, addLocal(start, { days: 7 })) };
    }
    case 'vorige-maand': {
      const start = localInstant(at.year, at.month - 1, 1);
      const { year, month } = localParts(start);
      const label = { nl: `vorige maand (${MONTHS_NL[month - 1]} ${year})`, en: `last month (${MONTHS_EN[month - 1]} ${year})` };
      return { ok: true, period: make(t, label, start, addLocal(start, { months: 1 })) };
    }
    case 'vorig-jaar': {
      const year = at.year - 1;
      const start = localInstant(year, 1, 1);
      return { ok: true, period: make(t, { nl: `vorig jaar (${year})`, en: `last year (${year})` }, start, addLocal(start, { years: 1 })) };
    }
    case 'maand': {
      const month = { nl: `${MONTHS_NL[at.month - 1]} ${at.year}`, en: `${MONTHS_EN[at.month - 1]} ${at.year}` };
      return toNow({ nl: `deze maand tot nu toe (${month.nl})`, en: `this month to date (${month.en})` }, localInstant(at.year, at.month, 1));
    }
    default: // 'jaar'
      return toNow({ nl: `dit jaar tot nu toe (${at.year})`, en: `year to date (${at.year})` }, localInstant(at.year, 1, 1));
  }
}

function parseRange(t: string, from: string, to: string, now: Date): PeriodResult {
  const first = parseDay(from);
  const last = parseDay(to);
  for (const [text, day] of [[from, first], [to, last]] as const) {
    if (!day) return fail(`‘${text}’ is geen geldige datum.`, `‘${text}’ is not a valid date.`);
    const bad = yearOutOfRange(Number(text.slice(0, 4)));
    if (bad) return bad;
  }
  if (last! < first!) {
    return fail(
      `De begindatum ${from} ligt na de einddatum ${to}.`,
      `The start date ${from} is after the end date ${to}.`,
    );
  }
  const end = addLocal(last!, { days: 1 });
  if (end > addLocal(first!, { years: MAX_RANGE_YEARS })) {
    return fail(
      `Een periode mag hoogstens ${MAX_RANGE_YEARS} jaar lang zijn; ${from}..${to} is langer.`,
      `A period can be at most ${MAX_RANGE_YEARS} years long; ${from}..${to} is longer.`,
    );
  }
  return bounded(t, rangeLabel(first!, last!), first!, end, now);
}
