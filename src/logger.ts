// Structured logs through pino. Secrets are redacted twice: by key wherever they appear in a logged object,
// and by value in the finished line, so a secret nested where no key names it (a library error carrying
// `command.args: ["AUTH", "default", "<password>"]`, a URL in a message) is hidden too. The values are the
// configuration's secrets (registered by the composition root) and anything shaped like a bearer or a
// Slack, Discord or API token.
import { pino } from 'pino';

export type Logger = pino.Logger;

export const REDACTED = '[verborgen]';

const SECRET_KEYS = ['token', 'secret', 'password', 'authorization', 'signingSecret', 'botToken', 'appToken', 'databaseUrl', 'redisUrl'];

/** Shorter values would hide ordinary words; no real secret is this short. */
const MIN_SECRET_LENGTH = 6;

/** Secret shapes that need no registration: bearer credentials, Slack tokens, our API tokens. */
const SECRET_PATTERNS: [RegExp, string][] = [
  [/\b(Bearer)(\s+|%20)[^\s"'\\,;]{8,}/gi, `$1$2${REDACTED}`],
  [/\bxox[abpeor]-[A-Za-z0-9-]{6,}/g, REDACTED],
  [/\bxapp-[A-Za-z0-9-]{6,}/g, REDACTED],
  [/\bote_[A-Za-z0-9_-]{16,}/g, REDACTED],
  // Discord bot tokens (and JWTs): three base64url parts joined by dots
  [/\b[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{20,}/g, REDACTED],
  // user:password@ in any connection string (postgres://, redis://, rediss://, …)
  [/([a-z][a-z0-9+.-]*:\/\/[^\s:@/"']*:)[^\s@/"']+@/gi, `$1${REDACTED}@`],
];

const secretValues = new Set<string>();

/**
 * Registers secret values: from now on every logger of this process writes `[verborgen]` in their place,
 * also in their URL-encoded and JSON-escaped forms.
 */
export function redactValues(values: Iterable<string | undefined>): void {
  for (const value of values) {
    if (!value || value.length < MIN_SECRET_LENGTH) continue;
    for (const form of [value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)]) secretValues.add(form);
  }
}

/** The line with every registered secret and every secret-shaped token replaced. */
export function redactText(line: string): string {
  let result = line;
  for (const value of secretValues) if (result.includes(value)) result = result.split(value).join(REDACTED);
  for (const [pattern, replacement] of SECRET_PATTERNS) result = result.replace(pattern, replacement);
  return result;
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `headers.${key}`]),
        censor: REDACTED,
      },
      hooks: { streamWrite: redactText },
    },
    destination ?? pino.destination(2),
  );
}

export const silentLogger: Logger = pino({ level: 'silent' });
