// The composition root: builds every collaborator from the parsed config and exposes start()/stop().
// Which parts run depends on the process roles: `web` (HTTP), `worker` (jobs, clock), `console` (REPL).
// Collaborators are finished before anything holds them: posters, then the queue, then the runtime
// commands run in, then the inbound parts that receive commands.
import { configSecrets, type Config } from './config.js';
import type { CommandRuntime } from './commands/dispatch.js';
import { createMunicipalityIndex, lazyMunicipalityIndex, type MunicipalityIndex } from './domain/municipalities.js';
import type { HttpServer } from './http/server.js';
import { lifecycle, type Part, type ProcessRole } from './lifecycle.js';
import type { Terminal } from './platforms/adapter.js';
import { platforms as registeredPlatforms } from './platforms/index.js';
import { openPlatforms, postersOf } from './platforms/open.js';
import type { PlatformRegistry } from './platforms/registry.js';
import type { JobDefinition } from './queue/job.js';
import type { QueueWiring } from './queue/wiring.js';
import { createLogger, redactValues, type Logger } from './logger.js';
import { loadFormerMunicipalities, loadMunicipalities } from './reference/municipalities.js';
import { openDatabase, type Db } from './store/db.js';
import { DependencyError, explainFailure } from './dependency-error.js';
import { translate } from './i18n/index.js';
import { DataDirInUse } from './store/data-dir-lock.js';
import { attachCountMirror } from './store/count-mirror.js';
import { migrate } from './store/migrate.js';

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
  /** The foreground work of the started parts (the console's prompt); resolves at once when there is none. */
  run(): Promise<void>;
  stop(): Promise<void>;
}

export interface CreateAppOptions {
  roles: readonly ProcessRole[];
  logger?: Logger;
  /** For tests: the jobs the queue knows instead of the registry in jobs/index.ts. */
  jobs?: readonly JobDefinition[];
  /** For tests: the BullMQ key prefix (default `ote`). */
  queuePrefix?: string;
  /** For tests: how often the shared queue checks that Redis was not wiped (default 30 s). */
  queueMarkerEveryMs?: number;
  /** The platforms this process knows (default: the registry in src/platforms/index.ts). */
  platforms?: PlatformRegistry;
  /** Where the console reads and writes, and who types there (default: stdin, stdout, CONSOLE_ROLE). */
  terminal?: Terminal;
}

/** The database, migrated; one that cannot be reached is named with its address and DATABASE_URL. */
async function openMigrated(config: Config): Promise<Db> {
  const deadlines = { connectMs: config.DATABASE_CONNECT_TIMEOUT_MS, statementMs: config.DATABASE_STATEMENT_TIMEOUT_MS };
  try {
    const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, deadlines });
    await migrate(db).catch(async (error: unknown) => {
      await db.close().catch(() => undefined);
      throw error;
    });
    return db;
  } catch (error) {
    if (error instanceof DataDirInUse) throw new DependencyError(translate(config.BOT_LANG, 'dependency.dataDirInUse', { dir: error.dir, pid: error.pid }), { cause: error });
    if (!config.DATABASE_URL) throw error;
    const dependency = { what: 'database', url: config.DATABASE_URL, defaultPort: 5432, setting: 'DATABASE_URL', timeoutMs: deadlines.connectMs } as const;
    throw explainFailure(dependency, error, config.BOT_LANG);
  }
}

