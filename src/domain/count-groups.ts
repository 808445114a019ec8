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
/** Dimensions as small numbers, so a group's key is computed by a switch rather than a call per dimension. */
const CODE: Record<CountDimension, number> = { target: 0, outcome: 1, means: 2, municipality: 3, month: 4, day: 5, hour: 6 };

function valueOf(code: number, cell: Cell): number {
  switch (code) {
    case 0:
      return cell.kind >> 3;
    case 1:
      return (cell.kind >> 2) & 1;
    case 2:
      return cell.kind & 3;
    case 3:
      return cell.municipality;
    case 4:
      return cell.month;
    case 5:
      return cell.day;
    default:
      return cell.hour;
  }
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/**
 * The text of a municipality code, month or day per number, kept once made: a ranking shows every
 * municipality and a year grouped by day 365 days, in every such count.
 */
function remembered(cache: Map<number, string>, value: number, make: (value: number) => string): string {
  let text = cache.get(value);
  if (text === undefined) {
    text = make(value);
    if (cache.size < 100_000) cache.set(value, text);
  }
  return text;
}
const codeTexts = new Map<number, string>();
const monthTexts = new Map<number, string>();
const dayTexts = new Map<number, string>();
const codeText = (v: number) => `GM${pad(v, 4)}`;
const monthText = (v: number) => `${pad(Math.floor(v / 12), 4)}-${pad((v % 12) + 1)}`;
const dayText = (v: number) => new Date(v * DAY_MS).toISOString().slice(0, 10);
const SHOWN: Record<CountDimension, (value: number) => string | number> = {
  target: (v) => INDEXED_CATEGORIES.target[v]!,
  outcome: (v) => INDEXED_CATEGORIES.outcome[v]!,
  means: (v) => INDEXED_CATEGORIES.means[v]!,
  municipality: (v) => remembered(codeTexts, v, codeText),
  month: (v) => remembered(monthTexts, v, monthText),
  day: (v) => remembered(dayTexts, v, dayText),
  hour: (v) => v,
};

/** Groups numbered below this are summed in an array rather than a map: a ranking, a breakdown, the hours. */
const DENSE_GROUPS = 10_000;
/**
 * One zeroed array of DENSE_GROUPS lent to a count at a time and zeroed again where it was added to, so a
 * ranking does not make and clear 40 kB per count. Counts run one after another, so one is enough.
 */
let spare: Int32Array | undefined;

/** The sums of one count's groups; without dimensions a plain total, without a key per incident or month. */
export class GroupSums<D extends CountDimension> {
  /** Counts are whole numbers far below 2³¹, so an Int32Array holds their sums. */
  #dense: Int32Array | undefined;
  /** The groups [low, high) of the dense array that were added to: a ranking reads 300 of 10,000. */
  #low = DENSE_GROUPS;
  #high = 0;
  readonly #sums = new Map<number, number>();
  #total = 0;
  /** The dense array went back to be lent again: these sums were read and are gone. */
  #spent = false;
  readonly #radix: number[];
  readonly #codes: number[];

  constructor(private readonly by: readonly D[]) {
    this.#radix = by.map((d) => RADIX[d]);
    this.#codes = by.map((d) => CODE[d]);
    const groups = this.#radix.reduce((product, radix) => product * radix, 1);
    if (by.length > 0 && groups <= DENSE_GROUPS) {
      this.#dense = spare ?? new Int32Array(DENSE_GROUPS);
      spare = undefined;
    }
  }

  add(cell: Cell, n: number): void {
    if (this.#spent) throw new Error('these sums were read already');
    if (n === 0) return;
    const codes = this.#codes;
    if (codes.length === 0) {
      this.#total += n;
      return;
    }
    let key = valueOf(codes[0]!, cell);
    for (let i = 1; i < codes.length; i++) key = key * this.#radix[i]! + valueOf(codes[i]!, cell);
    if (this.#dense) {
      this.#dense[key]! += n;
      if (key < this.#low) this.#low = key;
      if (key >= this.#high) this.#high = key + 1;
    } else this.#sums.set(key, (this.#sums.get(key) ?? 0) + n);
  }

  /** The groups with incidents, in order; without dimensions the one total. Sums in an array are read once. */
  rows(): CountRow<D>[] {
    if (this.by.length === 0) return [{ n: this.#total } as CountRow<D>];
    const rows: CountRow<D>[] = [];
    this.#each((key, n) => rows.push(this.#row(key, n)));
    return rows;
  }

  /** The groups of a count by one dimension as its value → count, in order, without a row object per group. */
  byValue(): Map<string | number, number> {
    const show = SHOWN[this.by[0]!];
    const counts = new Map<string | number, number>();
    this.#each((key, n) => counts.set(show(key), n));
    return counts;
  }

  #each(visit: (key: number, n: number) => void): void {
    if (this.#spent) throw new Error('these sums were read already');
    const dense = this.#dense;
    if (dense) {
      for (let key = this.#low; key < this.#high; key++) if (dense[key]! > 0) visit(key, dense[key]!);
      if (this.#low < this.#high) dense.fill(0, this.#low, this.#high);
      this.#dense = undefined;
      this.#spent = true;
      spare = dense;
      return;
    }
    // A typed array sorts numbers as numbers, without calling a comparison.
    for (const key of Float64Array.from(this.#sums.keys()).sort()) {
      const n = this.#sums.get(key)!;
      if (n > 0) visit(key, n);
    }
  }

  #row(key: number, n: number): CountRow<D> {
    const row: Record<string, string | number> = { n };
    let rest = key;
    for (let i = this.by.length - 1; i >= 0; i--) {
      const d = this.by[i]!;
      row[d] = SHOWN[d](rest % this.#radix[i]!);
      rest = Math.floor(rest / this.#radix[i]!);
    }
    return row as CountRow<D>;
  }
}
