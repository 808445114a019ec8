// The counted incidents held in memory, so a figure is counted without asking the database: each incident's
// moment, municipality, target, outcome and means per local day, and per local month the counts per
// municipality × target × outcome × means and per municipality × local hour. A count cuts its period the way the kept counts in the database
// do (count-query.ts): whole months from the monthly counts, whole days and the parts of a day at either
// edge from the incidents of those days, so any question reads at most half a month of incidents plus a
// few hundred numbers. Pure: the store fills it and moves it (src/store/count-mirror.ts).
import { monthsServe, splitAtDays, dayNumber, type CountDimension, type CountQuery, type CountRow } from './count-query.js';
import { localWallMs } from './local-time.js';
import { MEANS, OUTCOMES, TARGETS } from './types.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** target × outcome × means, as one number: target * 8 + outcome * 4 + means. */
const KINDS = 32;

/**
 * The categories in alphabetical order, as the database sorts them: a group's number then sorts the way its
 * values do, and the index takes an incident's categories as positions in these lists.
 */
export const INDEXED_CATEGORIES = { target: [...TARGETS].sort(), outcome: [...OUTCOMES].sort(), means: [...MEANS].sort() } as const;

/** One counted incident as the index takes it: the categories as their positions in INDEXED_CATEGORIES. */
export interface IndexedIncident {
  at: number;
  /** The number of the CBS code (GM0599 → 599). */
  municipality: number;
  target: number;
  outcome: number;
  means: number;
}

/** A day's incidents in typed arrays (11 bytes each) filled up to `total`, grown by doubling. */
interface Day {
  at: Float64Array;
  municipality: Uint16Array;
  kind: Uint8Array;
  total: number;
  byMunicipality: Map<number, number>;
}

interface Month {
  national: Int32Array;
  byMunicipality: Map<number, Int32Array>;
  totals: Map<number, number>;
  /** Per local hour of the day, nationally and per municipality: a year's time of day is 12 × 24 numbers. */
  nationalHours: Int32Array;
  hours: Map<number, Int32Array>;
}

/** How each dimension is read from one incident or one monthly count, and how large its numbers get. */
interface Cell {
  municipality: number;
  kind: number;
  month: number;
  day: number;
  hour: number;
}
const RADIX: Record<CountDimension, number> = { target: 4, outcome: 2, means: 4, municipality: 10_000, month: 1_200_000, day: 1_000_000, hour: 24 };
const VALUE: Record<CountDimension, (cell: Cell) => number> = {
  target: (c) => c.kind >> 3,
  outcome: (c) => (c.kind >> 2) & 1,
  means: (c) => c.kind & 3,
  municipality: (c) => c.municipality,
  month: (c) => c.month,
  day: (c) => c.day,
  hour: (c) => c.hour,
};
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const SHOWN: Record<CountDimension, (value: number) => string | number> = {
  target: (v) => INDEXED_CATEGORIES.target[v]!,
  outcome: (v) => INDEXED_CATEGORIES.outcome[v]!,
  means: (v) => INDEXED_CATEGORIES.means[v]!,
  municipality: (v) => `GM${pad(v, 4)}`,
  month: (v) => `${pad(Math.floor(v / 12), 4)}-${pad((v % 12) + 1)}`,
  day: (v) => new Date(v * DAY_MS).toISOString().slice(0, 10),
  hour: (v) => v,
};

function grow(day: Day): void {
  const size = day.at.length * 2;
  const at = new Float64Array(size);
  const municipality = new Uint16Array(size);
  const kind = new Uint8Array(size);
  at.set(day.at);
  municipality.set(day.municipality);
  kind.set(day.kind);
  Object.assign(day, { at, municipality, kind });
}

const monthNumber = (year: number, month: number) => year * 12 + month - 1;
const monthOfDay = (day: number) => {
  const date = new Date(day * DAY_MS);
  return monthNumber(date.getUTCFullYear(), date.getUTCMonth() + 1);
};
const hourOf = (wall: number, dayNo: number) => Math.floor((wall - dayNo * DAY_MS) / HOUR_MS);
const monthOfKey = (key: string) => monthNumber(Number(key.slice(0, 4)), Number(key.slice(5, 7)));

export class CountIndex {
  readonly #days = new Map<number, Day>();
  readonly #months = new Map<number, Month>();
  #size = 0;

