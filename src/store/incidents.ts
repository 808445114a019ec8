// The incident register: reads for the figures, writes with history.
import type { Db } from './db.js';

export async function hasDemoIncidents(db: Db): Promise<boolean> {
  const rows = await db.query("SELECT 1 FROM incidents WHERE source = 'demo' LIMIT 1");
  return rows.length > 0;
}
