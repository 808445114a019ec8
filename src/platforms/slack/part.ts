// Slack once its library is loaded: the poster the digest and reminder jobs use, and the inbound part, a
// Bolt app in HTTP mode (mounted on our HTTP server at POST /slack/events, signature-checked) or in Socket
// Mode (SLACK_APP_TOKEN, for partners behind a firewall).
import { App, webApi } from '@slack/bolt';
import type { CommandRuntime } from '../../commands/dispatch.js';
import type { HttpServer } from '../../http/server.js';
import type { Logger } from '../../logger.js';
import type { Part } from '../../lifecycle.js';
import { seedAdmins } from '../../store/roles.js';
import type { Lang } from '../../i18n/index.js';
import type { Db } from '../../store/db.js';
import type { PlatformModule } from '../adapter.js';
import type { Poster } from '../poster.js';
import type { SlackSettings } from './adapter.js';
import { createSlackActors } from './actors.js';
import { boltLogger } from './bolt-logger.js';
import { createSlackHttpReceiver, SLACK_EVENTS_PATH } from './http-receiver.js';
import { sharedReplays, type SharedReplays } from './shared-replays.js';
import { createSlackPoster, createSlackPostingClient, slackErrorCode } from './poster.js';
import { registerSlashCommand } from './slash-command.js';
import { registerCheckInActions } from './checkin-actions.js';
import { registerReportModal } from './report-modal.js';
import { mountInteractions } from './interactions.js';
import { registerMembershipEvents, slackGroupsWithRoles, withSlackMembers } from './members.js';

export interface SlackPartOptions {
  botToken: string;
  /** Required in HTTP mode. */
  signingSecret?: string;
  /** Socket Mode when set. */
  appToken?: string;
  /** Another Web API base URL (a local fake in tests). */
  apiUrl?: string;
  /** Users who get the programme-office role at start, once (SLACK_ADMIN_USER_IDS). */
  adminUserIds?: readonly string[];
  runtime: CommandRuntime;
  logger: Logger;
  /** False: only the poster (a worker process); true: also receive slash commands (the web role). */
  inbound: boolean;
  /** The web role's server; required in HTTP mode. */
  http?: HttpServer;
  /** For tests: the Web API client's retry policy and the ack budget of slash commands. */
  retryConfig?: webApi.RetryOptions;
  ackBudgetMs?: number;
  /** With REDIS_URL: the replay memory every web process shares. */
  replays?: SharedReplays;
}

export interface SlackPart {
  mode: 'http' | 'socket';
  poster: Poster;
  /** The inbound adapter, when `inbound`. */
  part?: Part;
  description?: string;
}

export class SlackConfigError extends Error {}

/** Slack for the composition root: the poster at once, the inbound part once the runtime is finished. */
export const slackModule: PlatformModule<SlackSettings> = {
  open({ settings, db, lang, logger, shared }) {
    const connection = { botToken: settings.SLACK_BOT_TOKEN!, ...(settings.SLACK_API_URL ? { apiUrl: settings.SLACK_API_URL } : {}), db, lang, logger };
    const slackPoster = openSlackPoster(connection);
    return {
      poster: slackPoster.poster,
      inbound({ runtime, http, announce }) {
        const inbound = slackInbound(slackPoster, {
          ...connection, runtime, http,
          ...(settings.SLACK_SIGNING_SECRET ? { signingSecret: settings.SLACK_SIGNING_SECRET } : {}),
          ...(settings.SLACK_APP_TOKEN ? { appToken: settings.SLACK_APP_TOKEN } : {}),
          adminUserIds: settings.SLACK_ADMIN_USER_IDS,
          ...(shared ? { replays: sharedReplays(shared, slackPoster.logger) } : {}),
        });
        announce(inbound.description);
        return inbound.part;
      },
    };
  },
};

export function createSlackPart(options: SlackPartOptions): SlackPart {
  const slackPoster = openSlackPoster({ ...options, db: options.runtime.db, lang: options.runtime.defaultLang });
  if (!options.inbound) return { mode: options.appToken ? 'socket' : 'http', poster: slackPoster.poster };
  return { poster: slackPoster.poster, ...slackInbound(slackPoster, options) };
}

interface SlackConnection {
  botToken: string;
  apiUrl?: string;
  db: Db;
  lang: Lang;
  logger: Logger;
  retryConfig?: webApi.RetryOptions;
}

interface SlackPoster {
  poster: Poster;
  logger: Logger;
  libraryLogger: ReturnType<typeof boltLogger>;
  clientOptions: webApi.WebClientOptions;
  /** For reads: channel members and user groups, and the inbound part's actors. */
  client: webApi.WebClient;
}

