// The explicit registry of `ote` subcommands: one file each, one line here.
import type { Command } from 'commander';
import { registerConsole, registerStart } from './start.js';
import { registerSay } from './say.js';
import { registerMigrate } from './migrate.js';
import { registerDemo } from './demo.js';
import { registerImport } from './import.js';
import { registerDekking } from './dekking.js';
import { registerTargets } from './targets.js';
import { registerDigest } from './digest.js';
import { registerDiscord } from './discord.js';
import { registerToken } from './token.js';
import { registerAudit } from './audit.js';
import { registerInterventies } from './interventies.js';
import { registerReferences } from './references.js';

export const cliCommands: ((program: Command) => void)[] = [
  registerStart,
  registerConsole,
  registerSay,
  registerImport,
  registerDekking,
  registerDigest,
  registerTargets,
  registerDemo,
  registerMigrate,
  registerDiscord,
  registerToken,
  registerAudit,
  registerInterventies,
  registerReferences,
];
