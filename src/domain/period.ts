// Periods users ask figures for (`2024`, `2025-q1`, `7d`, ...), counted in Amsterdam local time.
import { DateTime } from 'luxon';
import { TIME_ZONE } from './types.js';

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

const ZONE = TIME_ZONE;
const MIN_YEAR = 2000;
const MAX_YEAR = 2099;
const MAX_DAYS = 366;
const MAX_RANGE_YEARS = 5;

const MONTHS_NL = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MON_NL = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];
const MON_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const YEAR = /^(\d{4})$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-q([1-4])$/;
const DAYS = /^(\d{1,3})d$/;
const RANGE = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/;
const DATE = /^(\d{4}-\d{2}-\d{2})$/;
const WORDS = ['vandaag', 'gisteren', 'week', 'maand', 'jaar', 'vorige-week', 'vorige-maand', 'vorig-jaar'];

/** Whether the token has the shape of a period; parsePeriod may still refuse its values. */
export function isPeriodToken(token: string): boolean {
  const t = token.trim().toLowerCase();
  return [YEAR, MONTH, QUARTER, DAYS, RANGE, DATE].some((re) => re.test(t)) || WORDS.includes(t);
}

const local = (instant: Date): DateTime => DateTime.fromJSDate(instant, { zone: ZONE });

function parseDay(isoDate: string): DateTime | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return undefined;
  const day = DateTime.fromISO(isoDate, { zone: ZONE });
  return day.isValid ? day.startOf('day') : undefined;
}

export function startOfLocalDay(isoDate: string): Date {
  const day = parseDay(isoDate);
  if (!day) throw new RangeError(`not a valid date: ${isoDate}`);
  return day.toJSDate();
}

/** Elapsed share of the local year; a local day counts as one day whether it has 23, 24 or 25 hours. */
export function dayOfYearFraction(instant: Date): number {
  const t = local(instant);
  const dayStart = t.startOf('day');
  const dayLength = dayStart.plus({ days: 1 }).toMillis() - dayStart.toMillis();
  const inDay = (t.toMillis() - dayStart.toMillis()) / dayLength;
  return (t.ordinal - 1 + inDay) / t.daysInYear;
}

const dayNl = (d: DateTime): string => `${d.day} ${MONTHS_NL[d.month - 1]} ${d.year}`;
const dayEn = (d: DateTime): string => `${d.day} ${MONTHS_EN[d.month - 1]} ${d.year}`;

/** `1 jan t/m 31 mrt 2025`; the year is written once when both days share it. */
function rangeLabel(first: DateTime, last: DateTime): Text {
  const nl = (d: DateTime, year: boolean) => `${d.day} ${MON_NL[d.month - 1]}${year ? ` ${d.year}` : ''}`;
  const en = (d: DateTime, year: boolean) => `${d.day} ${MON_EN[d.month - 1]}${year ? ` ${d.year}` : ''}`;
  if (first.hasSame(last, 'day')) return { nl: nl(first, true), en: en(first, true) };
  const sameYear = first.year === last.year;
  return {
    nl: `${nl(first, !sameYear)} t/m ${nl(last, true)}`,
    en: `${en(first, !sameYear)} – ${en(last, true)}`,
  };
}

/** Recognises whole calendar years, quarters and months, for labels and canonical tokens. */
function calendarShape(start: DateTime, end: DateTime): { token: string; label: Text } | undefined {
  if (!start.equals(start.startOf('month'))) return undefined;
  const y = start.year;
  if (start.month === 1 && end.equals(start.plus({ years: 1 }))) return { token: `${y}`, label: { nl: `${y}`, en: `${y}` } };
  if ((start.month - 1) % 3 === 0 && end.equals(start.plus({ months: 3 }))) {
    const q = (start.month + 2) / 3;
    return { token: `${y}-q${q}`, label: { nl: `${q}e kwartaal ${y}`, en: `Q${q} ${y}` } };
  }
  if (end.equals(start.plus({ months: 1 }))) {
    return {
      token: start.toFormat('yyyy-MM'),
      label: { nl: `${MONTHS_NL[start.month - 1]} ${y}`, en: `${MONTHS_EN[start.month - 1]} ${y}` },
    };
  }
  return undefined;
}

function make(token: string, label: Text, start: DateTime, end: DateTime): Period {
  // The last day is the one holding the last instant before `end` (an empty period: its first day).
  const last = end > start ? end.minus({ milliseconds: 1 }) : start;
  return {
    token,
    label,
    start: start.toJSDate(),
    end: end.toJSDate(),
    firstDay: start.toISODate()!,
    lastDay: last.toISODate()!,
  };
}

/** A derived period: canonical token and label from its shape. */
function derived(start: DateTime, end: DateTime): Period {
  const shape = calendarShape(start, end);
  if (shape) return make(shape.token, shape.label, start, end);
  const last = end > start ? end.minus({ milliseconds: 1 }) : start;
  return make(`${start.toISODate()}..${last.toISODate()}`, rangeLabel(start, last), start, end);
}

/**
 * The same period a year earlier, day for day: 28 February maps to 28 February, 29 February to 28 February
 * (see `mapsLeapDay`). Whole months stay whole months (February 2025 against all of February 2024); a
 * period that runs to a moment ends at the same local time a year earlier.
 */
