// The one HTTP server of the web role: health, metrics, the Slack receiver and the ingest API mount here.
// Every request has deadlines: the headers, the body (a body still arriving after `bodyTimeoutMs` is cut
// off with 408, whichever route reads it), the whole request, and idle keep-alive connections; at most
// `maxConnections` sockets are open at once.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { translate } from '../i18n/index.js';
import { internalError } from '../internal-error.js';
import type { Logger } from '../logger.js';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface HttpServer {
  /** Exact method and path, e.g. `GET /healthz`. */
  route(method: string, path: string, handler: RequestHandler): void;
  /** Every request whose path starts with `prefix` (e.g. `/slack/`). */
  mount(prefix: string, handler: RequestHandler): void;
  listen(): Promise<number>;
  close(): Promise<void>;
  readonly server: Server;
}

export interface HttpLimits {
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  requestTimeoutMs: number;
  idleTimeoutMs: number;
  maxConnections: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  idleTimeoutMs: 65_000,
  maxConnections: 1_000,
};

export function createHttpServer(port: number, logger: Logger, limits: Partial<HttpLimits> = {}): HttpServer {
  const { headersTimeoutMs, bodyTimeoutMs, requestTimeoutMs, idleTimeoutMs, maxConnections } = { ...DEFAULT_HTTP_LIMITS, ...limits };
  /** By path, then method. */
  const routes = new Map<string, Map<string, RequestHandler>>();
  const mounts: { prefix: string; handler: RequestHandler }[] = [];

  const server = createServer(
    {
      headersTimeout: Math.min(headersTimeoutMs, requestTimeoutMs),
      requestTimeout: requestTimeoutMs,
      keepAliveTimeout: idleTimeoutMs,
      // Node checks the two timeouts above on this interval; the default (30 s) would let them overrun.
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(headersTimeoutMs / 4))),
    },
    (req, res) => {
      cutOffSlowBody(req, res, bodyTimeoutMs);
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const methods = routes.get(path);
      const handler = methods?.get(req.method ?? '') ?? mounts.find((m) => path.startsWith(m.prefix))?.handler;
      if (!handler) {
        const allowed = [...(methods?.keys() ?? [])].join(', ');
        if (allowed) {
          const melding = translate('nl', 'error.methodNotAllowed', { method: req.method ?? '', allowed });
          res.writeHead(405, { 'content-type': 'application/json', allow: allowed }).end(JSON.stringify({ melding }));
        } else res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ melding: translate('nl', 'error.notFound') }));
        return;
      }
      // A handler that throws before it returns a promise fails the same way as one that rejects.
      new Promise<void>((resolve) => resolve(handler(req, res))).catch((error: unknown) => {
        const { text } = internalError(error, 'nl', { logger, message: 'http handler failed', context: { path } });
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ melding: text }));
      });
    },
  );
  server.maxConnections = maxConnections;
  // A socket that neither sends nor receives for this long is closed (idle or stuck mid-request).
  server.setTimeout(Math.max(idleTimeoutMs, requestTimeoutMs) + 1_000, (socket) => socket.destroy());

  return {
    server,
    route(method, path, handler) {
      if (!routes.has(path)) routes.set(path, new Map());
      routes.get(path)!.set(method.toUpperCase(), handler);
    },
    mount: (prefix, handler) => void mounts.push({ prefix, handler }),
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, () => {
          const address = server.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A body that has not fully arrived `ms` after the headers is cut off: 408 if no answer started, then closed. */
function cutOffSlowBody(req: IncomingMessage, res: ServerResponse, ms: number): void {
  if (req.complete) return;
  const timer = setTimeout(() => {
    if (req.complete) return;
    if (!res.headersSent) res.writeHead(408, { 'content-type': 'application/json', connection: 'close' }).end(JSON.stringify({ melding: translate('nl', 'error.tooSlow') }));
    req.socket.destroySoon();
    setTimeout(() => req.socket.destroy(), 1_000).unref();
  }, ms);
  timer.unref();
  const done = () => clearTimeout(timer);
  req.once('end', done);
  res.once('close', done);
}
