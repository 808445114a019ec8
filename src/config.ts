// The environment's schema. Parsed in a function so tests pass their own values; empty strings are unset.
import { z } from 'zod';
import { ROLES } from './domain/types.js';
import { LANGS } from './i18n/index.js';

const optionalText = z.string().trim().min(1).optional();
const optionalUrl = z.url().optional();
const idList = z
  .string()
  .optional()
  .transform((value) => (value ? value.split(',').map((id) => id.trim()).filter(Boolean) : []));

export const configSchema = z.object({
  DATABASE_URL: optionalUrl,
  DATA_DIR: z.string().default('./data'),
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** /metrics on a port of its own (not the public one); unset: on PORT, and only with METRICS_TOKEN. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Bearer token /metrics asks for; with neither it nor METRICS_PORT, /metrics is off. */
  METRICS_TOKEN: z.string().trim().min(16, 'minstens 16 tekens').optional(),
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  HTTP_BODY_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  HTTP_IDLE_TIMEOUT_MS: z.coerce.number().int().min(100).default(65_000),
  HTTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).default(1_000),
  /** The ingest API's allowance per token: this many at once, API_RATE_PER_MINUTE on average. */
  API_RATE_CAPACITY: z.coerce.number().int().min(1).default(30),
  API_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BOT_LANG: z.enum(LANGS).default('nl'),
  REDIS_URL: optionalUrl,

  SLACK_BOT_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_API_URL: optionalUrl,
  SLACK_ADMIN_USER_IDS: idList,

  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText,
  DISCORD_API_URL: optionalUrl,
  DISCORD_ADMIN_USER_IDS: idList,

  /** Where notices for the programme office go (escalations, paused subscriptions): `slack:C123`, `discord:456`. */
  PROGRAMME_CHANNEL: z
    .string()
    .regex(/^(slack|discord|console):\S+$/, 'verwacht platform:kanaal, bijv. slack:C0123456')
    .optional(),
  CONSOLE_ROLE: z.enum(ROLES).default('programma'),
  /** After this many days without new coverage the digest says the register is behind, and the programme office is told once. */
  STALE_AFTER_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  /** An attack is a repeat when its postcode area (without one: its municipality) had another in this many days before it. */
  REPEAT_WINDOW_DAYS: z.coerce.number().int().min(1).max(730).default(90),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const result = configSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `- ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Ongeldige configuratie:\n${lines.join('\n')}`);
  }
  return result.data;
}

/** The password of a connection string, as written and decoded; nothing when there is none. */
function urlPassword(url: string | undefined): string[] {
  if (!url) return [];
  try {
    const { password } = new URL(url);
    return password ? [password, decodeURIComponent(password)] : [];
  } catch {
    return [];
  }
}

/** Every value of the configuration that must never appear in a log line or a message. */
export function configSecrets(config: Partial<Config>): string[] {
  return [
    config.SLACK_BOT_TOKEN, config.SLACK_SIGNING_SECRET, config.SLACK_APP_TOKEN, config.DISCORD_TOKEN, config.METRICS_TOKEN,
    ...urlPassword(config.DATABASE_URL), ...urlPassword(config.REDIS_URL),
  ].filter((value): value is string => Boolean(value));
}
