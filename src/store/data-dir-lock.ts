// One process at a time in an embedded data directory. PGlite has no lock of its own, and a second process
// writing to the same files (an `ote import` beside a running bot) leaves them unopenable. The lock is a
// file in the directory holding its owner's process id, made only if absent; one left by a process that has
// ended (killed, crashed) is taken over at once, so a bot restarted right after a crash starts.
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'ote.lock';

export class DataDirInUse extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(`data directory ${dir} is in use by process ${pid}`);
  }
}

export interface DataDirLock {
  release(): void;
}

/** Takes the lock of `dir` (made if missing) for this process, or throws DataDirInUse. */
export function lockDataDir(dir: string): DataDirLock {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  // Twice at most: once more after taking away a lock its owner left behind.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = ownerOf(path);
      if (owner !== undefined && (owner === process.pid || running(owner))) throw new DataDirInUse(dir, owner);
      // Two processes that find the same ended owner in the same instant could both take over; a restart
      // after a crash is one process, so this is left rather than bought with a lock on the lock.
      removeIfPresent(path);
      continue;
    }
    const release = () => {
      if (ownerOf(path) === process.pid) removeIfPresent(path);
    };
    // A process that ends without closing its database (an exit on a signal) leaves no lock either.
    process.once('exit', release);
    return {
      release() {
        process.off('exit', release);
        release();
      },
    };
  }
  throw new DataDirInUse(dir, ownerOf(path) ?? -1);
}

function ownerOf(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a process with this id exists; EPERM says it does, under another user (a bot started with sudo). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
