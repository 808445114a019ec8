// The Slack part the composition root starts: a Bolt app in HTTP mode (mounted on our HTTP server at
// POST /slack/events, signature-checked) or in Socket Mode (SLACK_APP_TOKEN, for partners behind a
// firewall), plus the poster the digest and reminder jobs use.
import { App, webApi } from '@slack/bolt';
import type { CommandRuntime } from '../../commands/dispatch.js';
import type { HttpServer } from '../../http/server.js';
import type { Logger } from '../../logger.js';
import type { Part } from '../../main.js';
import { seedAdmins } from '../../store/roles.js';
import type { Poster } from '../poster.js';
import { createSlackActors } from './actors.js';
import { boltLogger } from './bolt-logger.js';
import { createSlackHttpReceiver, SLACK_EVENTS_PATH } from './http-receiver.js';
import type { SharedReplays } from './shared-replays.js';
import { createSlackPoster, createSlackPostingClient, slackErrorCode } from './poster.js';
import { registerSlashCommand } from './slash-command.js';
import { registerCheckInActions } from './checkin-actions.js';
import { registerReportModal } from './report-modal.js';
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

export function createSlackPart(options: SlackPartOptions): SlackPart {
  const mode = options.appToken ? 'socket' : 'http';
  if (options.inbound && mode === 'http' && !options.signingSecret) {
    throw new SlackConfigError('SLACK_SIGNING_SECRET ontbreekt: nodig voor de HTTP-modus van Slack (of zet SLACK_APP_TOKEN voor Socket Mode).');
  }
  if (options.inbound && mode === 'http' && !options.http) throw new SlackConfigError('De HTTP-modus van Slack draait alleen in de web-rol.');

  const logger = options.logger.child({ platform: 'slack' });
  const libraryLogger = boltLogger(logger);
  const clientOptions: webApi.WebClientOptions = {
    logger: libraryLogger,
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/` } : {}),
    ...(options.retryConfig ? { retryConfig: options.retryConfig } : {}),
  };
  const client = new webApi.WebClient(options.botToken, clientOptions);
  // The poster retries itself, looking for a post whose answer was lost before sending it again.
  const posting = createSlackPoster(createSlackPostingClient(options.botToken, clientOptions), { lang: options.runtime.defaultLang, logger });
  const poster = withSlackMembers(posting, { client, groupsWithRoles: () => slackGroupsWithRoles(options.runtime.db) }); // audiences: who reads a channel
  if (!options.inbound) return { mode, poster };
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
      const common = { token: options.botToken, ...identity, clientOptions, logger: libraryLogger, tokenVerificationEnabled: false, convoStore: false as const };
      const built = receiver
        ? new App({ ...common, receiver: receiver.receiver })
        : new App({ ...common, appToken: options.appToken!, socketMode: true });
      registerSlashCommand(built, deps);
      registerCheckInActions(built, deps); // Field Lab (issue 6): the check-in buttons of milestone reminders
      registerReportModal(built, deps); // Intake (issue 7): the incident report form as a modal
      registerMembershipEvents(built); // Audiences: a member joined or left
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
  return {
    mode,
    part,
    poster,
    description: mode === 'http' ? `Slack: HTTP-modus op ${SLACK_EVENTS_PATH}` : 'Slack: Socket Mode',
  };
}
