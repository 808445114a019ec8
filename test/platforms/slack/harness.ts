// The Slack adapter as it runs in production, over loopback: our HTTP server with the Bolt receiver
// mounted, a command runtime on a test database, and the fake Slack Web API. Shared by the Slack tests
// and the slash-command benchmark.
import type { CommandRuntime } from '../../../src/commands/dispatch.js';
import { createMunicipalityIndex, type MunicipalityIndex } from '../../../src/domain/municipalities.js';
import { createHttpServer } from '../../../src/http/server.js';
import { silentLogger, type Logger } from '../../../src/logger.js';
import { signedHeaders } from '../../../src/platforms/slack/signing.js';
import { createSlackPart, type SlackPart } from '../../../src/platforms/slack/part.js';
import { loadMunicipalities } from '../../../src/reference/municipalities.js';
import type { Db } from '../../../src/store/db.js';
import { startFakeSlack, type FakeSlack } from '../../support/fake-slack.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
/** Retries fast enough for tests, still honouring Retry-After (the client waits for it separately). */
export const FAST_RETRY = { retries: 5, factor: 1, minTimeout: 20, maxTimeout: 50 };

let index: MunicipalityIndex | undefined;
export function municipalities(): MunicipalityIndex {
  index ??= createMunicipalityIndex(loadMunicipalities());
  return index;
}

export interface SlackHarness {
  url: string;
  fake: FakeSlack;
  slack: SlackPart;
  runtime: CommandRuntime;
  /** Names of the commands that reached the dispatcher. */
  commandsRun: string[];
  /** The urlencoded body Slack sends for `/ote <text>`. */
  commandBody(text: string, who?: { userId?: string; channelId?: string }): string;
  /** POSTs a body to /slack/events with the given headers (signed for now by default). */
  post(body: string, headers?: Record<string, string>): Promise<{ status: number; text: string; json?: Record<string, unknown> }>;
  close(): Promise<void>;
}

export async function startSlackHarness(options: { db: Db; ackBudgetMs?: number; logger?: Logger }): Promise<SlackHarness> {
  const fake = await startFakeSlack();
  const http = createHttpServer(0, silentLogger);
  const commandsRun: string[] = [];
  const runtime: CommandRuntime = {
    db: options.db,
    municipalities: municipalities(),
    logger: silentLogger,
    defaultLang: 'nl',
    services: {},
    onCommand: (name) => void commandsRun.push(name),
  };
  const slack = createSlackPart({
    botToken: fake.token,
    signingSecret: SIGNING_SECRET,
    apiUrl: fake.apiUrl,
    runtime,
    logger: options.logger ?? silentLogger,
    inbound: true,
    http,
    retryConfig: FAST_RETRY,
    ...(options.ackBudgetMs !== undefined ? { ackBudgetMs: options.ackBudgetMs } : {}),
  });
  const port = await http.listen();
  await slack.part!.start();
  const url = `http://127.0.0.1:${port}/slack/events`;

  return {
    url,
    fake,
    slack,
    runtime,
    commandsRun,
    commandBody(text, who = {}) {
      return new URLSearchParams({
        token: 'deprecated-verification-token',
        team_id: 'TFAKE0001',
        team_domain: 'ote-test',
        channel_id: who.channelId ?? 'C0PARTNERS',
        channel_name: 'partners',
        user_id: who.userId ?? 'U0PARTNER1',
        user_name: 'partner',
        command: '/ote',
        text,
        api_app_id: 'A0OTEBOT01',
        is_enterprise_install: 'false',
        response_url: fake.responseUrl(),
        trigger_id: '1234567890.1234567890.abcdef',
      }).toString();
    },
    async post(body, headers = signedHeaders(SIGNING_SECRET, body)) {
      const response = await fetch(url, { method: 'POST', headers, body });
      const text = await response.text();
      let json: Record<string, unknown> | undefined;
      try {
        json = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
      } catch {
        json = undefined;
      }
      return { status: response.status, text, ...(json ? { json } : {}) };
    },
    async close() {
      await slack.part!.stop();
      await http.close();
      await fake.close();
    },
  };
}
