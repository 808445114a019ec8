// The connection that LISTENs for the generation markers' notifications of one schema (src/store/markers.ts)
// and hands each to the ChangeTracker of its channel. It does not go quiet: after any loss (an error, the
// server restarting, a network cut) it reconnects with a growing pause, and a heartbeat query every
// `heartbeatMs` that gets no answer in time counts as a loss, so a half-open connection (open, but
// delivering nothing) is replaced too. While it is down no tracker knows anything and every read asks the
// database.
import pg from 'pg';
import type { ChangeTracker } from './change-tracker.js';

export interface ChangeListenerOptions {
  heartbeatMs?: number;
  /** Longest pause between reconnect attempts. */
  maxPauseMs?: number;
}

export const DEFAULT_LISTENER_HEARTBEAT_MS = 10_000;

export interface ChangeListener {
  /** Settles after the first attempt to listen, whether it worked or not. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/** `trackers`: by channel, the tracker its notifications (payload `<schema> <generation>`) go to. */
export function startChangeListener(
  connection: pg.ClientConfig,
  schema: string,
  trackers: ReadonlyMap<string, ChangeTracker>,
  options: ChangeListenerOptions = {},
): ChangeListener {
  const heartbeatMs = options.heartbeatMs ?? DEFAULT_LISTENER_HEARTBEAT_MS;
  const maxPauseMs = options.maxPauseMs ?? 10_000;
  const mine = `${schema} `;
  let closed = false;
  let client: pg.Client | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let retry: NodeJS.Timeout | undefined;
  let pauseMs = 250;

  const lost = (dead: pg.Client) => {
    if (dead !== client) return;
    client = undefined;
    clearInterval(heartbeat);
    for (const changes of trackers.values()) changes.listenerDown();
    dead.removeAllListeners('notification');
    void dead.end().catch(() => undefined);
    if (closed) return;
    retry = setTimeout(() => void connect(), pauseMs);
    retry.unref();
    pauseMs = Math.min(pauseMs * 2, maxPauseMs);
  };

  const connect = async () => {
    if (closed) return;
    const fresh = new pg.Client({ ...connection, application_name: 'ote-change-listener' });
    client = fresh;
    fresh.on('error', () => lost(fresh));
    fresh.on('end', () => lost(fresh));
    fresh.on('notification', (message) => {
      const changes = trackers.get(message.channel);
      if (changes && message.payload?.startsWith(mine)) changes.notified(message.payload.slice(mine.length));
    });
    try {
      await fresh.connect();
      for (const channel of trackers.keys()) await fresh.query(`LISTEN ${channel}`);
    } catch {
      return lost(fresh);
    }
    if (closed || client !== fresh) return void fresh.end().catch(() => undefined);
    pauseMs = 250;
    for (const changes of trackers.values()) changes.listenerUp();
    heartbeat = setInterval(() => void beat(fresh), heartbeatMs);
    heartbeat.unref();
  };

  const beat = async (current: pg.Client) => {
    let timer: NodeJS.Timeout | undefined;
    const answered = await Promise.race([
      current.query('SELECT 1').then(() => true, () => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), heartbeatMs))),
    ]);
    clearTimeout(timer);
    if (!answered) lost(current);
  };

  return {
    ready: connect(),
    async close() {
      closed = true;
      clearTimeout(retry);
      clearInterval(heartbeat);
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
    },
  };
}
