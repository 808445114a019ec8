// For a console fed from a pipe: before it stops, the alerts its commands caused are given a few seconds
// to be posted (claimed and posted, or found to be for nobody), so `printf … | ote start` shows them.
import { DEFAULT_REPEAT_WINDOW_DAYS } from '../domain/repeats.js';
import type { PlatformName, Poster } from '../platforms/poster.js';
import { alertCandidates, staleAlerts, waitingAlerts } from '../store/alerts.js';
import type { Db } from '../store/db.js';
import { visibleCandidates } from './audience-scope.js';

export async function alertsPending(db: Db, posters: Partial<Record<PlatformName, Poster>>, now = new Date()): Promise<boolean> {
  const [waiting, stale, candidates] = await Promise.all([waitingAlerts(db), staleAlerts(db, DEFAULT_REPEAT_WINDOW_DAYS), alertCandidates(db, now)]);
  if (waiting.length > 0 || stale.length > 0) return true;
  return (await visibleCandidates(db, posters, candidates)).size > 0;
}

export async function waitForAlerts(db: Db, posters: Partial<Record<PlatformName, Poster>>, withinMs = 10_000): Promise<void> {
  const until = Date.now() + withinMs;
  while (Date.now() < until && (await alertsPending(db, posters))) await new Promise((resolve) => setTimeout(resolve, 200));
}
