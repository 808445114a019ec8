// Structured logs through pino; secrets are redacted by key wherever they appear in a logged object.
import { pino } from 'pino';

export type Logger = pino.Logger;

const SECRET_KEYS = ['token', 'secret', 'password', 'authorization', 'signingSecret', 'botToken', 'appToken', 'databaseUrl', 'redisUrl'];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `headers.${key}`]),
        censor: '[verborgen]',
      },
    },
    destination ?? pino.destination(2),
  );
}

export const silentLogger: Logger = pino({ level: 'silent' });
