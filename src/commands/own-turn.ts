// Commands start one per turn of the event loop, in the order they arrived. libuv accepts one new
// connection per turn and reads a database's answer between turns, so a turn that ran every command that
// arrived with it would keep a partner who is connecting, and a command waiting for its answer, behind all
// of them (under load: each connection and each round trip a whole busy turn late).
import { setImmediate } from 'node:timers';

const waiting: (() => void)[] = [];

/** Resolves in a later turn of its own: after the commands that asked before it have each had theirs. */
export function ownTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (waiting.length === 1) setImmediate(startNext);
  });
}

function startNext(): void {
  const start = waiting.shift()!;
  // Scheduled while this turn's immediates run, so it runs in the next turn, after that turn's I/O.
  if (waiting.length > 0) setImmediate(startNext);
  start();
}