export function samePeriodPreviousYear(p: Period): Period {
  const start = local(p.start);
  const end = local(p.end);
  // luxon clamps 29 February to 28 February.
  const earlierStart = start.minus({ years: 1 });
  const wholeMonths = start.equals(start.startOf('month')) && end.equals(end.startOf('month'));
  if (wholeMonths || !end.equals(end.startOf('day'))) return derived(earlierStart, end.minus({ years: 1 }));
  return derived(earlierStart, end.minus({ days: 1 }).minus({ years: 1 }).plus({ days: 1 }));
}

/** True when the period starts or ends on 29 February, which a year earlier becomes 28 February. */
export function mapsLeapDay(p: Period): boolean {
  const start = local(p.start);
  const end = local(p.end);
  const wholeMonths = start.equals(start.startOf('month')) && end.equals(end.startOf('month'));
  if (wholeMonths) return false;
  const last = end.equals(end.startOf('day')) ? end.minus({ days: 1 }) : end;
  return [start, last].some((d) => d.month === 2 && d.day === 29);
}

export function yearToDate(year: number, asOf: Date): Period {
  const start = DateTime.fromObject({ year, month: 1, day: 1 }, { zone: ZONE });
  const yearEnd = start.plus({ years: 1 });
  const at = local(asOf);
  const end = at < start ? start : at > yearEnd ? yearEnd : at;
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
function bounded(token: string, label: Text, start: DateTime, end: DateTime, now: DateTime): PeriodResult {
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
  const at = local(now);
  const today = at.startOf('day');
  const toNow = (label: Text, start: DateTime): PeriodResult => ({ ok: true, period: make(t, label, start, at) });

  let m: RegExpExecArray | null;
  if ((m = YEAR.exec(t) ?? MONTH.exec(t) ?? QUARTER.exec(t))) {
    const year = Number(m[1]);
    const bad = yearOutOfRange(year);
    if (bad) return bad;
    const month = t.includes('-q') ? (Number(m[2]) - 1) * 3 + 1 : m[2] ? Number(m[2]) : 1;
    const start = DateTime.fromObject({ year, month, day: 1 }, { zone: ZONE });
    const end = start.plus(t.includes('-q') ? { months: 3 } : m[2] ? { months: 1 } : { years: 1 });
    return bounded(t, calendarShape(start, end)!.label, start, end, at);
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
    return toNow(label, today.minus({ days: n - 1 }));
  }
  if ((m = RANGE.exec(t))) return parseRange(t, m[1]!, m[2]!, at);
  if ((m = DATE.exec(t))) return parseRange(t, m[1]!, m[1]!, at);

  switch (t) {
    case 'vandaag':
      return toNow({ nl: `vandaag (${dayNl(today)})`, en: `today (${dayEn(today)})` }, today);
    case 'gisteren': {
      const yesterday = today.minus({ days: 1 });
      const label = { nl: `gisteren (${dayNl(yesterday)})`, en: `yesterday (${dayEn(yesterday)})` };
      return { ok: true, period: make(t, label, yesterday, today) };
    }
    case 'week': {
      const week = `week ${at.weekNumber}, ${at.weekYear}`;
      return toNow({ nl: `deze week (${week})`, en: `this week (${week})` }, today.startOf('week'));
    }
    case 'vorige-week': {
      const start = today.startOf('week').minus({ weeks: 1 });
      const week = `week ${start.weekNumber}, ${start.weekYear}`;
      return { ok: true, period: make(t, { nl: `vorige week (${week})`, en: `last week (${week})` }, start, start.plus({ weeks: 1 })) };
    }
    case 'vorige-maand': {
      const start = today.startOf('month').minus({ months: 1 });
      const label = { nl: `vorige maand (${MONTHS_NL[start.month - 1]} ${start.year})`, en: `last month (${MONTHS_EN[start.month - 1]} ${start.year})` };
      return { ok: true, period: make(t, label, start, start.plus({ months: 1 })) };
    }
    case 'vorig-jaar': {
      const start = today.startOf('year').minus({ years: 1 });
      return { ok: true, period: make(t, { nl: `vorig jaar (${start.year})`, en: `last year (${start.year})` }, start, start.plus({ years: 1 })) };
    }
    case 'maand': {
      const month = { nl: `${MONTHS_NL[at.month - 1]} ${at.year}`, en: `${MONTHS_EN[at.month - 1]} ${at.year}` };
      return toNow({ nl: `deze maand tot nu toe (${month.nl})`, en: `this month to date (${month.en})` }, today.startOf('month'));
    }
    default: // 'jaar'
      return toNow({ nl: `dit jaar tot nu toe (${at.year})`, en: `year to date (${at.year})` }, today.startOf('year'));
  }
}

function parseRange(t: string, from: string, to: string, now: DateTime): PeriodResult {
  const first = parseDay(from);
  const last = parseDay(to);
  for (const [text, day] of [[from, first], [to, last]] as const) {
    if (!day) return fail(`‘${text}’ is geen geldige datum.`, `‘${text}’ is not a valid date.`);
    const bad = yearOutOfRange(day.year);
    if (bad) return bad;
  }
  if (last! < first!) {
    return fail(
      `De begindatum ${from} ligt na de einddatum ${to}.`,
      `The start date ${from} is after the end date ${to}.`,
    );
  }
  const end = last!.plus({ days: 1 });
  if (end > first!.plus({ years: MAX_RANGE_YEARS })) {
    return fail(
      `Een periode mag hoogstens ${MAX_RANGE_YEARS} jaar lang zijn; ${from}..${to} is langer.`,
      `A period can be at most ${MAX_RANGE_YEARS} years long; ${from}..${to} is longer.`,
    );
  }
  return bounded(t, rangeLabel(first!, last!), first!, end, now);
}
