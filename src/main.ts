// The composition root: builds every collaborator from the parsed config and exposes start()/stop().
// Which parts run depends on the process roles: `web` (HTTP), `worker` (jobs, clock), `console` (REPL).
import type { Config } from './config.js';
import type { CommandRuntime } from './commands/dispatch.js';
import { createMunicipalityIndex, type MunicipalityIndex } from './domain/municipalities.js';
import { createHttpServer, type HttpServer } from './http/server.js';
import { createLogger, type Logger } from './logger.js';
import { loadMunicipalities } from './reference/municipalities.js';
import { openDatabase, type Db } from './store/db.js';
import { migrate } from './store/migrate.js';

export const PROCESS_ROLES = ['web', 'worker', 'console'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

/** Something with a lifetime: started in order, stopped in reverse order. */
export interface Part {
  name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface App {
  config: Config;
  logger: Logger;
  db: Db;
  municipalities: MunicipalityIndex;
  runtime: CommandRuntime;
  http?: HttpServer;
  parts: Part[];
  /** One line each: what runs, e.g. `Slack: HTTP-modus op poort 3000`. */
  describe(): string[];
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface CreateAppOptions {
  roles: readonly ProcessRole[];
  logger?: Logger;
}

const STOP_TIMEOUT_MS = 10_000;

export async function createApp(config: Config, options: CreateAppOptions): Promise<App> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  await migrate(db);
  const municipalities = createMunicipalityIndex(loadMunicipalities());
  const runtime: CommandRuntime = { db, municipalities, logger, defaultLang: config.BOT_LANG, services: {} };
  const parts: Part[] = [];
  const descriptions: string[] = [
    db.kind === 'postgres' ? 'Database: PostgreSQL (DATABASE_URL)' : `Database: ingebouwde PGlite in ${config.DATA_DIR}`,
  ];

  let http: HttpServer | undefined;
  if (options.roles.includes('web')) {
    http = createHttpServer(config.PORT, logger);
    http.route('GET', '/healthz', (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'));
    const server = http;
    parts.push({
      name: 'http',
      start: async () => {
        const port = await server.listen();
        descriptions.push(`HTTP: poort ${port}`);
      },
      stop: () => server.close(),
    });
  }

  // Platform adapters, the queue and the clock register their parts here as they land.

  const app: App = {
    config,
    logger,
    db,
    municipalities,
    runtime,
    http,
    parts,
    describe: () => descriptions,
    async start() {
      for (const part of parts) await part.start();
    },
    async stop() {
      const stopAll = async () => {
        for (const part of [...parts].reverse()) {
          await part.stop().catch((error: unknown) => logger.warn({ err: error, part: part.name }, 'stop failed'));
        }
        await db.close();
      };
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        stopAll(),
        new Promise<void>((resolve) => {
          timer = setTimeout(() => {
            logger.warn('stop timed out');
            resolve();
          }, STOP_TIMEOUT_MS);
        }),
      ]);
      clearTimeout(timer);
    },
  };
  return app;
}
