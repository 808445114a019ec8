// The groups a count adds up, each as one number: every dimension's value in a mixed radix, so a group is a
// Map key and the groups sort as their values do (categories numbered alphabetically, codes and dates of
// fixed width), the order the database gives. Pure; the in-memory counts (count-index.ts) feed it.
import type { CountDimension, CountRow } from './count-query.js';
import { MEANS, OUTCOMES, TARGETS } from './types.js';

const DAY_MS = 86_400_000;
/** target × outcome × means, as one number: target * 8 + outcome * 4 + means. */
export const KINDS = 32;

/**
 * The categories in alphabetical order, as the database sorts them: a group's number then sorts the way its
 * values do, and the index takes an incident's categories as positions in these lists.
 */
export const INDEXED_CATEGORIES = { target: [...TARGETS].sort(), outcome: [...OUTCOMES].sort(), means: [...MEANS].sort() } as const;

/** How each dimension is read from one incident or one monthly count, and how large its numbers get. */
export interface Cell {
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
/** 'YYYY-MM-DD' per day number: a year grouped by day shows 365 of them, in every such count. */
const dayKeys = new Map<number, string>();
function rememberDayKey(day: number): string {
  const key = new Date(day * DAY_MS).toISOString().slice(0, 10);
  if (dayKeys.size < 100_000) dayKeys.set(day, key);
  return key;
}
const SHOWN: Record<CountDimension, (value: number) => string | number> = {
  target: (v) => INDEXED_CATEGORIES.target[v]!,
  outcome: (v) => INDEXED_CATEGORIES.outcome[v]!,
  means: (v) => INDEXED_CATEGORIES.means[v]!,
  municipality: (v) => `GM${pad(v, 4)}`,
  month: (v) => `${pad(Math.floor(v / 12), 4)}-${pad((v % 12) + 1)}`,
  day: (v) => dayKeys.get(v) ?? rememberDayKey(v),
  hour: (v) => v,
};

/** The sums of one count's groups; without dimensions a plain total, without a key per incident or month. */
export class GroupSums<D extends CountDimension> {
  readonly #sums = new Map<number, number>();
  #total = 0;
  readonly #radix: number[];
  readonly #value: ((cell: Cell) => number)[];

  constructor(private readonly by: readonly D[]) {
    this.#radix = by.map((d) => RADIX[d]);
    this.#value = by.map((d) => VALUE[d]);
  }

  add(cell: Cell, n: number): void {
    if (n === 0) return;
    if (this.by.length === 0) {
      this.#total += n;
      return;
    }
    let key = 0;
    for (let i = 0; i < this.#radix.length; i++) key = key * this.#radix[i]! + this.#value[i]!(cell);
    this.#sums.set(key, (this.#sums.get(key) ?? 0) + n);
  }

  /** The groups with incidents, in order; without dimensions the one total. */
  rows(): CountRow<D>[] {
    if (this.by.length === 0) return [{ n: this.#total } as CountRow<D>];
    const rows: CountRow<D>[] = [];
    for (const key of Array.from(this.#sums.keys()).sort((x, y) => x - y)) {
      const n = this.#sums.get(key)!;
      if (n <= 0) continue;
      const row: Record<string, string | number> = { n };
      let rest = key;
      for (let i = this.by.length - 1; i >= 0; i--) {
        const d = this.by[i]!;
        row[d] = SHOWN[d](rest % this.#radix[i]!);
        rest = Math.floor(rest / this.#radix[i]!);
      }
      rows.push(row as CountRow<D>);
    }
    return rows;
  }
}
