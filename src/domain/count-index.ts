// The counted incidents held in memory, so a figure is counted without asking the database: each incident's
// moment, municipality, target, outcome and means per local day, and per local month the counts per
// municipality × target × outcome × means and per municipality × local hour. A count cuts its period the way
// the kept counts in the database do (count-query.ts): whole months from the monthly counts, whole days from
// the incidents of those days (or, on a full day, its counts per kind or municipality) and the parts of a day
// at either edge from its incidents, so any question reads at most half a month of incidents plus a few
// hundred numbers. Pure: the store fills it and moves it (src/store/count-mirror.ts).
import { monthsServe, splitAtDays, dayNumber, type CountDimension, type CountQuery, type CountRow } from './count-query.js';
import { civilDate, localWallMs } from './local-time.js';
import { GroupSums, KINDS, type Cell } from './count-groups.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** One counted incident as the index takes it: the categories as their positions in INDEXED_CATEGORIES (count-groups.ts). */
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
  /** The municipality's slot (see CountIndex), not its code. */
  slot: Uint16Array;
  kind: Uint8Array;
  total: number;
  /**
   * The day's counts per kind and per municipality slot, once it holds so many incidents that reading the
   * counts beats reading the incidents; a register of a few incidents a day keeps none.
   */
  kinds?: Int32Array;
  slots?: Int32Array;
}

const KIND_SUMS_FROM = 64;
const SLOT_SUMS_FROM = 256;

function sumsOf(values: Uint8Array | Uint16Array, total: number, size: number): Int32Array {
  const sums = new Int32Array(size);
  for (let i = 0; i < total; i++) sums[values[i]!]! += 1;
  return sums;
}

/** A month's counts, nationally and per municipality slot, in flat arrays: slot × 32 kinds, slot × 24 hours. */
interface Month {
  national: Int32Array;
  nationalHours: Int32Array;
  kinds: Int32Array;
  hours: Int32Array;
  totals: Int32Array;
}

function grow(day: Day): void {
  const size = day.at.length * 2;
  const at = new Float64Array(size);
  const slot = new Uint16Array(size);
  const kind = new Uint8Array(size);
  at.set(day.at);
  slot.set(day.slot);
  kind.set(day.kind);
  Object.assign(day, { at, slot, kind });
}

function emptyMonth(slots: number): Month {
  return {
    national: new Int32Array(KINDS), nationalHours: new Int32Array(24),
    kinds: new Int32Array(slots * KINDS), hours: new Int32Array(slots * 24), totals: new Int32Array(slots),
  };
}

const monthNumber = (year: number, month: number) => year * 12 + month - 1;
/** The month of a day number (days since 1970-01-01). */
function monthOfDay(day: number): number {
  const { year, month } = civilDate(day);
  return monthNumber(year, month);
}
const hourOf = (wall: number, dayNo: number) => Math.floor((wall - dayNo * DAY_MS) / HOUR_MS);
const monthOfKey = (key: string) => monthNumber(Number(key.slice(0, 4)), Number(key.slice(5, 7)));

export class CountIndex {
  readonly #days = new Map<number, Day>();
  readonly #months = new Map<number, Month>();
  /** Municipalities get slots 0, 1, … as they first appear, so the monthly arrays stay dense. */
  readonly #slots = new Map<number, number>();
  readonly #codes: number[] = [];
  #capacity = 512;
  #size = 0;

  /** How many counted incidents it holds. */
  get size(): number {
    return this.#size;
  }

  add(incident: IndexedIncident): void {
    const wall = localWallMs(incident.at);
    const dayNo = Math.floor(wall / DAY_MS);
    const kind = incident.target * 8 + incident.outcome * 4 + incident.means;
    const slot = this.#slotOf(incident.municipality);
    let day = this.#days.get(dayNo);
    if (!day) this.#days.set(dayNo, (day = { at: new Float64Array(4), slot: new Uint16Array(4), kind: new Uint8Array(4), total: 0 }));
    if (day.total === day.at.length) grow(day);
    day.at[day.total] = incident.at;
    day.slot[day.total] = slot;
    day.kind[day.total] = kind;
    this.#move(day, monthOfDay(dayNo), slot, kind, hourOf(wall, dayNo), 1);
  }

