// The `ote` command line. Each subcommand lives in src/cli/ and registers itself through src/cli/index.ts;
// only the one that runs is loaded.
import { Command, CommanderError } from 'commander';
import { inDutch } from './cli/commander-words.js';
import { cliCommands, requestedCommand, type CliContext } from './cli/index.js';
import type { Config } from './config.js';

/** The environment is read here and nowhere else; the schema is loaded only when a subcommand needs it. */
function cliContext(): CliContext {
  let config: Promise<Config> | undefined;
  return { config: () => (config ??= import('./config.js').then(({ loadConfig }) => loadConfig(process.env))) };
}

export async function buildProgram(argv: readonly string[]): Promise<Command> {
  const program = inDutch(new Command('ote'))
    .description('OTE-partnerbot: cijfers, doelvoortgang, dagelijkse overzichten en Field Lab-herinneringen')
    .showHelpAfterError()
    .exitOverride();
  const wanted = requestedCommand(argv);
  const register = wanted ? await wanted.load() : undefined;
  const context = cliContext();
  for (const entry of cliCommands) {
    const command = program.command(entry.name).description(entry.description);
    if (entry === wanted) register!(command, context);
  }
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await (await buildProgram(argv)).parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    // Loaded only now: `ote --help` needs neither the config schema nor the CLI helpers.
    const [{ ConfigError }, { CliError }] = await Promise.all([import('./config.js'), import('./cli/shared.js')]);
    if (error instanceof CliError || error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 1;
      return;
    }
    process.stderr.write(`Onverwachte fout: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
