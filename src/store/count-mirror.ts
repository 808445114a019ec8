// The counted incidents of the register held in memory by a long-running process (src/domain/count-index.ts),
// kept exactly in step with the database: whenever the register's generation marker (migration 006) has
// moved, the changes logged since (migration 020) are read with the marker in one statement and applied
// before a count is answered. A process that fell behind the log's pruning, or would read more
// changes than incidents, reads the register again instead. Handles inside a transaction, and one-shot
// commands, have no mirror and count in the database.
import { INDEXED_CATEGORIES } from '../domain/count-groups.js';
import { CountIndex, type IndexedIncident } from '../domain/count-index.js';
import type { Db } from './db.js';
import { registerGeneration } from './register-cache.js';

/** More changes than this since the last step: reading the register again is cheaper. */
const RELOAD_AFTER_CHANGES = 50_000;
const PAGE = 10_000;

const mirrors = new WeakMap<Db, CountMirror>();

/** The mirror of this handle, when it has one. */
export function mirrorOf(db: Db): CountMirror | undefined {
  return mirrors.get(db);
}

/** Gives this handle a mirror (filled on first use, or by `current()` at start). */
export function attachCountMirror(db: Db): CountMirror {
  const mirror = mirrors.get(db) ?? new CountMirror(db);
  mirrors.set(db, mirror);
  return mirror;
}

/** Columns as the index takes them: the moment in epoch ms, the number of the CBS code, category positions. */
const COLUMNS = `(extract(epoch FROM occurred_at) * 1000)::float8 AS at, substr(municipality_code, 3)::int AS municipality,
  array_position($1::text[], target) - 1 AS target, array_position($2::text[], outcome) - 1 AS outcome,
  array_position($3::text[], means) - 1 AS means`;
const CATEGORIES = [INDEXED_CATEGORIES.target, INDEXED_CATEGORIES.outcome, INDEXED_CATEGORIES.means];

export class CountMirror {
  #index = new CountIndex();
  #generation: string | undefined;
  #lastChange = 0;
  #requested = 0;
  #completed = 0;
  #running: Promise<void> | undefined;

  constructor(private readonly db: Db) {}

  /** The index, in step with the register as this handle last knew its generation. */
  async current(): Promise<CountIndex> {
    const generation = await registerGeneration(this.db);
    if (generation === this.#generation) return this.#index;
    // A step that began after this call asked has seen at least this generation.
    const ticket = ++this.#requested;
    while (this.#completed < ticket) {
      if (!this.#running) {
        const covers = this.#requested;
        this.#running = this.#step()
          .then(() => void (this.#completed = Math.max(this.#completed, covers)))
          .finally(() => (this.#running = undefined));
      }
      await this.#running;
    }
    return this.#index;
  }

  async #step(): Promise<void> {
    if (this.#generation !== undefined && (await this.#stepThroughLog())) return;
    // Until the register is read again, no count is answered from what the failed step left.
    this.#generation = undefined;
    await this.db.transaction(async (tx) => {
      // One snapshot for the marker, the log's end and the register.
      if (this.db.kind === 'postgres') await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      const [state] = await tx.query<LogState>(`${STATE_SQL} FROM register_state r, incident_count_log_state s`);
      if (!state) throw new Error('register_state is empty');
      this.#index = await loadAll(tx);
      this.#lastChange = state.last;
      this.#generation = state.generation;
    });
  }

  /**
   * The marker and the log's changes since the last step, read in one statement (so in one snapshot) and
   * applied; false when the index must be read again: the log was pruned past it, more changed than is worth
   * stepping through, or a change does not fit.
   */
  async #stepThroughLog(): Promise<boolean> {
    const [state] = await this.db.query<LogState & { changes: (IndexedIncident & { delta: number })[] | null }>(
      `${STATE_SQL}, (SELECT json_agg(c ORDER BY c.id) FROM (
         SELECT id, ${COLUMNS}, delta FROM incident_count_log WHERE id > $4 ORDER BY id LIMIT ${RELOAD_AFTER_CHANGES + 1}) AS c) AS changes
       FROM register_state r, incident_count_log_state s`,
      [...CATEGORIES, this.#lastChange],
      { keep: true },
    );
    if (!state || state.pruned > this.#lastChange || state.last - this.#lastChange > RELOAD_AFTER_CHANGES) return false;
    for (const change of state.changes ?? []) {
      if (change.delta === 0) return false;
      if (change.delta > 0) this.#index.add(change);
      else if (!this.#index.remove(change)) return false;
    }
    this.#lastChange = state.last;
    this.#generation = state.generation;
    return true;
  }
}

interface LogState {
  generation: string;
  pruned: number;
  last: number;
}

const STATE_SQL = `SELECT r.generation, s.pruned_through::float8 AS pruned, coalesce((SELECT max(id) FROM incident_count_log), 0)::float8 AS last`;

async function loadAll(tx: Db): Promise<CountIndex> {
  const index = new CountIndex();
  await tx.query(`DECLARE count_mirror_load NO SCROLL CURSOR FOR SELECT ${COLUMNS} FROM incidents WHERE status = 'actief'`, CATEGORIES);
  for (;;) {
    const page = await tx.query<IndexedIncident>(`FETCH ${PAGE} FROM count_mirror_load`);
    for (const incident of page) index.add(incident);
    if (page.length < PAGE) break;
  }
  await tx.query('CLOSE count_mirror_load');
  return index;
}