  /** How many counted incidents it holds. */
  get size(): number {
    return this.#size;
  }

  add(incident: IndexedIncident): void {
    const wall = localWallMs(incident.at);
    const dayNo = Math.floor(wall / DAY_MS);
    const kind = incident.target * 8 + incident.outcome * 4 + incident.means;
    let day = this.#days.get(dayNo);
    if (!day) this.#days.set(dayNo, (day = { at: new Float64Array(4), municipality: new Uint16Array(4), kind: new Uint8Array(4), total: 0, byMunicipality: new Map() }));
    if (day.total === day.at.length) grow(day);
    day.at[day.total] = incident.at;
    day.municipality[day.total] = incident.municipality;
    day.kind[day.total] = kind;
    this.#move(day, monthOfDay(dayNo), incident.municipality, kind, hourOf(wall, dayNo), 1);
  }

  /** Takes one incident like this out; false when the index holds none (the caller then reloads). */
  remove(incident: IndexedIncident): boolean {
    const wall = localWallMs(incident.at);
    const dayNo = Math.floor(wall / DAY_MS);
    const day = this.#days.get(dayNo);
    const kind = incident.target * 8 + incident.outcome * 4 + incident.means;
    if (!day) return false;
    for (let i = 0; i < day.total; i++) {
      if (day.at[i] !== incident.at || day.municipality[i] !== incident.municipality || day.kind[i] !== kind) continue;
      const last = day.total - 1;
      day.at[i] = day.at[last]!;
      day.municipality[i] = day.municipality[last]!;
      day.kind[i] = day.kind[last]!;
      this.#move(day, monthOfDay(dayNo), incident.municipality, kind, hourOf(wall, dayNo), -1);
      return true;
    }
    return false;
  }

