// What runs in a process and for how long: the process roles, the parts with a lifetime, and the order
// they start and stop in. The composition root builds the parts; this module only runs them.
import type { Logger } from './logger.js';

export const PROCESS_ROLES = ['web', 'worker', 'console'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

/** Something with a lifetime: started in order, stopped in reverse order. */
export interface Part {
  name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /**
   * Work in the foreground once every part has started (the console's prompt): the process ends when it
   * returns. Parts without it run until they are stopped.
   */
  run?(): Promise<void>;
}

/** A stop that hangs (a library waiting on a dead connection) must not keep the process alive. */
export const STOP_TIMEOUT_MS = 10_000;

export interface Lifecycle {
  start(): Promise<void>;
  /** Runs the parts' foreground work, together; resolves when all of it is done (at once when there is none). */
  run(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts `parts` in order and stops them in reverse order, then `afterStop` (the database, which every
 * part may use until it stops). A failing stop is logged and the next part stops anyway; everything
 * together gets `timeoutMs`.
 */
export function lifecycle(parts: readonly Part[], logger: Logger, afterStop: () => Promise<void>, timeoutMs = STOP_TIMEOUT_MS): Lifecycle {
  return {
    async start() {
      for (const part of parts) await part.start();
    },
    async run() {
      await Promise.all(parts.map((part) => part.run?.()));
    },
    async stop() {
      const stopAll = async () => {
        for (const part of [...parts].reverse()) {
          await part.stop().catch((error: unknown) => logger.warn({ err: error, part: part.name }, 'stop failed'));
        }
        await afterStop();
      };
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        stopAll(),
        new Promise<void>((resolve) => {
          timer = setTimeout(() => {
            logger.warn('stop timed out');
            resolve();
          }, timeoutMs);
        }),
      ]);
      clearTimeout(timer);
    },
  };
}
