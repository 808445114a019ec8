// The thread that owns PGlite for a long-running process (src/store/pglite-thread.ts): it opens the data
// directory and answers the main thread's statements, so PostgreSQL's WebAssembly runs beside the event
// loop that serves requests instead of on it. A transaction stays open here until the main thread says how
// it ends; PGlite itself keeps everything else out of it meanwhile.
import { parentPort, workerData } from 'node:worker_threads';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { openPglite } from './pglite.js';
import type { ThreadReply, ThreadRequest } from './pglite-thread.js';

const port = parentPort!;
const { dataDir, template } = workerData as { dataDir: string; template?: string };

class Rollback extends Error {}

interface OpenTransaction {
  tx: Transaction;
  /** Ends it; the message `replyId` is answered once PGlite has committed or rolled back. */
  finish(commit: boolean, replyId: number): void;
}

const transactions = new Map<number, OpenTransaction>();

function reply(message: ThreadReply): void {
  port.postMessage(message);
}

function failure(id: number, error: unknown): ThreadReply {
  const { message, code } = error as { message?: unknown; code?: unknown };
  return { id, ok: false, error: { message: String(message ?? error), ...(typeof code === 'string' ? { code } : {}) } };
}

const opened = openPglite(dataDir, template);

function begin(lite: PGlite, id: number, txId: number): void {
  let endId: number | undefined;
  lite
    .transaction(
      (tx) =>
        new Promise<void>((resolve, reject) => {
          transactions.set(txId, {
            tx,
            finish(commit, replyId) {
              endId = replyId;
              if (commit) resolve();
              else reject(new Rollback());
            },
          });
          reply({ id, ok: true });
        }),
    )
    .then(
      () => reply({ id: endId!, ok: true }),
      // Before it began, the failure is the beginning's; after, it is the commit's.
      (error: unknown) => reply(error instanceof Rollback ? { id: endId!, ok: true } : failure(endId ?? id, error)),
    )
    .finally(() => transactions.delete(txId));
}

async function handle(request: ThreadRequest): Promise<void> {
  const lite = await opened;
  const { id } = request;
  switch (request.op) {
    case 'begin':
      return begin(lite, id, request.tx);
    case 'commit':
    case 'rollback': {
      const open = transactions.get(request.tx);
      if (!open) return reply(failure(id, new Error('no such transaction')));
      return open.finish(request.op === 'commit', id);
    }
    case 'close':
      await lite.close();
      return reply({ id, ok: true });
    default: {
      const runner = request.tx === undefined ? lite : transactions.get(request.tx)?.tx;
      if (!runner) return reply(failure(id, new Error('no such transaction')));
      if (request.op === 'exec') {
        await runner.exec(request.sql);
        return reply({ id, ok: true });
      }
      const result = await runner.query(request.sql, request.params);
      return reply({ id, ok: true, rows: result.rows });
    }
  }
}

port.on('message', (request: ThreadRequest) => {
  handle(request).catch((error: unknown) => reply(failure(request.id, error)));
});

opened.then(
  () => reply({ id: 0, ok: true }),
  (error: unknown) => reply(failure(0, error)),
);
