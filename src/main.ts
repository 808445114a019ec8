// The composition root: builds every collaborator from the parsed config and exposes start()/stop().
// Which parts run depends on the process roles: `web` (HTTP), `worker` (jobs, clock), `console` (REPL).
import { configSecrets, type Config } from './config.js';
import type { CommandRuntime } from './commands/dispatch.js';
import { createMunicipalityIndex, type MunicipalityIndex } from './domain/municipalities.js';
import { createHttpServer, type HttpServer } from './http/server.js';
import { mountIngest } from './http/ingest.js';
import { join } from 'node:path';
import { jobs as registeredJobs } from '../jobs/index.js';
import { buildDigest } from './digest/build.js';
import { createConsolePoster } from './platforms/console/poster.js';
import { openSharedState } from './shared-state.js';
import type { PlatformName, Poster } from './platforms/poster.js';
import type { JobDefinition } from './queue/job.js';
import { wireQueue, type QueueWiring } from './queue/wiring.js';
import { reconcileClockPart } from './fieldlab/reconcile-clock.js';
import { alertClockPart, nudgeAlerts } from './alerts/clock.js';
import { createLogger, redactValues, type Logger } from './logger.js';
import { loadFormerMunicipalities, loadMunicipalities } from './reference/municipalities.js';
import { openDatabase, type Db } from './store/db.js';
import { explainFailure } from './dependency-error.js';
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
  /** For tests: the jobs the queue knows instead of the registry in jobs/index.ts. */
  jobs?: readonly JobDefinition[];
  /** For tests: the BullMQ key prefix (default `ote`). */
  queuePrefix?: string;
  /** For tests: how often the shared queue checks that Redis was not wiped (default 30 s). */
  queueMarkerEveryMs?: number;
}

const STOP_TIMEOUT_MS = 10_000;

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
    if (!config.DATABASE_URL) throw error;
    const dependency = { what: 'database', url: config.DATABASE_URL, defaultPort: 5432, setting: 'DATABASE_URL', timeoutMs: deadlines.connectMs } as const;
    throw explainFailure(dependency, error, config.BOT_LANG);
  }
}

