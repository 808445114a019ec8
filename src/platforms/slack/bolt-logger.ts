// Bolt, the Web API client and the Socket Mode client log through our pino logger. None of them puts a
// token or the signing secret in a message; the Web API client redacts tokens from its debug lines.
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../logger.js';

export function boltLogger(logger: Logger): BoltLogger {
  let child = logger.child({ component: 'slack' });
  const text = (parts: unknown[]) => parts.map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : JSON.stringify(p))).join(' ');
  return {
    debug: (...msg: unknown[]) => child.debug(text(msg)),
    info: (...msg: unknown[]) => child.info(text(msg)),
    warn: (...msg: unknown[]) => child.warn(text(msg)),
    error: (...msg: unknown[]) => child.error(text(msg)),
    // The level is pino's, set from LOG_LEVEL; the libraries' own setLevel calls are ignored.
    setLevel: () => undefined,
    getLevel: () => (child.isLevelEnabled('debug') ? LogLevel.DEBUG : child.isLevelEnabled('info') ? LogLevel.INFO : LogLevel.WARN),
    setName: (name: string) => void (child = logger.child({ component: 'slack', name })),
  };
}
