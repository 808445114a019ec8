import type { Command } from 'commander';
import { runConsole } from '../platforms/console/repl.js';
import { join } from 'node:path';
import { PROCESS_ROLES, type App, type ProcessRole } from '../main.js';
import { countIncidents } from '../store/incidents.js';
import { loadDemoRegister } from '../store/demo.js';
import { CliError, openApp, parseActor } from './shared.js';
import { withConsoleReader } from '../platforms/console/members.js';
import { waitForAlerts } from '../alerts/settle.js';

interface StartOptions {
  role?: string;
  as?: string;
}

export function registerStart(command: Command): void {
  command
    .option('--role <rollen>', `welke delen: ${PROCESS_ROLES.join(', ')} of all (komma-gescheiden)`, 'all')
    .option('--as <rol>', 'partnerrol in de console (politie, om, gemeente:<naam>, programma, partner)')
    .action((options: StartOptions) => start(options, false));
}

export function registerConsole(command: Command): void {
  command
    .option('--as <rol>', 'partnerrol (politie, om, gemeente:<naam>, programma, partner)')
    .action((options: StartOptions) => start({ ...options, role: 'console' }, true));
}

function parseRoles(text: string, platformsConfigured: boolean): ProcessRole[] {
  if (text === 'all') return platformsConfigured ? ['web', 'worker'] : ['web', 'worker', 'console'];
  const roles = text.split(',').map((r) => r.trim());
  const unknown = roles.filter((r) => !(PROCESS_ROLES as readonly string[]).includes(r));
  if (unknown.length) throw new CliError(`Onbekende rol ‘${unknown.join(', ')}’. Kies uit: ${PROCESS_ROLES.join(', ')}, all.`);
  return roles as ProcessRole[];
}

async function start(options: StartOptions, consoleOnly: boolean): Promise<void> {
  const env = process.env;
  const platformsConfigured = Boolean(env.SLACK_BOT_TOKEN || env.DISCORD_TOKEN);
  const roles = consoleOnly ? (['console'] as ProcessRole[]) : parseRoles(options.role ?? 'all', platformsConfigured);
  const app = await openApp(roles);
  const shutdown = onceSignal(app);
  await app.start();
  for (const line of app.describe()) process.stdout.write(`• ${line}\n`);

  if (!roles.includes('console')) {
    process.stdout.write('De bot draait. Stop met Ctrl+C.\n');
    return;
  }
  const actor = parseActor(options.as, app.config.CONSOLE_ROLE, app.municipalities);
  const posters = app.runtime.services.posters ?? {};
  if (posters.console) posters.console = withConsoleReader(posters.console, actor); // audiences: the console is read by its user
  if ((await countIncidents(app.db)) === 0) {
    const loaded = await loadDemoRegister(app.db, app.municipalities, new Date());
    process.stdout.write(`• Het register was leeg: demogegevens geladen (${loaded.incidents} incidenten). Echte cijfers: ote import BESTAND.csv\n`);
  }
  process.stdout.write(`• Console als ${actor.role}${actor.municipalityCode ? ` (${app.municipalities.byCode(actor.municipalityCode)?.name})` : ''}. Typ /ote help; stop met exit of Ctrl+D.\n\n`);
  await runConsole(app.runtime, {
    actor,
    input: process.stdin,
    output: process.stdout,
    chartDir: join(app.config.DATA_DIR, 'charts'),
  });
  await waitForAlerts(app.db, posters); // alerts: what the typed commands caused is posted before stopping
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