export async function createApp(config: Config, options: CreateAppOptions): Promise<App> {
  redactValues(configSecrets(config));
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const db = await openMigrated(config);
  const municipalities = createMunicipalityIndex(loadMunicipalities(), loadFormerMunicipalities());
  const runtime: CommandRuntime = { db, municipalities, logger, defaultLang: config.BOT_LANG, services: { staleAfterDays: config.STALE_AFTER_DAYS, repeatWindowDays: config.REPEAT_WINDOW_DAYS } };
  const parts: Part[] = [];
  const descriptions: string[] = [
    db.kind === 'postgres' ? 'Database: PostgreSQL (DATABASE_URL)' : `Database: ingebouwde PGlite in ${config.DATA_DIR}`,
  ];

  // With REDIS_URL, Slack's replay memory and the API rate limit are shared by every process (src/shared-state.ts).
  const shared = config.REDIS_URL && options.roles.includes('web') ? openSharedState(config.REDIS_URL, options.queuePrefix) : undefined;
  if (shared) parts.push({ name: 'shared-state', start: async () => undefined, stop: () => shared.close() });

  let http: HttpServer | undefined;
  if (options.roles.includes('web')) {
    http = createHttpServer(config.PORT, logger, {
      headersTimeoutMs: config.HTTP_HEADERS_TIMEOUT_MS, bodyTimeoutMs: config.HTTP_BODY_TIMEOUT_MS, requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
      idleTimeoutMs: config.HTTP_IDLE_TIMEOUT_MS, maxConnections: config.HTTP_MAX_CONNECTIONS,
    });
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

  // ── Ingest API (issue 7; src/http/ingest.ts) ────────────────────────────────────────────────────
  // POST /api/v1/incidents for police systems, bearer tokens per partner (`ote token create`);
  // GET /api/v1/openapi.json describes it.
  if (http) mountIngest(http, { db, municipalities, logger, afterStore: () => nudgeAlerts(runtime.services.enqueue, logger), rateLimit: { capacity: config.API_RATE_CAPACITY, perMinute: config.API_RATE_PER_MINUTE }, ...(shared ? { shared } : {}) });
  // ─────────────────────────────────────────────────────────────────────────────────────────────────

  // Outbound posting: digests and notices reach a platform through its Poster; platform adapters add
  // theirs here (`posters.slack = …`). The console prints and saves charts under DATA_DIR/charts.
  const posters: Partial<Record<PlatformName, Poster>> = {
    console: createConsolePoster({ output: process.stdout, chartDir: join(config.DATA_DIR, 'charts') }),
  };
  runtime.services.posters = posters;

  // ── Slack (issue 3; src/platforms/slack/part.ts) ────────────────────────────────────────────────
  // With SLACK_BOT_TOKEN: the poster in every role; in the web role also `/ote`, over HTTP on
  // POST /slack/events (needs SLACK_SIGNING_SECRET) or, with SLACK_APP_TOKEN, over Socket Mode.
  // A platform's library is loaded only when that platform is configured: loading one has process-wide
  // side effects (its HTTP stack), which a process without it should not carry.
  if (config.SLACK_BOT_TOKEN) {
    const { createSlackPart } = await import('./platforms/slack/part.js');
    const { sharedReplays } = await import('./platforms/slack/shared-replays.js');
    const slack = createSlackPart({
      botToken: config.SLACK_BOT_TOKEN, signingSecret: config.SLACK_SIGNING_SECRET, appToken: config.SLACK_APP_TOKEN,
      apiUrl: config.SLACK_API_URL, adminUserIds: config.SLACK_ADMIN_USER_IDS, runtime, logger, http,
      ...(shared ? { replays: sharedReplays(shared, logger) } : {}),
      inbound: options.roles.includes('web'),
    });
    posters.slack = slack.poster;
    if (slack.part) parts.push(slack.part);
    if (slack.description) descriptions.push(slack.description);
  }
  // ─────────────────────────────────────────────────────────────────────────────────────────────────

  // ── Discord (issue 4; src/platforms/discord/part.ts) ────────────────────────────────────────────
  // With DISCORD_TOKEN: the poster in every role; in the web role also the gateway client answering
  // `/ote` (one web process per bot token: every gateway session receives every interaction).
  if (config.DISCORD_TOKEN) {
    const { createDiscordPart } = await import('./platforms/discord/part.js');
    const discord = createDiscordPart({
      token: config.DISCORD_TOKEN, apiUrl: config.DISCORD_API_URL, adminUserIds: config.DISCORD_ADMIN_USER_IDS, runtime,
      inbound: options.roles.includes('web'), announce: (line) => descriptions.push(line),
    });
    posters.discord = discord.poster;
    if (discord.part) parts.push(discord.part);
  }
  // ─────────────────────────────────────────────────────────────────────────────────────────────────

  // ── Queue, clock, health and metrics (issue 5; src/queue/wiring.ts) ─────────────────────────────
  // Last, so they stop first: the clock stops enqueueing and in-flight jobs finish while adapters are up.
  let onQueueBack: QueueWiring['onBack'];
  if (options.roles.length > 0) {
    const queueing = wireQueue({
      config, roles: options.roles, logger, db, municipalities, runtime, http, posters,
      buildDigest: (digestDb, index, input) => buildDigest(digestDb, index, { staleAfterDays: config.STALE_AFTER_DAYS, ...input }),
      jobs: options.jobs ?? registeredJobs, announce: (line) => descriptions.push(line),
      ...(options.queuePrefix ? { queuePrefix: options.queuePrefix } : {}),
      ...(options.queueMarkerEveryMs ? { markerEveryMs: options.queueMarkerEveryMs } : {}),
    });
    parts.push(...queueing.parts);
    descriptions.push(queueing.description);
    onQueueBack = queueing.onBack;
  }
  // ─────────────────────────────────────────────────────────────────────────────────────────────────

  // ── Field Lab (issue 6; src/fieldlab/reconcile-clock.ts) ────────────────────────────────────────
  // The worker makes the milestone reminder jobs match the database at start, every hour and when the
  // shared queue is back after an outage or came back empty.
  if (options.roles.includes('worker') && runtime.services.enqueue) parts.push(reconcileClockPart(runtime.services.enqueue, logger, onQueueBack));
  // Alerts: the worker sweeps for incidents to alert every few seconds (src/alerts/clock.ts).
  if (options.roles.includes('worker') && runtime.services.enqueue) parts.push(alertClockPart(runtime.services.enqueue, logger));
  // ─────────────────────────────────────────────────────────────────────────────────────────────────

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
