// The one HTTP server of the web role: health, metrics, the Slack receiver and the ingest API mount here.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
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

export function createHttpServer(port: number, logger: Logger): HttpServer {
  const routes = new Map<string, RequestHandler>();
  const mounts: { prefix: string; handler: RequestHandler }[] = [];

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const handler =
      routes.get(`${req.method} ${path}`) ?? mounts.find((m) => path.startsWith(m.prefix))?.handler;
    if (!handler) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"niet gevonden"}');
      return;
    }
    Promise.resolve(handler(req, res)).catch((error: unknown) => {
      logger.error({ err: error, path }, 'http handler failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"error":"interne fout"}');
    });
  });
  server.keepAliveTimeout = 65_000;

  return {
    server,
    route: (method, path, handler) => void routes.set(`${method.toUpperCase()} ${path}`, handler),
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
