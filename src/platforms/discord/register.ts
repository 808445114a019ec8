// Registers the application commands, for one server (to try changes) or globally, and writes only when
// what Discord has differs from what we would write: Discord limits command writes per day.
import { Routes, type REST } from 'discord.js';
import type { CommandJson } from './definitions.js';

export interface RegisterOptions {
  rest: REST;
  applicationId: string;
  /** A server id for a guild registration; global otherwise. */
  guildId?: string;
  commands: CommandJson[];
}

export interface RegisterResult {
  changed: boolean;
  scope: 'guild' | 'global';
}

export async function registerCommands(options: RegisterOptions): Promise<RegisterResult> {
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.applicationId, options.guildId)
    : Routes.applicationCommands(options.applicationId);
  const scope = options.guildId ? 'guild' : 'global';
  // Without `with_localizations` Discord leaves the English texts out, and every compare would differ.
  const existing = (await options.rest.get(route, { query: new URLSearchParams({ with_localizations: 'true' }) })) as unknown[];
  if (sameCommands(existing, options.commands)) return { changed: false, scope };
  // A bulk overwrite: commands no longer in the list are removed, unchanged ones keep their ids.
  await options.rest.put(route, { body: options.commands });
  return { changed: true, scope };
}

/** True when Discord's commands equal the wanted ones, ignoring ids, versions and fields left at their defaults. */
export function sameCommands(existing: readonly unknown[], wanted: readonly CommandJson[]): boolean {
  const key = (list: readonly unknown[]) =>
    JSON.stringify(list.map((c) => canonicalCommand(c as Loose)).sort((a, b) => String(a.name).localeCompare(String(b.name))));
  return key(existing) === key(wanted);
}

type Loose = Record<string, unknown>;

const orNull = (value: unknown) => (value === undefined ? null : value);
const localizations = (value: unknown) => (value && Object.keys(value).length > 0 ? sortKeys(value as Loose) : null);

function canonicalCommand(c: Loose): Loose {
  return {
    type: c.type ?? 1,
    name: c.name,
    name_localizations: localizations(c.name_localizations),
    description: c.description ?? '',
    description_localizations: localizations(c.description_localizations),
    default_member_permissions: orNull(c.default_member_permissions),
    nsfw: c.nsfw ?? false,
    contexts: orNull(c.contexts),
    integration_types: c.integration_types ?? [0],
    options: canonicalOptions(c.options),
  };
}

function canonicalOptions(options: unknown): Loose[] {
  if (!Array.isArray(options)) return [];
  return options.map((o: Loose) => ({
    type: o.type,
    name: o.name,
    name_localizations: localizations(o.name_localizations),
    description: o.description,
    description_localizations: localizations(o.description_localizations),
    required: o.required ?? false,
    autocomplete: o.autocomplete ?? false,
    choices: Array.isArray(o.choices)
      ? o.choices.map((ch: Loose) => ({ name: ch.name, value: ch.value, name_localizations: localizations(ch.name_localizations) }))
      : [],
    min_value: orNull(o.min_value),
    max_value: orNull(o.max_value),
    min_length: orNull(o.min_length),
    max_length: orNull(o.max_length),
    channel_types: orNull(o.channel_types),
    options: canonicalOptions(o.options),
  }));
}

function sortKeys(value: Loose): Loose {
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));
}
