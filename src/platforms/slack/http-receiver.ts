// Bolt's HTTPReceiver mounted on our own HTTP server at `POST /slack/events`, behind the request guard:
// a request that is unsigned, tampered, stale or replayed gets 401 and never reaches Bolt or a command.
// Unsigned and stale requests are refused on their headers, before a byte of the body is read.
import type { ServerResponse } from 'node:http';
import { HTTPReceiver, type Logger as BoltLogger } from '@slack/bolt';
import { readBody } from '../../http/body.js';
import type { RequestHandler } from '../../http/server.js';
import type { Logger } from '../../logger.js';
import type { SharedReplays } from './shared-replays.js';
import { RequestGuard } from './signing.js';

export const SLACK_EVENTS_PATH = '/slack/events';
/** Slash commands and interactions are a few kB; anything far larger is not Slack. */
const BODY_LIMIT = 1024 * 1024;
/** A refused request's body up to this size is drained rather than cut off mid-send. */
const SMALL_BODY = 64 * 1024;

export interface SlackHttpReceiver {
  receiver: HTTPReceiver;
  /** Mount under `/slack/`. */
  handler: RequestHandler;
}

export function createSlackHttpReceiver(options: {
  signingSecret: string;
  logger: Logger;
  boltLogger: BoltLogger;
  now?: () => number;
  /** With REDIS_URL: replays are refused across every web process, not only within this one. */
  replays?: SharedReplays;
}): SlackHttpReceiver {
  const guard = new RequestGuard(options.signingSecret, options.now);
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    // The guard has checked signature, age and replay before Bolt sees a request; a second check would only
    // parse and hash every request again.
    signatureVerification: false,
    endpoints: [SLACK_EVENTS_PATH],
    logger: options.boltLogger,
    bodyLimit: BODY_LIMIT,
  });

  const handler: RequestHandler = async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'POST' || path !== SLACK_EVENTS_PATH) {
      res.writeHead(404).end();
      return;
    }
    const early = guard.checkHeaders(req.headers);
    if (!early.ok) {
      options.logger.warn({ reason: early.reason }, 'slack request refused');
      // A small body is read and dropped by Node after the answer, so the client can finish sending it; a
      // large or unknown one is not waited for: the connection closes with the answer.
      const small = Number(req.headers['content-length']) <= SMALL_BODY;
      res.writeHead(401, small ? {} : { connection: 'close' }).end();
      return;
    }
    const body = await readBody(req, BODY_LIMIT);
    if (!body.ok) {
      if (body.problem === 'too-large') res.writeHead(413, { connection: 'close' }).end();
      else res.destroy();
      return;
    }
    let verdict = guard.check(req.headers, body.bytes);
    if (verdict.ok && options.replays && !(await options.replays.firstSeen(String(req.headers['x-slack-signature'])))) {
      verdict = { ok: false, reason: 'replayed' };
    }
    if (!verdict.ok) {
      options.logger.warn({ reason: verdict.reason }, 'slack request refused');
      res.writeHead(401).end();
      return;
    }
    // Bolt reads the body we already buffered from `rawBody` instead of the (consumed) stream.
    Object.assign(req, { rawBody: body.bytes });
    receiver.requestListener(req, res as ServerResponse);
  };
  return { receiver, handler };
}
