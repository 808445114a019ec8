// The environment's schema. Parsed in a function so tests pass their own values; empty strings are unset.
import { z } from 'zod';
import { optionalUrl } from './config-fields.js';
import { LANGS } from './i18n/index.js';
import { settingsOf } from './platforms/adapter.js';
import type { PlatformRegistry } from './platforms/registry.js';
import { platforms as registeredPlatforms, type PlatformSettings } from './platforms/index.js';

const baseSchema = z.object({
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
  /** Unset: `info`, and `warn` in a process that runs the console, where log lines would run through the replies. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  BOT_LANG: z.enum(LANGS).default('nl'),
  REDIS_URL: optionalUrl,
  /** After this many days without new coverage the digest says the register is behind, and the programme office is told once. */
  STALE_AFTER_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  /** An attack is a repeat when its postcode area (without one: its municipality) had another in this many days before it. */
  REPEAT_WINDOW_DAYS: z.coerce.number().int().min(1).max(730).default(90),
});

/**
 * The whole schema: the settings above, `PROGRAMME_CHANNEL` on any registered platform, and each
 * platform's own settings block (src/platforms/<name>/adapter.ts).
 */
export function configSchemaFor(platforms: PlatformRegistry) {
  const shape = Object.assign({}, ...platforms.adapters.map((adapter) => adapter.config.shape)) as z.ZodRawShape;
  return baseSchema.extend({
    /** Where notices for the programme office go (escalations, paused subscriptions): `slack:C123`, `discord:456`. */
    PROGRAMME_CHANNEL: z.string().regex(platforms.addressPattern, 'verwacht platform:kanaal, bijv. slack:C0123456').optional(),
    ...shape,
  });
}

export type Config = z.infer<typeof baseSchema> & { PROGRAMME_CHANNEL?: string | undefined } & PlatformSettings;

export class ConfigError extends Error {}

export function loadConfig(source: Record<string, string | undefined> = process.env, platforms = registeredPlatforms): Config {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const result = configSchemaFor(platforms).safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `- ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Ongeldige configuratie:\n${lines.join('\n')}`);
  }
  return result.data as Config;
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
export function configSecrets(config: Partial<Config>, platforms = registeredPlatforms): string[] {
  return [
    ...platforms.adapters.flatMap((adapter) => adapter.secrets(settingsOf(adapter, config))), config.METRICS_TOKEN,
    ...urlPassword(config.DATABASE_URL), ...urlPassword(config.REDIS_URL),
  ].filter((value): value is string => Boolean(value));
}