  /** Takes one incident like this out; false when the index holds none (the caller then reloads). */
  remove(incident: IndexedIncident): boolean {
    const wall = localWallMs(incident.at);
    const dayNo = Math.floor(wall / DAY_MS);
    const day = this.#days.get(dayNo);
    const kind = incident.target * 8 + incident.outcome * 4 + incident.means;
    const slot = this.#slots.get(incident.municipality);
    if (!day || slot === undefined) return false;
    for (let i = 0; i < day.total; i++) {
      if (day.at[i] !== incident.at || day.slot[i] !== slot || day.kind[i] !== kind) continue;
      const last = day.total - 1;
      day.at[i] = day.at[last]!;
      day.slot[i] = day.slot[last]!;
      day.kind[i] = day.kind[last]!;
      this.#move(day, monthOfDay(dayNo), slot, kind, hourOf(wall, dayNo), -1);
      return true;
    }
    return false;
  }

  /** The slot of a CBS code asked for; -1 for a municipality the index has never held (it matches nothing). */
  #slotOfCode(code: string | undefined): number | undefined {
    return code === undefined ? undefined : (this.#slots.get(Number(code.slice(2))) ?? -1);
  }

  #slotOf(municipality: number): number {
    let slot = this.#slots.get(municipality);
    if (slot !== undefined) return slot;
    slot = this.#codes.length;
    if (slot === this.#capacity) {
      this.#capacity *= 2;
      for (const [monthNo, month] of this.#months) {
        const wider = emptyMonth(this.#capacity);
        wider.national.set(month.national);
        wider.nationalHours.set(month.nationalHours);
        wider.kinds.set(month.kinds);
        wider.hours.set(month.hours);
        wider.totals.set(month.totals);
        this.#months.set(monthNo, wider);
      }
      for (const day of this.#days.values()) {
        if (!day.slots) continue;
        const wider = new Int32Array(this.#capacity);
        wider.set(day.slots);
        day.slots = wider;
      }
    }
    this.#slots.set(municipality, slot);
    this.#codes.push(municipality);
    return slot;
  }

  #move(day: Day, monthNo: number, slot: number, kind: number, hour: number, sign: 1 | -1): void {
    this.#size += sign;
    day.total += sign;
    if (day.kinds) day.kinds[kind]! += sign;
    else if (day.total >= KIND_SUMS_FROM) day.kinds = sumsOf(day.kind, day.total, KINDS);
    if (day.slots) day.slots[slot]! += sign;
    else if (day.total >= SLOT_SUMS_FROM) day.slots = sumsOf(day.slot, day.total, this.#capacity);
    let month = this.#months.get(monthNo);
    if (!month) this.#months.set(monthNo, (month = emptyMonth(this.#capacity)));
    month.national[kind]! += sign;
    month.nationalHours[hour]! += sign;
    month.kinds[slot * KINDS + kind]! += sign;
    month.hours[slot * 24 + hour]! += sign;
    month.totals[slot]! += sign;
  }

  /** Counted incidents in [from, to), as countIncidents answers: grouped, groups without incidents left out. */
  count<D extends CountDimension>(query: CountQuery<D>): CountRow<D>[] {
    return this.#sum(query).rows();
  }

  /** The same count by one dimension, as its value → count in order. */
  countByValue<D extends CountDimension>(query: CountQuery<D> & { by: readonly [D] }): Map<CountRow<D>[D], number> {
    return this.#sum(query).byValue() as Map<CountRow<D>[D], number>;
  }

  #sum<D extends CountDimension>(query: CountQuery<D>): GroupSums<D> {
    const by = query.by;
    const only = this.#slotOfCode(query.municipalityCode);
    const codes = this.#codes;
    const groups = new GroupSums(by);
    const cell: Cell = { municipality: 0, kind: 0, month: 0, day: 0, hour: 0 };
    const add = (n: number) => groups.add(cell, n);
    const needsKind = by.some((d) => d === 'target' || d === 'outcome' || d === 'means');
    const needsMunicipality = by.includes('municipality' as D);
    const byHour = by.includes('hour' as D);
    const byMonth = by.includes('month' as D);
    // Counts of one slot (or the nation) from a month's flat arrays: per kind, per hour, or its total.
    const addMonth = (month: Month, slot: number | undefined, sign: number) => {
      if (byHour) {
        const hours = slot === undefined ? month.nationalHours : month.hours;
        const offset = slot === undefined ? 0 : slot * 24;
        for (let hour = 0; hour < 24; hour++) {
          cell.hour = hour;
          add(sign * hours[offset + hour]!);
        }
      } else if (needsKind) {
        const kinds = slot === undefined ? month.national : month.kinds;
        const offset = slot === undefined ? 0 : slot * KINDS;
        for (let kind = 0; kind < KINDS; kind++) {
          cell.kind = kind;
          add(sign * kinds[offset + kind]!);
        }
      } else add(sign * (slot === undefined ? month.national.reduce((a, b) => a + b, 0) : month.totals[slot]!));
    };
    // Every incident of a day, or those in [a, b).
    const addIncidents = (dayNo: number, sign: number, a = Number.NEGATIVE_INFINITY, b = Number.POSITIVE_INFINITY) => {
      const day = this.#days.get(dayNo);
      if (!day) return;
      cell.day = dayNo;
      if (byMonth || only !== undefined) {
        const monthNo = monthOfDay(dayNo);
        // One municipality's days: a month without its incidents has none on any of its days to look through.
        if (only !== undefined && (only < 0 || this.#months.get(monthNo)!.totals[only] === 0)) return;
        cell.month = monthNo;
      }
      const whole = a === Number.NEGATIVE_INFINITY && b === Number.POSITIVE_INFINITY;
      if (whole && only === undefined && !needsMunicipality && !byHour && !needsKind) return add(sign * day.total);
      if (whole && only === undefined && !needsMunicipality && !byHour && day.kinds) {
        for (let kind = 0; kind < KINDS; kind++) {
          cell.kind = kind;
          add(sign * day.kinds[kind]!);
        }
        return;
      }
      if (whole && day.slots && !needsKind && !byHour) {
        if (only !== undefined) {
          cell.municipality = codes[only]!;
          return add(sign * day.slots[only]!);
        }
        for (let slot = 0; slot < codes.length; slot++) {
          if (day.slots[slot] === 0) continue;
          cell.municipality = codes[slot]!;
          add(sign * day.slots[slot]!);
        }
        return;
      }
      for (let i = 0; i < day.total; i++) {
        const at = day.at[i]!;
        if (at < a || at >= b || (only !== undefined && day.slot[i] !== only)) continue;
        // Only what the groups read: the hour costs a look at the clock rule per incident.
        if (needsMunicipality) cell.municipality = codes[day.slot[i]!]!;
        cell.kind = day.kind[i]!;
        if (byHour) cell.hour = hourOf(localWallMs(at), dayNo);
        add(sign);
      }
    };

    // Whole months serve hours too when nothing but the municipality and the month is asked beside them.
    const byHourOnly = byHour && by.every((d) => d === 'hour' || d === 'municipality' || d === 'month');
    const split = splitAtDays(query.from, query.to, monthsServe(by) || byHourOnly);
    for (const stretch of split.months) {
      for (let monthNo = monthOfKey(stretch.first), end = monthOfKey(stretch.end); monthNo < end; monthNo++) {
        const month = this.#months.get(monthNo);
        if (!month) continue;
        cell.month = monthNo;
        if (only !== undefined) {
          if (only < 0) continue;
          cell.municipality = codes[only]!;
          addMonth(month, only, stretch.sign);
        } else if (needsMunicipality) {
          for (let slot = 0; slot < codes.length; slot++) {
            if (month.totals[slot] === 0) continue;
            cell.municipality = codes[slot]!;
            addMonth(month, slot, stretch.sign);
          }
        } else addMonth(month, undefined, stretch.sign);
      }
    }
    for (const stretch of split.days) {
      for (let dayNo = dayNumber(stretch.first), end = dayNumber(stretch.end); dayNo < end; dayNo++) addIncidents(dayNo, stretch.sign);
    }
    for (const [from, to] of split.edges) {
      const [a, b] = [from.getTime(), to.getTime()];
      const last = Math.floor(localWallMs(b - 1) / DAY_MS);
      for (let dayNo = Math.floor(localWallMs(a) / DAY_MS); dayNo <= last; dayNo++) addIncidents(dayNo, 1, a, b);
    }
    return groups;
  }

  /** The moments (epoch ms) of the counted incidents in [from, to), in order. */
  times(from: number, to: number, municipalityCode?: string): number[] {
    const only = this.#slotOfCode(municipalityCode);
    const found: number[] = [];
    if (to <= from) return found;
    const last = Math.floor(localWallMs(to - 1) / DAY_MS);
    for (let dayNo = Math.floor(localWallMs(from) / DAY_MS); dayNo <= last; dayNo++) {
      const day = this.#days.get(dayNo);
      if (!day) continue;
      for (let i = 0; i < day.total; i++) {
        const at = day.at[i]!;
        if (at >= from && at < to && (only === undefined || day.slot[i] === only)) found.push(at);
      }
    }
    return found.sort((x, y) => x - y);
  }
}