export async function createApp(config: Config, options: CreateAppOptions): Promise<App> {
  const platforms = options.platforms ?? registeredPlatforms;
  redactValues(configSecrets(config, platforms));
  const logger = options.logger ?? createLogger(config.LOG_LEVEL ?? (options.roles.includes('console') ? 'warn' : 'info'));
  const db = await openMigrated(config);
  // A process with a lifetime reads the municipality list at start, so a broken list stops the start; a
  // one-shot command reads it only when it names or lists a municipality.
  const buildIndex = () => createMunicipalityIndex(loadMunicipalities(), loadFormerMunicipalities());
  const municipalities = options.roles.length > 0 ? buildIndex() : lazyMunicipalityIndex(buildIndex);
  const parts: Part[] = [];
  const descriptions: string[] = [
    db.kind === 'postgres' ? 'Database: PostgreSQL (DATABASE_URL)' : `Database: ingebouwde PGlite in ${config.DATA_DIR}`,
  ];
  const announce = (line: string) => void descriptions.push(line);

  // A long-running process counts from the counted incidents it holds in memory (src/store/count-mirror.ts),
  // filled before it takes requests; a one-shot command counts in the database.
  if (options.roles.length > 0) {
    const mirror = attachCountMirror(db);
    parts.push({ name: 'count-mirror', start: async () => void (await mirror.current()), stop: async () => undefined });
  }

  // Each part's modules (and their libraries: Redis, the queue, the HTTP stack) load only in a process that
  // runs it, so `ote say` and the console start without them.
  // With REDIS_URL, Slack's replay memory and the API rate limit are shared by every process (src/shared-state.ts).
  const shared = config.REDIS_URL && options.roles.includes('web') ? (await import('./shared-state.js')).openSharedState(config.REDIS_URL, options.queuePrefix) : undefined;
  if (shared) parts.push({ name: 'shared-state', start: async () => undefined, stop: () => shared.close() });

  let http: HttpServer | undefined;
  if (options.roles.includes('web')) {
    const { createHttpServer } = await import('./http/server.js');
    http = createHttpServer(config.PORT, logger, {
      headersTimeoutMs: config.HTTP_HEADERS_TIMEOUT_MS, bodyTimeoutMs: config.HTTP_BODY_TIMEOUT_MS, requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
      idleTimeoutMs: config.HTTP_IDLE_TIMEOUT_MS, maxConnections: config.HTTP_MAX_CONNECTIONS,
    });
    const server = http;
    parts.push({
      name: 'http',
      start: async () => announce(`HTTP: poort ${await server.listen()}`),
      stop: () => server.close(),
    });
  }

  // Every configured platform (src/platforms/index.ts), its library loaded only now; its poster serves every
  // role: digests and notices reach a platform through it. The console prints and saves charts under DATA_DIR.
  const terminal = options.terminal ?? { input: process.stdin, output: process.stdout };
  const opened = await openPlatforms(platforms, config, { db, lang: config.BOT_LANG, logger, dataDir: config.DATA_DIR, terminal, ...(shared ? { shared } : {}) });
  const posters = postersOf(opened);

  let queueing: QueueWiring | undefined;
  if (options.roles.length > 0) {
    const [{ wireQueue }, { buildDigest }, registry] = await Promise.all([import('./queue/wiring.js'), import('./digest/build.js'), options.jobs ? undefined : import('../jobs/index.js')]);
    queueing = await wireQueue({
      config, roles: options.roles, logger, db, municipalities, posters,
      buildDigest: (digestDb, index, input) => buildDigest(digestDb, index, { staleAfterDays: config.STALE_AFTER_DAYS, ...input }),
      jobs: options.jobs ?? registry!.jobs,
      ...(options.queuePrefix ? { queuePrefix: options.queuePrefix } : {}),
      ...(options.queueMarkerEveryMs ? { markerEveryMs: options.queueMarkerEveryMs } : {}),
    });
  }
  const enqueue = queueing?.queue.enqueue;
  const runtime: CommandRuntime = {
    db, municipalities, logger, defaultLang: config.BOT_LANG,
    services: { staleAfterDays: config.STALE_AFTER_DAYS, repeatWindowDays: config.REPEAT_WINDOW_DAYS, posters, ...(enqueue ? { enqueue } : {}) },
    ...(queueing ? { onCommand: queueing.metrics.onCommand } : {}),
  };

  if (http) {
    const [{ mountIngest }, { nudgeAlerts }] = await Promise.all([import('./http/ingest.js'), import('./alerts/clock.js')]);
    // POST /api/v1/incidents for police systems, bearer tokens per partner (`ote token create`);
    // GET /api/v1/openapi.json describes it. What it stores is looked at for alerts at once.
    mountIngest(http, {
      db, municipalities, logger, afterStore: () => nudgeAlerts(enqueue, logger),
      rateLimit: { capacity: config.API_RATE_CAPACITY, perMinute: config.API_RATE_PER_MINUTE }, ...(shared ? { shared } : {}),
    });
  }

  // Inbound parts: a chat platform receives `/ote` in the web role, the console its prompt in the console role.
  for (const { adapter, instance } of opened) {
    if (instance.inbound && options.roles.includes(adapter.inboundRole)) parts.push(instance.inbound({ runtime, announce, ...(http ? { http } : {}) }));
  }

  // Last, so they stop first: the clock stops enqueueing and in-flight jobs finish while adapters are up.
  if (queueing) {
    if (http) parts.push(...(await import('./http/operations.js')).mountOperations(http, { config, db, queue: queueing.queue, metrics: queueing.metrics, logger, announce }));
    parts.push(...queueing.parts);
    descriptions.push(queueing.description);
  }

  const lifetime = lifecycle(parts, logger, () => db.close());
  return {
    config,
    logger,
    db,
    municipalities,
    runtime,
    http,
    parts,
    describe: () => descriptions,
    start: () => lifetime.start(),
    run: () => lifetime.run(),
    stop: () => lifetime.stop(),
  };
}