function openSlackPoster(options: SlackConnection): SlackPoster {
  const logger = options.logger.child({ platform: 'slack' });
  const libraryLogger = boltLogger(logger);
  const clientOptions: webApi.WebClientOptions = {
    logger: libraryLogger,
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/` } : {}),
    ...(options.retryConfig ? { retryConfig: options.retryConfig } : {}),
  };
  // The poster retries itself, looking for a post whose answer was lost before sending it again.
  const posting = createSlackPoster(createSlackPostingClient(options.botToken, clientOptions), { lang: options.lang, logger });
  // Audiences: who reads a channel, and which of its user groups hold a role.
  const client = new webApi.WebClient(options.botToken, clientOptions);
  const poster = withSlackMembers(posting, { client, groupsWithRoles: () => slackGroupsWithRoles(options.db) });
  return { poster, logger, libraryLogger, clientOptions, client };
}

type InboundOptions = Omit<SlackPartOptions, 'inbound' | 'logger'>;

function slackInbound(opened: SlackPoster, options: InboundOptions): { mode: 'http' | 'socket'; part: Part; description: string } {
  const mode = options.appToken ? 'socket' : 'http';
  if (mode === 'http' && !options.signingSecret) {
    throw new SlackConfigError('SLACK_SIGNING_SECRET ontbreekt: nodig voor de HTTP-modus van Slack (of zet SLACK_APP_TOKEN voor Socket Mode).');
  }
  if (mode === 'http' && !options.http) throw new SlackConfigError('De HTTP-modus van Slack draait alleen in de web-rol.');
  const { logger, libraryLogger, clientOptions, client } = opened;
  const deps = {
    runtime: options.runtime,
    actors: createSlackActors({ db: options.runtime.db, client, logger }),
    client,
    logger,
    ...(options.ackBudgetMs !== undefined ? { ackBudgetMs: options.ackBudgetMs } : {}),
  };

  let app: App | undefined;
  const receiver =
    mode === 'http' ? createSlackHttpReceiver({ signingSecret: options.signingSecret!, logger, boltLogger: libraryLogger, ...(options.replays ? { replays: options.replays } : {}) }) : undefined;
  if (receiver) {
    // Until start() has checked the token and built the app, Slack is asked to try again later.
    options.http!.mount('/slack/', (req, res) => (app ? receiver.handler(req, res) : void res.writeHead(503).end()));
  }

  async function botIdentity(): Promise<{ botId: string; botUserId: string }> {
    const checker = new webApi.WebClient(options.botToken, { ...clientOptions, retryConfig: options.retryConfig ?? { retries: 2, minTimeout: 500 } });
    try {
      const result = await checker.auth.test();
      return { botId: result.bot_id ?? '', botUserId: result.user_id ?? '' };
    } catch (error) {
      const code = slackErrorCode(error);
      if (code) throw new SlackConfigError(`Slack weigert SLACK_BOT_TOKEN (${code}).`);
      throw error;
    }
  }

  const part: Part = {
    name: 'slack',
    async start() {
      await seedAdmins(options.runtime.db, 'slack', options.adminUserIds ?? []);
      // Knowing the bot's ids up front spares Bolt an auth.test per event.
      const identity = await botIdentity();
      // Without ignoreSelf: the bot's one middleware (interactions.ts) leaves the events the bot caused itself.
      const common = { token: options.botToken, ...identity, clientOptions, logger: libraryLogger, tokenVerificationEnabled: false, convoStore: false as const, ignoreSelf: false };
      const built = receiver
        ? new App({ ...common, receiver: receiver.receiver })
        : new App({ ...common, appToken: options.appToken!, socketMode: true });
      mountInteractions(built, (on) => {
        registerSlashCommand(on, deps); // /ote
        registerCheckInActions(on, deps); // the check-in buttons of milestone reminders
        registerReportModal(on, deps); // the incident report form as a modal
        registerMembershipEvents(on); // a member joined or left: the channel's audience is asked again
      });
      built.error(async (error) => logger.error({ err: error }, 'slack listener failed'));
      if (!receiver) await built.start();
      app = built;
    },
    async stop() {
      const running = app;
      app = undefined;
      if (running && !receiver) await running.stop();
    },
  };
  return { mode, part, description: mode === 'http' ? `Slack: HTTP-modus op ${SLACK_EVENTS_PATH}` : 'Slack: Socket Mode' };
}