  #move(day: Day, monthNo: number, municipality: number, kind: number, hour: number, sign: 1 | -1): void {
    this.#size += sign;
    day.total += sign;
    day.byMunicipality.set(municipality, (day.byMunicipality.get(municipality) ?? 0) + sign);
    let month = this.#months.get(monthNo);
    if (!month) {
      month = { national: new Int32Array(KINDS), byMunicipality: new Map(), totals: new Map(), nationalHours: new Int32Array(24), hours: new Map() };
      this.#months.set(monthNo, month);
    }
    month.national[kind]! += sign;
    let counts = month.byMunicipality.get(municipality);
    if (!counts) month.byMunicipality.set(municipality, (counts = new Int32Array(KINDS)));
    counts[kind]! += sign;
    month.totals.set(municipality, (month.totals.get(municipality) ?? 0) + sign);
    month.nationalHours[hour]! += sign;
    let hours = month.hours.get(municipality);
    if (!hours) month.hours.set(municipality, (hours = new Int32Array(24)));
    hours[hour]! += sign;
  }

  /** Counted incidents in [from, to), as countIncidents answers: grouped, groups without incidents left out. */
  count<D extends CountDimension>(query: CountQuery<D>): CountRow<D>[] {
    const by = query.by;
    const only = query.municipalityCode === undefined ? undefined : Number(query.municipalityCode.slice(2));
    const sums = new Map<number, number>();
    const cell: Cell = { municipality: 0, kind: 0, month: 0, day: 0, hour: 0 };
    const keyOf = () => {
      let key = 0;
      for (const d of by) key = key * RADIX[d] + VALUE[d](cell);
      return key;
    };
    const add = (n: number) => {
      if (n === 0) return;
      const key = keyOf();
      sums.set(key, (sums.get(key) ?? 0) + n);
    };
    const needsKind = by.some((d) => d === 'target' || d === 'outcome' || d === 'means');
    const needsMunicipality = by.includes('municipality' as D);
    const addKinds = (counts: Int32Array, sign: number) => {
      if (!needsKind) return add(sign * counts.reduce((a, b) => a + b, 0));
      for (let kind = 0; kind < KINDS; kind++) {
        cell.kind = kind;
        add(sign * counts[kind]!);
      }
    };
    // Every incident of a day, or those in [a, b).
    const addIncidents = (dayNo: number, sign: number, a = Number.NEGATIVE_INFINITY, b = Number.POSITIVE_INFINITY) => {
      const day = this.#days.get(dayNo);
      if (!day) return;
      cell.day = dayNo;
      cell.month = monthOfDay(dayNo);
      const whole = a === Number.NEGATIVE_INFINITY && b === Number.POSITIVE_INFINITY;
      if (whole && !needsKind && !needsMunicipality && !byHour) {
        return add(sign * (only === undefined ? day.total : (day.byMunicipality.get(only) ?? 0)));
      }
      for (let i = 0; i < day.total; i++) {
        const at = day.at[i]!;
        if (at < a || at >= b || (only !== undefined && day.municipality[i] !== only)) continue;
        cell.municipality = day.municipality[i]!;
        cell.kind = day.kind[i]!;
        cell.hour = hourOf(localWallMs(at), dayNo);
        add(sign);
      }
    };

    // Whole months serve hours too when nothing but the municipality and the month is asked beside them.
    const byHour = by.includes('hour' as D);
    const byHourOnly = byHour && by.every((d) => d === 'hour' || d === 'municipality' || d === 'month');
    const addHours = (hours: Int32Array, sign: number) => {
      for (let hour = 0; hour < 24; hour++) {
        cell.hour = hour;
        add(sign * hours[hour]!);
      }
    };
    const split = splitAtDays(query.from, query.to, monthsServe(by) || byHourOnly);
    for (const stretch of split.months) {
      for (let monthNo = monthOfKey(stretch.first); monthNo < monthOfKey(stretch.end); monthNo++) {
        const month = this.#months.get(monthNo);
        if (!month) continue;
        cell.month = monthNo;
        if (only !== undefined) {
          cell.municipality = only;
          const counts = (byHour ? month.hours : month.byMunicipality).get(only);
          if (counts) (byHour ? addHours : addKinds)(counts, stretch.sign);
        } else if (needsMunicipality) {
          for (const [municipality, counts] of byHour ? month.hours : month.byMunicipality) {
            cell.municipality = municipality;
            if (needsKind || byHour) (byHour ? addHours : addKinds)(counts, stretch.sign);
            else add(stretch.sign * month.totals.get(municipality)!);
          }
        } else if (byHour) addHours(month.nationalHours, stretch.sign);
        else addKinds(month.national, stretch.sign);
      }
    }
    for (const stretch of split.days) {
      for (let dayNo = dayNumber(stretch.first); dayNo < dayNumber(stretch.end); dayNo++) addIncidents(dayNo, stretch.sign);
    }
    for (const [from, to] of split.edges) {
      const [a, b] = [from.getTime(), to.getTime()];
      const last = Math.floor(localWallMs(b - 1) / DAY_MS);
      for (let dayNo = Math.floor(localWallMs(a) / DAY_MS); dayNo <= last; dayNo++) addIncidents(dayNo, 1, a, b);
    }
    return rowsOf(by, sums);
  }

  /** The moments (epoch ms) of the counted incidents in [from, to), in order. */
  times(from: number, to: number, municipalityCode?: string): number[] {
    const only = municipalityCode === undefined ? undefined : Number(municipalityCode.slice(2));
    const found: number[] = [];
    if (to <= from) return found;
    const last = Math.floor(localWallMs(to - 1) / DAY_MS);
    for (let dayNo = Math.floor(localWallMs(from) / DAY_MS); dayNo <= last; dayNo++) {
      const day = this.#days.get(dayNo);
      if (!day) continue;
      for (let i = 0; i < day.total; i++) {
        const at = day.at[i]!;
        if (at >= from && at < to && (only === undefined || day.municipality[i] === only)) found.push(at);
      }
    }
    return found.sort((x, y) => x - y);
  }
}

function rowsOf<D extends CountDimension>(by: readonly D[], sums: Map<number, number>): CountRow<D>[] {
  if (by.length === 0) return [{ n: sums.get(0) ?? 0 } as CountRow<D>];
  const rows: CountRow<D>[] = [];
  // Numbers of groups sort as their values do (INDEXED_CATEGORIES, codes and dates of fixed width).
  for (const [key, n] of [...sums].sort((x, y) => x[0] - y[0])) {
    if (n <= 0) continue;
    const row: Record<string, string | number> = { n };
    let rest = key;
    for (let i = by.length - 1; i >= 0; i--) {
      const d = by[i]!;
      row[d] = SHOWN[d](rest % RADIX[d]);
      rest = Math.floor(rest / RADIX[d]);
    }
    rows.push(row as CountRow<D>);
  }
  return rows;
}
