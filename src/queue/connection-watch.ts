// Watches the queue's Redis so that an outage is one line, not a flood, and so that the work that waited
// catches up when Redis is back. The first error after Redis was up is logged once; then a probe runs with
// a growing pause (up to `maxProbeMs`) until Redis answers, which is logged once and announced to the
// listeners. A marker key, checked every `markerEveryMs`, tells a Redis that came back empty (wiped, or
// restarted without persistence) even when no connection dropped; that is announced the same way.
import type { Logger } from '../logger.js';

export type BackReason = 'reconnected' | 'wiped';

export interface ConnectionWatchOptions {
  /** Resolves when every connection the queue adds jobs through answers. */
  probe(): Promise<void>;
  /** True when the marker is still there; sets it when it is not. */
  markerPresent(): Promise<boolean>;
  logger?: Logger;
  minProbeMs?: number;
  maxProbeMs?: number;
  markerEveryMs?: number;
}

export interface ConnectionWatch {
  readonly up: boolean;
  failed(error: unknown): void;
  onBack(listener: (reason: BackReason) => void): void;
  start(): void;
  stop(): void;
}

export const DEFAULT_MARKER_EVERY_MS = 30_000;

export function watchConnection(options: ConnectionWatchOptions): ConnectionWatch {
  const minProbeMs = options.minProbeMs ?? 500;
  const maxProbeMs = options.maxProbeMs ?? 5_000;
  const listeners: ((reason: BackReason) => void)[] = [];
  let up = true;
  let since = 0;
  let stopped = true;
  let probeTimer: NodeJS.Timeout | undefined;
  let markerTimer: NodeJS.Timeout | undefined;

  const announce = (reason: BackReason) => {
    for (const listener of listeners) listener(reason);
  };

  const probe = (pauseMs: number) => {
    probeTimer = setTimeout(async () => {
      if (stopped) return;
      try {
        await options.probe();
        const kept = await options.markerPresent();
        up = true;
        const downSeconds = Math.round((Date.now() - since) / 1000);
        if (kept) options.logger?.info({ downSeconds }, 'queue connection back');
        else options.logger?.warn({ downSeconds }, 'queue connection back, but the queue came back empty: the pending jobs are planned again');
        announce(kept ? 'reconnected' : 'wiped');
      } catch {
        probe(Math.min(pauseMs * 2, maxProbeMs));
      }
    }, pauseMs);
    probeTimer.unref();
  };

  const checkMarker = () => {
    markerTimer = setTimeout(async () => {
      if (stopped) return;
      if (up) {
        const present = await options.markerPresent().catch(() => true);
        if (!present && up) {
          options.logger?.warn('queue came back empty: the pending jobs are planned again');
          announce('wiped');
        }
      }
      checkMarker();
    }, options.markerEveryMs ?? DEFAULT_MARKER_EVERY_MS);
    markerTimer.unref();
  };

  return {
    get up() {
      return up;
    },
    failed(error) {
      if (!up || stopped) return;
      up = false;
      since = Date.now();
      options.logger?.warn({ err: error }, 'queue connection lost; jobs wait until it is back');
      probe(minProbeMs);
    },
    onBack: (listener) => void listeners.push(listener),
    start() {
      if (!stopped) return;
      stopped = false;
      void options.markerPresent().catch(() => undefined);
      checkMarker();
    },
    stop() {
      stopped = true;
      clearTimeout(probeTimer);
      clearTimeout(markerTimer);
    },
  };
}
