// What this process knows of one generation marker (src/store/markers.ts), so a read need not ask the
// database for it every time. It forgets on every write made through this handle (the next read asks),
// and learns of writes made elsewhere from PostgreSQL's notifications. It never trusts what it knows for
// longer than `trustMs` without confirming it (a read then asks once, and the answer holds again), so a lost
// notification or a listener that went quiet costs at most that long of stale answers. While the
// listening connection is down it knows nothing, and every read asks.
export class ChangeTracker {
  #generation: string | undefined;
  #confirmedAt = 0;
  #epoch = 0;
  #listening: boolean;
  #asking: { epoch: number; answer: Promise<string> } | undefined;
  readonly #trustMs: number | undefined;
  readonly #now: () => number;

  /**
   * `listening`: whether writes elsewhere are heard (PGlite has no elsewhere: true for good).
   * `trustMs`: how long a known generation holds without being confirmed; unset: for good.
   */
  constructor(listening: boolean, options: { trustMs?: number; now?: () => number } = {}) {
    this.#listening = listening;
    this.#trustMs = options.trustMs;
    this.#now = options.now ?? Date.now;
  }

  /** The generation when it is known to be current; undefined means: ask the database. */
  known(): string | undefined {
    if (!this.#listening || this.#generation === undefined) return undefined;
    if (this.#trustMs !== undefined && this.#now() - this.#confirmedAt > this.#trustMs) return undefined;
    return this.#generation;
  }

  /** Whether notifications of other processes' writes arrive now. */
  get listening(): boolean {
    return this.#listening;
  }

  /** Counts writes through this handle; a read remembers its answer only if none happened meanwhile. */
  get epoch(): number {
    return this.#epoch;
  }

  /**
   * The generation: known, or read with `read` and remembered. Reads that need it while one is on its way,
   * with no write through this handle or notification between, wait for that one instead of asking too: a
   * write makes every command in flight ask at once otherwise.
   */
  generation(read: () => Promise<string>): Promise<string> {
    const known = this.known();
    if (known !== undefined) return Promise.resolve(known);
    const epoch = this.#epoch;
    if (this.#asking?.epoch === epoch) return this.#asking.answer;
    const answer = read().then((generation) => {
      this.remember(generation, epoch);
      return generation;
    });
    const asking = { epoch, answer };
    this.#asking = asking;
    const done = () => void (this.#asking === asking && (this.#asking = undefined));
    answer.then(done, done);
    return answer;
  }

  remember(generation: string, epochAtStart: number): void {
    if (epochAtStart !== this.#epoch) return;
    this.#generation = generation;
    this.#confirmedAt = this.#now();
  }

  /** A write through this handle finished: the next read asks the database. */
  written(): void {
    this.#generation = undefined;
    this.#epoch += 1;
  }

  /** Another connection committed a write and PostgreSQL told us its generation. */
  notified(generation: string): void {
    this.#generation = generation;
    this.#confirmedAt = this.#now();
    this.#epoch += 1;
  }

  /** The listening connection was lost: until it is back, every read asks. */
  listenerDown(): void {
    this.#listening = false;
    this.#generation = undefined;
    this.#epoch += 1;
  }

  /** Listening again; what was missed meanwhile is unknown, so the next read asks. */
  listenerUp(): void {
    this.#listening = true;
    this.#generation = undefined;
    this.#epoch += 1;
  }
}

/** Statements that only read; anything else (INSERT, UPDATE, WITH … , DDL) counts as a write. */
function isReadOnly(sql: string): boolean {
  return /^\s*(SELECT|SHOW)\b/i.test(sql);
}

/**
 * Tables no marker's trigger (migrations 006, 022) watches, whose own triggers keep only what no marker watches
 * either (the audit counts, migration 024): writing them leaves both generations as they were.
 */
export const OUTSIDE_GENERATION = ['audit_log'] as const;

/** Words that write or define; an `INSERT INTO` names its table. */
const WRITE_WORDS = /\b(?:INSERT\s+INTO\s+(\w+)|INSERT|UPDATE|DELETE|MERGE|INTO|TRUNCATE|CREATE|DROP|ALTER|COPY)\b/gi;

/** An INSERT, or a WITH whose parts write, into tables outside the generations only (a read with its audit line). */
function writesOnlyOutside(sql: string): boolean {
  if (!/^\s*(INSERT|WITH)\b/i.test(sql)) return false;
  const outside: readonly string[] = OUTSIDE_GENERATION;
  for (const [, table] of sql.matchAll(WRITE_WORDS)) if (!table || !outside.includes(table.toLowerCase())) return false;
  return true;
}

/**
 * Whether a statement may change a generation marker: all but reads and a statement whose only writes are
 * INSERTs into a table outside it (the audit log every command writes to, also a read written together with
 * its audit line). A second statement after a `;` may touch anything.
 */
export function mayChangeGeneration(sql: string): boolean {
  if (/;\s*\S/.test(sql)) return true;
  return !isReadOnly(sql) && !writesOnlyOutside(sql);
}
