// The explicit registry of `ote` subcommands: one file each, one entry here. A subcommand's file (and with
// it the database, the platform libraries, the queue) is loaded only when that subcommand runs, so
// `ote --help` loads none of them: the overview needs only the names and descriptions below.
import type { Command } from 'commander';
import type { Config } from '../config.js';

/** What the command line's root hands every subcommand: the configuration, parsed once when first asked for. */
export interface CliContext {
  config(): Promise<Config>;
}

export interface CliCommand {
  name: string;
  description: string;
  /** Adds the subcommand's arguments, options, subcommands and action to `command`. */
  load(): Promise<(command: Command, cli: CliContext) => void>;
}

export const cliCommands: CliCommand[] = [
  {
    name: 'start',
    description: 'Start de bot: HTTP, taken en klok; zonder Slack- of Discord-configuratie ook de console',
    load: async () => (await import('./start.js')).registerStart,
  },
  {
    name: 'console',
    description: 'Alleen de console: typ /ote-commando’s zoals een partner',
    load: async () => (await import('./start.js')).registerConsole,
  },
  {
    name: 'say',
    description: 'Voert één /ote-commando uit en toont het antwoord, bijv. ote say "/ote doel" --at 2025-06-30',
    load: async () => (await import('./say.js')).registerSay,
  },
  {
    name: 'import',
    description: 'Importeert incidenten uit een CSV-export of Excel-werkmap (kolommen en hun andere namen: zie de README)',
    load: async () => (await import('./import.js')).registerImport,
  },
  {
    name: 'dekking',
    description: 'Tot wanneer het register volledig is (programmabureau): toon, zet, wis',
    load: async () => (await import('./dekking.js')).registerDekking,
  },
  {
    name: 'digest',
    description: 'Toont het dagelijks overzicht zoals het in een kanaal geplaatst wordt; met text wordt de grafiek als PNG bewaard',
    load: async () => (await import('./digest.js')).registerDigest,
  },
  {
    name: 'doelen',
    description: 'Doelen en gepubliceerde totalen (programmabureau)',
    load: async () => (await import('./targets.js')).registerTargets,
  },
  {
    name: 'demo',
    description: 'Demogegevens: een register dat de gepubliceerde cijfers volgt',
    load: async () => (await import('./demo.js')).registerDemo,
  },
  {
    name: 'migrate',
    description: 'Past de databasemigraties toe (gebeurt ook bij elke start)',
    load: async () => (await import('./migrate.js')).registerMigrate,
  },
  {
    name: 'discord',
    description: 'Beheer van de Discord-applicatie',
    load: async () => (await import('./discord.js')).registerDiscord,
  },
  {
    name: 'token',
    description: 'API-tokens voor POST /api/v1/incidents: aanmaken, intrekken, tonen',
    load: async () => (await import('./token.js')).registerToken,
  },
  {
    name: 'audit',
    description: 'De audittrail: wijzigingen en inzage in incidentdetails',
    load: async () => (await import('./audit.js')).registerAudit,
  },
  {
    name: 'interventies',
    description: 'Field Lab-interventies beheren',
    load: async () => (await import('./interventies.js')).registerInterventies,
  },
  {
    name: 'referenties',
    description: 'Toont referenties die alleen in hoofd- en kleine letters verschillen (niet samengevoegd)',
    load: async () => (await import('./references.js')).registerReferences,
  },
];

/** The subcommand `argv` (as process.argv) asks for, also in `ote help <name>`; undefined for the overview. */
export function requestedCommand(argv: readonly string[]): CliCommand | undefined {
  const words = argv.slice(2).filter((word) => !word.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  return cliCommands.find((entry) => entry.name === name);
}
