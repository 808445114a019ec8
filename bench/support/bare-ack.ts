// The floor of the slash-command benchmark, in a process of its own like the bot: our HTTP server with the
// same signature-guarded Bolt receiver, and a `/ote` handler that only acks. Prints `port N` when listening.
// Env: SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, SLACK_API_URL.
import { App, webApi } from '@slack/bolt';
import { createHttpServer } from '../../src/http/server.js';
import { silentLogger } from '../../src/logger.js';
import { boltLogger } from '../../src/platforms/slack/bolt-logger.js';
import { createSlackHttpReceiver } from '../../src/platforms/slack/http-receiver.js';

const env = process.env as Record<string, string>;
const http = createHttpServer(0, silentLogger);
const libraryLogger = boltLogger(silentLogger);
const { receiver, handler } = createSlackHttpReceiver({ signingSecret: env.SLACK_SIGNING_SECRET ?? '', logger: silentLogger, boltLogger: libraryLogger });
const app = new App({
  token: env.SLACK_BOT_TOKEN, botId: 'BFAKEBOT1', botUserId: 'UFAKEBOT1', receiver, logger: libraryLogger, tokenVerificationEnabled: false, convoStore: false,
  clientOptions: { slackApiUrl: env.SLACK_API_URL, logger: libraryLogger } satisfies webApi.WebClientOptions,
});
app.command('/ote', async ({ ack }) => ack());
http.mount('/slack/', handler);
const port = await http.listen();
process.stdout.write(`port ${port}\n`);
process.once('SIGTERM', () => void http.close().then(() => process.exit(0)));
