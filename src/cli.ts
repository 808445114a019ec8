// The `ote` command line. Each subcommand lives in src/cli/ and registers itself through src/cli/index.ts.
import { Command, CommanderError } from 'commander';
import { ConfigError } from './config.js';
import { cliCommands } from './cli/index.js';
import { CliError } from './cli/shared.js';

export function buildProgram(): Command {
  const program = new Command('ote')
    .description('OTE-partnerbot: cijfers, doelvoortgang, dagelijkse overzichten en Field Lab-herinneringen')
    .showHelpAfterError()
    .exitOverride();
  for (const register of cliCommands) register(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    if (error instanceof CliError || error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 1;
      return;
    }
    process.stderr.write(`Onverwachte fout: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
