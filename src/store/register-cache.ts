// Keeps small answers in memory, per database handle, for as long as a generation marker
// (src/store/markers.ts) is unchanged; a write anywhere (any process) to what the marker covers drops them.
// By the register's marker: whether demo data is loaded, and whatever else is read from incidents (the
// figures themselves read the kept counts, incident-counts.ts, which a write updates instead of
// invalidating). By the programme's: arrests, targets, published totals, coverage, a user's roles, the
// Field Lab, the measures and the subscriptions.
import type { Db } from './db.js';
import { REGISTER, SETTINGS, type Marker } from './markers.js';

interface Snapshot {
  generation: string;
  /** Answers that hold until the generation changes, by key. */
  memo: Map<string, Promise<unknown>>;
}

const snapshots = new Map<Marker, WeakMap<Db, Snapshot>>([
  [REGISTER, new WeakMap()],
  [SETTINGS, new WeakMap()],
]);

/** The marker's current value; known without a query when this handle's tracker is sure of it. */
export async function generationOf(db: Db, marker: Marker): Promise<string> {
  const read = async () => (await db.query<{ generation: string }>(`SELECT generation FROM ${marker.table} WHERE id = 1`, [], { keep: true }))[0]?.generation ?? '';
  const changes = marker.tracker(db);
  return changes ? changes.generation(read) : read();
}

/**
 * Both markers' values, the register's then the programme's: at once when this handle's trackers are sure of
 * both, otherwise after asking the database for them together.
 */
export function bothGenerations(db: Db): readonly [string, string] | Promise<readonly [string, string]> {
  const register = REGISTER.tracker(db)?.known();
  const settings = SETTINGS.tracker(db)?.known();
  if (register !== undefined && settings !== undefined) return [register, settings];
  return Promise.all([generationOf(db, REGISTER), generationOf(db, SETTINGS)]);
}

/** The register's marker: it changes with every committed write to the incidents. */
export const registerGeneration = (db: Db): Promise<string> => generationOf(db, REGISTER);

/** The programme's marker: it changes with every committed write to the slow-changing tables (migrations 022, 023). */
export const settingsGeneration = (db: Db): Promise<string> => generationOf(db, SETTINGS);

async function currentSnapshot(db: Db, marker: Marker): Promise<Snapshot> {
  const generation = await generationOf(db, marker);
  const ofMarker = snapshots.get(marker)!;
  const known = ofMarker.get(db);
  if (known && known.generation === generation) return known;
  const fresh: Snapshot = { generation, memo: new Map() };
  ofMarker.set(db, fresh);
  return fresh;
}

/**
 * `load()`'s answer, kept until the marker changes. The answer is shared by every caller: none may change it.
 * A handle inside a transaction (no tracker) keeps nothing: it reads what it, uncommitted, wrote.
 */
export function cachedBy<T>(marker: Marker, db: Db, key: string, load: () => Promise<T>): Promise<T> {
  // The usual case, answered without a turn of its own: the generation is known and the answer kept.
  const generation = marker.tracker(db)?.known();
  const kept = generation === undefined ? undefined : snapshots.get(marker)!.get(db);
  const pending = kept?.generation === generation ? kept?.memo.get(key) : undefined;
  return (pending as Promise<T> | undefined) ?? loadOrKept(marker, db, key, load);
}

async function loadOrKept<T>(marker: Marker, db: Db, key: string, load: () => Promise<T>): Promise<T> {
  if (!marker.tracker(db)) return load();
  const snapshot = await currentSnapshot(db, marker);
  let pending = snapshot.memo.get(key) as Promise<T> | undefined;
  if (!pending) {
    pending = load();
    snapshot.memo.set(key, pending);
    pending.catch(() => snapshot.memo.delete(key));
  }
  return pending;
}

/** For reads of the incidents, which the register's marker covers (migration 006). */
export const cachedByGeneration = <T>(db: Db, key: string, load: () => Promise<T>): Promise<T> => cachedBy(REGISTER, db, key, load);

/** For reads of the slow-changing tables the programme's marker covers (migrations 022, 023). */
export const cachedBySettings = <T>(db: Db, key: string, load: () => Promise<T>): Promise<T> => cachedBy(SETTINGS, db, key, load);

export function cachedHasDemo(db: Db): Promise<boolean> {
  return cachedByGeneration(db, 'has-demo', async () => (await db.query("SELECT 1 FROM incidents WHERE source = 'demo' LIMIT 1")).length > 0);
}
