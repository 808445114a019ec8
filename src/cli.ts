// The `ote` command line. Each subcommand lives in src/cli/ and registers itself through src/cli/index.ts;
// only the one that runs is loaded.
import { Command, CommanderError } from 'commander';
import { cliCommands, requestedCommand } from './cli/index.js';

export async function buildProgram(argv: readonly string[]): Promise<Command> {
  const program = new Command('ote')
    .description('OTE-partnerbot: cijfers, doelvoortgang, dagelijkse overzichten en Field Lab-herinneringen')
    .showHelpAfterError()
    .exitOverride();
  const wanted = requestedCommand(argv);
  const register = wanted ? await wanted.load() : undefined;
  for (const entry of cliCommands) {
    const command = program.command(entry.name).description(entry.description);
    if (entry === wanted) register!(command);
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
