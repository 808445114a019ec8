// What the CLI subcommands share: building the app from the configuration the root parsed, reading `--as`
// and `--at`.
import { setFlagsFromString } from 'node:v8';
import { InvalidArgumentError } from 'commander';
import { DateTime } from 'luxon';
import type { MunicipalityIndex } from '../domain/municipalities.js';
import { ROLES, TIME_ZONE, type Actor, type Municipality, type Role } from '../domain/types.js';
import type { ProcessRole } from '../lifecycle.js';
import type { App, CreateAppOptions } from '../main.js';
import type { CliContext } from './index.js';

export async function openApp(cli: CliContext, roles: readonly ProcessRole[], options: Omit<CreateAppOptions, 'roles'> = {}): Promise<App> {
  const config = await cli.config();
  // Loaded here, not on import: `ote --help` and argument errors never load the database or platforms.
  const { createApp } = await import('../main.js');
  return createApp(config, { ...options, roles });
}

/** Runs `fn` with an app that has no long-running parts, then closes it. */
export async function withApp<T>(cli: CliContext, fn: (app: App) => Promise<T>): Promise<T> {
  const app = await openApp(cli, []);
  try {
    return await fn(app);
  } finally {
    await app.stop();
  }
}

/**
 * V8 runs PGlite's WebAssembly on its baseline compiler only (`ote say`, and `ote start` on the embedded
 * database). The optimising tier recompiles PostgreSQL's hottest functions on the same two cores that serve,
 * which a one-shot command never gets back, and a bot that counts from memory asks too few queries to gain
 * from: measured, less memory and more commands a second (docs/architecture.md). Process-wide, and only
 * before the database opens; `ote import` keeps the optimising tier.
 */
export function baselineWasmOnly(): void {
  setFlagsFromString('--liftoff-only');
}

/**
 * V8 lets the heap of `ote start` grow to twice what its last full collection kept. Left to choose, on a
 * machine with gigabytes of memory it allows up to four times, and the web process held two to three times
 * its live heap (38 MB after the slash-command benchmark) in garbage between two full collections: measured,
 * 212-216 → 175-181 MB RSS on PostgreSQL with as many commands a second (docs/architecture.md). Process-wide.
 */
export function boundedHeapGrowth(): void {
  setFlagsFromString('--heap-growing-percent=100');
}

/** `--as politie`, `--as gemeente:Rotterdam`, `--as gemeente:GM0599`. */
export function parseActor(value: string | undefined, fallback: Role, municipalities: MunicipalityIndex): Actor {
  const [roleText, place] = (value ?? fallback).split(/:(.*)/s);
  const role = roleText?.toLowerCase() as Role;
  if (!ROLES.includes(role)) throw new CliError(`Onbekende rol ‘${roleText}’. Kies uit: ${ROLES.join(', ')}.`);
  if (role !== 'gemeente') return { platform: 'console', userId: 'console', role };
  if (!place) throw new CliError('De rol gemeente heeft een gemeente nodig, bijvoorbeeld --as gemeente:Rotterdam.');
  return { platform: 'console', userId: 'console', role, municipalityCode: resolveCliMunicipality(place, municipalities).code };
}

/** A municipality named on the command line (name or CBS code), or a CliError with suggestions. */
export function resolveCliMunicipality(name: string, municipalities: MunicipalityIndex): Municipality {
  const found = municipalities.resolve(name);
  if (found.ok) return found.municipality;
  const hint = found.suggestions.length ? ` Bedoelde u: ${found.suggestions.map((m) => m.name).join(', ')}?` : '';
  throw new CliError(`Onbekende gemeente ‘${name}’.${hint}`);
}

/** `--at 2025-06-30T12:00` (Amsterdam time without an offset) or with an offset. */
export function parseMoment(value: string): Date {
  const withZone = /([zZ]|[+-]\d{2}:?\d{2})$/.test(value) ? value : undefined;
  const date = withZone ? new Date(withZone) : amsterdamLocal(value);
  if (Number.isNaN(date.getTime())) throw new InvalidArgumentError(`‘${value}’ is geen geldig moment; gebruik bijv. 2025-06-30 of 2025-06-30T12:00.`);
  return date;
}

function amsterdamLocal(value: string): Date {
  const parsed = DateTime.fromISO(value, { zone: TIME_ZONE });
  return parsed.isValid ? parsed.toJSDate() : new Date(Number.NaN);
}

/** An error whose message is shown to the user as is, with exit code 1 and no stack trace. */
export class CliError extends Error {}
