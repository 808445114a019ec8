import type { Command } from 'commander';
import type { Config } from '../config.js';
import { PROCESS_ROLES, type ProcessRole } from '../lifecycle.js';
import type { App } from '../main.js';
import { settingsOf } from '../platforms/adapter.js';
import { platforms } from '../platforms/index.js';
import type { CliContext } from './index.js';
import { baselineWasmOnly, boundedHeapGrowth, CliError, openApp, parseActor } from './shared.js';

interface StartOptions {
  role?: string;
  as?: string;
}

export function registerStart(command: Command, cli: CliContext): void {
  command
    .option('--role <rollen>', `welke delen: ${PROCESS_ROLES.join(', ')} of all (komma-gescheiden)`, 'all')
    .option('--as <rol>', 'partnerrol in de console (politie, om, gemeente:<naam>, programma, partner)')
    .action((options: StartOptions) => start(cli, options, false));
}

export function registerConsole(command: Command, cli: CliContext): void {
  command
    .option('--as <rol>', 'partnerrol (politie, om, gemeente:<naam>, programma, partner)')
    .action((options: StartOptions) => start(cli, { ...options, role: 'console' }, true));
}

/** A chat platform (one that receives in the web role) has its settings: then `all` leaves the console out. */
function chatConfigured(config: Config): boolean {
  return platforms.adapters.some((adapter) => adapter.inboundRole === 'web' && adapter.configured(settingsOf(adapter, config)));
}

function parseRoles(text: string, platformsConfigured: boolean): ProcessRole[] {
  if (text === 'all') return platformsConfigured ? ['web', 'worker'] : ['web', 'worker', 'console'];
  const roles = text.split(',').map((r) => r.trim());
  const unknown = roles.filter((r) => !(PROCESS_ROLES as readonly string[]).includes(r));
  if (unknown.length) throw new CliError(`Onbekende rol ‘${unknown.join(', ')}’. Kies uit: ${PROCESS_ROLES.join(', ')}, all.`);
  return roles as ProcessRole[];
}

async function start(cli: CliContext, options: StartOptions, consoleOnly: boolean): Promise<void> {
  const config = await cli.config();
  const roles = consoleOnly ? (['console'] as ProcessRole[]) : parseRoles(options.role ?? 'all', chatConfigured(config));
  // The embedded database answers few queries once the counts are in memory (docs/architecture.md).
  if (!config.DATABASE_URL) baselineWasmOnly();
  boundedHeapGrowth();
  const app = await openApp(cli, roles, {
    terminal: { input: process.stdin, output: process.stdout, actor: (municipalities) => parseActor(options.as, config.CONSOLE_ROLE, municipalities) },
  });
  const shutdown = onceSignal(app);
  await app.start();
  for (const line of app.describe()) process.stdout.write(`• ${line}\n`);
  if (!roles.includes('console')) {
    process.stdout.write('De bot draait. Stop met Ctrl+C.\n');
    return;
  }
  await app.run();
  await shutdown();
}

/** SIGINT/SIGTERM stop the app once, within its stop timeout. */
function onceSignal(app: App): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= app.stop());
  const onSignal = () => {
    void stop().then(() => process.exit(0));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return stop;
}
