// A failure nobody planned for: logged in full under a short error code, and told to the user as that code
// only (never a library's words, a stack trace or a secret). Every adapter and the dispatcher answer with it.
import { randomBytes } from 'node:crypto';
import { translate, type Lang } from './i18n/index.js';
import type { Logger } from './logger.js';
import { errorReply, type Reply } from './render/reply.js';

export interface InternalError {
  errorId: string;
  /** What the user reads. */
  text: string;
  reply: Reply;
}

export interface FailureLog {
  logger: Logger;
  /** The log line's message, e.g. `command failed`. */
  message: string;
  /** What the log line says about the failure besides the error, e.g. the command. */
  context?: Record<string, unknown>;
}

export function internalError(error: unknown, lang: Lang, log: FailureLog): InternalError {
  const errorId = randomBytes(4).toString('hex');
  log.logger.error({ err: error, ...log.context, errorId }, log.message);
  const text = translate(lang, 'error.internal', { errorId });
  return { errorId, text, reply: errorReply(translate(lang, 'error.title'), text) };
}
