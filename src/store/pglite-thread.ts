// The embedded database of a long-running process, on a thread of its own (src/store/pglite-worker.ts).
// PGlite runs PostgreSQL's WebAssembly synchronously: on the main thread every statement stops the
// requests being served for as long as it runs, and reading the register at start or after a change does
// so for a while. On its own thread the statements run beside the event loop, on the machine's other core.
// The handle speaks as PGlite does (query, exec, transaction, close), so wrapPglite serves both.
import { Worker } from 'node:worker_threads';

export interface EmbeddedRunner {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<unknown>;
}

export interface EmbeddedDatabase extends EmbeddedRunner {
  transaction<T>(fn: (tx: EmbeddedRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type ThreadRequest =
  | { id: number; op: 'query'; sql: string; params: unknown[]; tx?: number }
  | { id: number; op: 'exec'; sql: string; tx?: number }
  | { id: number; op: 'begin' | 'commit' | 'rollback'; tx: number }
  | { id: number; op: 'close' };

type Request = ThreadRequest extends infer R ? (R extends ThreadRequest ? Omit<R, 'id'> : never) : never;

export type ThreadReply =
  | { id: number; ok: true; rows?: unknown[] }
  | { id: number; ok: false; error: { message: string; code?: string } };

interface Waiting {
  resolve(reply: { rows?: unknown[] }): void;
  reject(error: Error): void;
}

/** Compiled, the thread runs pglite-worker.js; from the TypeScript sources (tests), tsx loads it first. */
function startWorker(dataDir: string, template: string | undefined): Worker {
  const workerData = { dataDir, template };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./pglite-worker.js', import.meta.url), { workerData });
  const module = new URL('./pglite-worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(module)}); })`;
  return new Worker(boot, { eval: true, workerData });
}

/** Opens PGlite in `dataDir` (as openPglite does, from `template` when given) on a worker thread; resolves once it is open. */
export async function openPgliteThread(dataDir: string, template?: string): Promise<EmbeddedDatabase> {
  const worker = startWorker(dataDir, template);
  const waiting = new Map<number, Waiting>();
  let nextId = 1;
  let nextTx = 1;
  let stopped: Error | undefined;

  const stop = (error: Error) => {
    stopped ??= error;
    for (const entry of waiting.values()) entry.reject(stopped);
    waiting.clear();
  };
  worker.on('message', (reply: ThreadReply) => {
    const entry = waiting.get(reply.id);
    if (!entry) return;
    waiting.delete(reply.id);
    if (reply.ok) entry.resolve(reply);
    else entry.reject(Object.assign(new Error(reply.error.message), reply.error.code ? { code: reply.error.code } : {}));
  });
  worker.on('error', (error) => stop(new Error(`the embedded database stopped: ${error.message}`)));
  worker.on('exit', (code) => stop(new Error(`the embedded database stopped (exit ${code})`)));

  const opened = new Promise<unknown>((resolve, reject) => waiting.set(0, { resolve, reject }));
  const call = (request: Request) =>
    new Promise<{ rows?: unknown[] }>((resolve, reject) => {
      if (stopped) return reject(stopped);
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ ...request, id });
    });
  const runner = (tx?: number): EmbeddedRunner => ({
    query: async <T>(sql: string, params: unknown[] = []) => ({ rows: ((await call({ op: 'query', sql, params, tx })).rows ?? []) as T[] }),
    exec: (sql: string) => call({ op: 'exec', sql, tx }),
  });

  try {
    await opened;
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  return {
    ...runner(),
    async transaction<T>(fn: (tx: EmbeddedRunner) => Promise<T>): Promise<T> {
      const tx = nextTx++;
      await call({ op: 'begin', tx });
      let result: T;
      try {
        result = await fn(runner(tx));
      } catch (error) {
        await call({ op: 'rollback', tx }).catch(() => undefined);
        throw error;
      }
      await call({ op: 'commit', tx });
      return result;
    },
    async close() {
      if (!stopped) await call({ op: 'close' }).catch(() => undefined);
      stop(new Error('the embedded database is closed'));
      await worker.terminate();
    },
  };
}
