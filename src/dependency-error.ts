// A dependency that cannot be reached at start-up (the database) is named with its address and the setting
// to check, instead of a library's bare `read ECONNRESET`, and never with its password.
import { ConfigError } from './config.js';
import { translate, type Lang, type MessageKey } from './i18n/index.js';
import { formatNumber } from './render/format.js';

export class DependencyError extends ConfigError {}

type Reason = 'refused' | 'timeout' | 'unknownHost' | 'credentials' | 'noDatabase';

const REASONS: Record<string, Reason> = {
  ECONNREFUSED: 'refused', ECONNRESET: 'refused', EPIPE: 'refused', EHOSTUNREACH: 'refused', ENETUNREACH: 'refused',
  ETIMEDOUT: 'timeout', ENOTFOUND: 'unknownHost', EAI_AGAIN: 'unknownHost',
  '28P01': 'credentials', '28000': 'credentials', '3D000': 'noDatabase',
};

/** Why a connection failed, when it is a connection failure at all (not, say, a bad migration). */
export function connectionFailure(error: unknown): Reason | undefined {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  if (code && REASONS[code]) return REASONS[code];
  if (/timeout exceeded when trying to connect|connection timeout|Query read timeout/i.test(message ?? '')) return 'timeout';
  if (/Connection terminated|Connection ended|ECONNRESET|ECONNREFUSED/i.test(message ?? '')) return 'refused';
  return undefined;
}

/** PostgreSQL's classes for a server going away: connection exceptions, shutdown, statement cancelled. */
const UNAVAILABLE_SQLSTATE = /^(08|57P0[1-3]|57014|53300)/;

/** A failure that says the database is away (for now), not that the request was wrong. */
export function databaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return connectionFailure(error) !== undefined || (typeof code === 'string' && UNAVAILABLE_SQLSTATE.test(code));
}

/** `postgres://user:secret@db:5433/ote` → `db:5433`. */
export function addressOf(url: string, defaultPort: number): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname || 'localhost'}:${parsed.port || defaultPort}`;
  } catch {
    return '?';
  }
}

export interface Dependency {
  what: 'database' | 'queue';
  url: string;
  defaultPort: number;
  setting: string;
  timeoutMs: number;
}

/** The error to show for `error`, or `error` itself when it is no connection failure. */
export function explainFailure(dependency: Dependency, error: unknown, lang: Lang): unknown {
  const reason = connectionFailure(error);
  if (!reason) return error;
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params);
  return new DependencyError(
    t('dependency.unreachable', {
      what: t(`dependency.${dependency.what}`),
      address: addressOf(dependency.url, dependency.defaultPort),
      setting: dependency.setting,
      reason: t(`dependency.reason.${reason}`, { seconds: formatNumber(dependency.timeoutMs / 1000, lang, dependency.timeoutMs % 1000 ? 1 : 0) }),
    }),
    { cause: error },
  );
}
