// Keeps small answers that change only when the register does (coverage, a user's roles, whether demo
// data is loaded) in memory, per database handle, for as long as the register's generation marker
// (migration 006) is unchanged; a write anywhere (any process) drops them. The figures themselves are not
// kept here: they read the kept counts (incident-counts.ts), which a write updates instead of invalidating.
import type { Db } from './db.js';

interface Snapshot {
  generation: string;
  /** Answers that hold until the generation changes, by key. */
  memo: Map<string, Promise<unknown>>;
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
  const fresh: Snapshot = { generation, memo: new Map() };
  snapshots.set(db, fresh);
  return fresh;
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
