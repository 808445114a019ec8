// A deterministic demo register, shaped like the published figures: 901 attacks in 2023, 1,543 in 2024
// (1,119 homes, 230 businesses, 154 vehicles, 40 other; top five Amsterdam, Rotterdam, Den Haag,
// Almere, Den Bosch), about 1,330 in 2025, a fireworks season and most attacks between 02:00 and 05:00.
// Each year is generated whole from its own seed and then cut at `until`, so a later `until` only
// adds incidents and never changes earlier ones.
import type { Incident, IncidentMeans, IncidentOutcome, IncidentTarget } from './types.js';
import { daysInMonth, localDayKey, localInstant } from './local-time.js';

export interface DemoArrests {
  date: string;
  count: number;
}

export interface DemoRegister {
  incidents: Incident[];
  arrests: DemoArrests[];
}

export interface DemoRegisterInput {
  until: Date;
  municipalities: readonly { code: string; name: string }[];
}

export const DEMO_FIRST_YEAR = 2023;

/** 2024, in order: Amsterdam, Rotterdam, 's-Gravenhage, Almere, 's-Hertogenbosch. */
export const DEMO_TOP_FIVE_2024: readonly (readonly [code: string, count: number])[] = [
  ['GM0363', 241],
  ['GM0599', 187],
  ['GM0518', 139],
  ['GM0034', 78],
  ['GM0796', 52],
];

// Rough weights for larger municipalities; every other municipality weighs TAIL_WEIGHT.
const CITY_WEIGHTS: ReadonlyMap<string, number> = new Map([
  ['GM0344', 12], ['GM0772', 11], ['GM0855', 9], ['GM0758', 9], ['GM0202', 9], ['GM0014', 8],
  ['GM0479', 8], ['GM0268', 7], ['GM0505', 7], ['GM0606', 7], ['GM0392', 6], ['GM0153', 6],
  ['GM0637', 6], ['GM0917', 6], ['GM0622', 6], ['GM0502', 6], ['GM0200', 5], ['GM0307', 5],
  ['GM0394', 5], ['GM0546', 5], ['GM0935', 5], ['GM0983', 5], ['GM1883', 5], ['GM0794', 5],
  ['GM1930', 5], ['GM0193', 4], ['GM1783', 4], ['GM0361', 4], ['GM0503', 4], ['GM0150', 4],
  ['GM0362', 4], ['GM0080', 4], ['GM0995', 4], ['GM1674', 4], ['GM0513', 4], ['GM0439', 4],
  ['GM0928', 4], ['GM0384', 4], ['GM0597', 4], ['GM0228', 3], ['GM0484', 3], ['GM0114', 3],
  ['GM0828', 3], ['GM0402', 3], ['GM0405', 3], ['GM0400', 3],
]);
const TAIL_WEIGHT = 0.5;

// Share per month, January first: the fireworks season October–January carries 55%.
const MONTH_WEIGHTS = [14, 7, 6, 5, 5, 5, 5, 5.5, 6.5, 10, 13, 18];
// Per local clock hour; 02:00–05:00 carries 63 of 113.
const HOUR_WEIGHTS = [6, 8, 20, 24, 19, 5, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.5, 2, 2.5, 3, 4, 5];
const TARGET_WEIGHTS_2024: readonly [IncidentTarget, number][] = [
  ['woning', 1119], ['bedrijf', 230], ['voertuig', 154], ['overig', 40],
];
const OUTCOME_WEIGHTS: readonly [IncidentOutcome, number][] = [['explosie', 70], ['poging', 30]];
const MEANS_WEIGHTS: readonly [IncidentMeans, number][] = [
  ['vuurwerk', 80], ['explosief', 12], ['handgranaat', 4], ['onbekend', 4],
];

// ---------------------------------------------------------------------------------------------
// Randomness

function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast, good enough for demo data. */
function prng(seedText: string): () => number {
  let state = hashSeed(seedText);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], rand: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Split `total` into integers proportional to `weights` (largest remainder, ties to the first). */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (sum === 0 ? 0 : (total * w) / sum));
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) counts[order[k]![1]]! += 1;
  return counts;
}

function expand<T>(pairs: readonly (readonly [T, number])[], total: number): T[] {
  const counts = apportion(total, pairs.map(([, w]) => w));
  return pairs.flatMap(([value], i) => new Array<T>(counts[i]!).fill(value));
}

function weightedIndex(weights: readonly number[], sum: number, rand: () => number): number {
  let r = rand() * sum;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i]!;
    if (r < 0) return i;
  }
  return weights.length - 1;
}

// ---------------------------------------------------------------------------------------------
// Years

export function demoYearTotal(year: number): number {
  if (year === 2023) return 901;
  if (year === 2024) return 1543;
  if (year === 2025) return 1331;
  return 1260 + Math.floor(prng(`total-${year}`)() * 90);
}

/** Per-day counts of a year, each month's share exact, the days within a month uneven. */
function dailyCounts(year: number, total: number): number[][] {
  const perMonth = apportion(total, MONTH_WEIGHTS);
  // The calendar-day pattern is shared by all years, so years stay comparable day by day.
  const shared = prng('demo-calendar');
  const own = prng(`demo-days-${year}`);
  return perMonth.map((monthTotal, m) => {
    const days = daysInMonth(year, m + 1);
    const weights: number[] = [];
    for (let d = 1; d <= 31; d++) {
      let w = (0.4 + 1.2 * shared()) * (0.95 + 0.1 * own());
      if (m === 11) w *= 0.5 + d / 31 + (d === 31 ? 1.5 : 0);
      if (m === 0) w *= d === 1 ? 8 : d === 2 ? 2 : 1.4 - (0.8 * d) / 31;
      if (d <= days) weights.push(w);
    }
    return apportion(monthTotal, weights);
  });
}

