import type { Command } from 'commander';
import { runCommandText } from '../commands/dispatch.js';
import { CONSOLE_CHANNEL } from '../platforms/console/repl.js';
import { replyFormats } from './say-formats.js';
import { baselineWasmOnly, CliError, parseActor, parseMoment, withApp } from './shared.js';
import type { CliContext } from './index.js';

export function registerSay(command: Command, cli: CliContext): void {
  command
    .argument('<tekst>', 'het commando zoals een partner het typt')
    .option('--at <moment>', 'het moment waarop het antwoord betrekking heeft (ISO 8601, Amsterdamse tijd)', parseMoment)
    .option('--as <rol>', 'de partnerrol: politie, om, gemeente:<naam>, programma, partner')
    .option('--format <formaat>', `uitvoer: ${Object.keys(replyFormats).join(', ')}`, 'text')
    .option('--lang <taal>', 'nl of en')
    .action(async (text: string, options: { at?: Date; as?: string; format: string; lang?: string }) => {
      const format = replyFormats[options.format];
      if (!format) throw new CliError(`Onbekend formaat ‘${options.format}’. Kies uit: ${Object.keys(replyFormats).join(', ')}.`);
      if (options.lang && options.lang !== 'nl' && options.lang !== 'en') throw new CliError(`Onbekende taal ‘${options.lang}’: kies nl of en.`);
      baselineWasmOnly();
      await withApp(cli, async (app) => {
        const actor = parseActor(options.as, app.config.CONSOLE_ROLE, app.municipalities);
        const reply = await runCommandText(
          text,
          { actor, channel: CONSOLE_CHANNEL, now: options.at, lang: options.lang as 'nl' | 'en' | undefined },
          app.runtime,
        );
        process.stdout.write(`${await format(reply, app)}\n`);
        if (reply.isError) process.exitCode = 1;
      });
    });
}
