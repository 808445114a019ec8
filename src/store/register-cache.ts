// Keeps the counted incidents of each local year in memory, per database handle, for as long as the
// register's generation marker (migration 006) is unchanged. Every figures command then costs one tiny
// query instead of loading thousands of rows; a write anywhere (any process) invalidates it.
import { localInstant, localParts } from '../domain/local-time.js';
import { lowerBound } from '../domain/sorted.js';
import type { CountedIncident } from '../domain/types.js';
import type { Db } from './db.js';

interface YearRows {
  /** Sorted by time; `times` holds the same instants as numbers for binary search. */
  incidents: CountedIncident[];
  times: number[];
}

interface Snapshot {
  generation: string;
  years: Map<number, Promise<YearRows>>;
  /** Other answers that hold until the generation changes, by key. */
  memo: Map<string, Promise<unknown>>;
}

interface CountedRow {
  occurred_at: Date;
  municipality_code: string;
  target: CountedIncident['target'];
  outcome: CountedIncident['outcome'];
  means: CountedIncident['means'];
}

const snapshots = new WeakMap<Db, Snapshot>();

/**
 * The current generation marker; it changes with every committed write to what the figures use and to the
 * partner roles. Known without a query when this handle's tracker is sure of it.
 */
export async function registerGeneration(db: Db): Promise<string> {
  const known = db.changes?.known();
  if (known !== undefined) return known;
  const epoch = db.changes?.epoch ?? 0;
  const [row] = await db.query<{ generation: string }>('SELECT generation FROM register_state WHERE id = 1');
  const generation = row?.generation ?? '';
  db.changes?.remember(generation, epoch);
  return generation;
}

async function currentSnapshot(db: Db): Promise<Snapshot> {
  const generation = await registerGeneration(db);
  const known = snapshots.get(db);
  if (known && known.generation === generation) return known;
  const fresh: Snapshot = { generation, years: new Map(), memo: new Map() };
  snapshots.set(db, fresh);
  return fresh;
}

async function loadYear(db: Db, year: number): Promise<YearRows> {
  const rows = await db.query<CountedRow>(
    `SELECT occurred_at, municipality_code, target, outcome, means FROM incidents
     WHERE status = 'actief' AND occurred_at >= $1 AND occurred_at < $2 ORDER BY occurred_at`,
    [localInstant(year, 1, 1).toISOString(), localInstant(year + 1, 1, 1).toISOString()],
  );
  const incidents = rows.map((r) => ({
    occurredAt: new Date(r.occurred_at),
    municipalityCode: r.municipality_code,
    target: r.target,
    outcome: r.outcome,
    means: r.means,
  }));
  return { incidents, times: incidents.map((i) => i.occurredAt.getTime()) };
}

/** Counted incidents in [from, to), optionally of one municipality, ordered by time. */
export async function cachedCountedIncidents(db: Db, from: Date, to: Date, municipalityCode?: string): Promise<CountedIncident[]> {
  if (to <= from) return [];
  const snapshot = await currentSnapshot(db);
  const result: CountedIncident[] = [];
  const lastYear = localParts(new Date(to.getTime() - 1)).year;
  for (let year = localParts(from).year; year <= lastYear; year++) {
    let loading = snapshot.years.get(year);
    if (!loading) {
      loading = loadYear(db, year);
      snapshot.years.set(year, loading);
      loading.catch(() => snapshot.years.delete(year));
    }
    const { incidents, times } = await loading;
    const end = lowerBound(times, to.getTime());
    for (let i = lowerBound(times, from.getTime()); i < end; i++) {
      const incident = incidents[i]!;
      if (!municipalityCode || incident.municipalityCode === municipalityCode) result.push(incident);
    }
  }
  return result;
}

/** `load()`'s answer, kept until the generation changes; for reads of the tables the marker covers. */
export async function cachedByGeneration<T>(db: Db, key: string, load: () => Promise<T>): Promise<T> {
  const snapshot = await currentSnapshot(db);
  let pending = snapshot.memo.get(key) as Promise<T> | undefined;
  if (!pending) {
    pending = load();
    snapshot.memo.set(key, pending);
    pending.catch(() => snapshot.memo.delete(key));
  }
  return pending;
}

export function cachedHasDemo(db: Db): Promise<boolean> {
  return cachedByGeneration(db, 'has-demo', async () => (await db.query("SELECT 1 FROM incidents WHERE source = 'demo' LIMIT 1")).length > 0);
}