function municipalityList(
  year: number,
  total: number,
  municipalities: readonly { code: string }[],
  rand: () => number,
): string[] {
  const topShare = DEMO_TOP_FIVE_2024.reduce((a, [, n]) => a + n, 0) / 1543;
  const top =
    year === 2024
      ? DEMO_TOP_FIVE_2024.map(([, n]) => n)
      : apportion(Math.round(total * topShare), DEMO_TOP_FIVE_2024.map(([, n]) => n));
  const topCodes = new Set(DEMO_TOP_FIVE_2024.map(([code]) => code));
  const list = DEMO_TOP_FIVE_2024.flatMap(([code], i) => new Array<string>(top[i]!).fill(code));

  const source = municipalities.length > 0 ? municipalities.map((m) => m.code) : [...CITY_WEIGHTS.keys()];
  const pool = [...new Set(source)].filter((code) => !topCodes.has(code));
  const weights = pool.map((code) => CITY_WEIGHTS.get(code) ?? TAIL_WEIGHT);
  const counts = new Array<number>(pool.length).fill(0);
  // Nobody else may reach the fifth place; a full municipality leaves the draw.
  const ceiling = top[4]! - 1;
  let sum = weights.reduce((a, b) => a + b, 0);
  for (let left = total - list.length; left > 0; left--) {
    if (sum <= 0) {
      list.push(DEMO_TOP_FIVE_2024[0]![0]);
      continue;
    }
    const i = weightedIndex(weights, sum, rand);
    counts[i]! += 1;
    list.push(pool[i]!);
    if (counts[i]! >= ceiling) {
      sum -= weights[i]!;
      weights[i] = 0;
    }
  }
  return list;
}

function generateYear(year: number, municipalities: readonly { code: string }[]): Incident[] {
  const total = demoYearTotal(year);
  const rand = prng(`demo-incidents-${year}`);
  const hours = shuffle(expand(HOUR_WEIGHTS.map((w, h) => [h, w] as const), total), rand);
  const moments: number[] = [];
  dailyCounts(year, total).forEach((days, m) =>
    days.forEach((count, d) => {
      for (let k = 0; k < count; k++) {
        const minute = Math.floor(rand() * 60);
        const second = Math.floor(rand() * 60);
        const at = localInstant(year, m + 1, d + 1, hours[moments.length]!, minute).getTime() + second * 1000;
        moments.push(at);
      }
    }),
  );
  moments.sort((a, b) => a - b);

  // Every year has 2024's mix; in 2024 itself the split is then exact.
  const targets = shuffle(expand(TARGET_WEIGHTS_2024, total), rand);
  const outcomes = shuffle(expand(OUTCOME_WEIGHTS, total), rand);
  const means = shuffle(expand(MEANS_WEIGHTS, total), rand);
  const places = shuffle(municipalityList(year, total, municipalities, rand), rand);

  return moments.map((at, i) => ({
    reference: `DEMO-${year}-${String(i + 1).padStart(5, '0')}`,
    occurredAt: new Date(at),
    municipalityCode: places[i]!,
    target: targets[i]!,
    outcome: outcomes[i]!,
    means: means[i]!,
    postcode4: null,
    status: 'actief',
    source: 'demo',
  }));
}

// ---------------------------------------------------------------------------------------------
// Arrests: 315 in 2024, 83 from January to April 2025, then some 20 to 31 a month.

function spreadOverDays(year: number, month: number, months: number, total: number, seed: string): DemoArrests[] {
  const rand = prng(seed);
  const dates: string[] = [];
  for (let m = month; m < month + months; m++) {
    for (let d = 1; d <= daysInMonth(year, m); d++) {
      dates.push(`${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    }
  }
  // Squared weights cluster arrests on fewer days, like actions with several suspects.
  const weights = dates.map(() => rand() ** 2);
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = new Array<number>(dates.length).fill(0);
  for (let k = 0; k < total; k++) counts[weightedIndex(weights, sum, rand)]! += 1;
  return dates.flatMap((date, i) => (counts[i]! > 0 ? [{ date, count: counts[i]! }] : []));
}

function generateArrests(untilYear: number): DemoArrests[] {
  const arrests = [
    ...spreadOverDays(2024, 1, 12, 315, 'demo-arrests-2024'),
    ...spreadOverDays(2025, 1, 4, 83, 'demo-arrests-2025-q1'),
  ];
  for (let year = 2025; year <= untilYear; year++) {
    for (let month = year === 2025 ? 5 : 1; month <= 12; month++) {
      const seed = `demo-arrests-${year}-${month}`;
      const count = 20 + Math.floor(prng(seed)() * 12);
      arrests.push(...spreadOverDays(year, month, 1, count, `${seed}-days`));
    }
  }
  return arrests;
}

export function generateDemoRegister(input: DemoRegisterInput): DemoRegister {
  const until = input.until.getTime();
  const lastDay = localDayKey(new Date(until - 1));
  const untilYear = Number(lastDay.slice(0, 4));
  const incidents: Incident[] = [];
  for (let year = DEMO_FIRST_YEAR; year <= untilYear; year++) {
    for (const incident of generateYear(year, input.municipalities)) {
      if (incident.occurredAt.getTime() < until) incidents.push(incident);
    }
  }
  const arrests = generateArrests(untilYear).filter((a) => a.date <= lastDay);
  return { incidents, arrests };
}
