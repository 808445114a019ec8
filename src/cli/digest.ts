import type { Command } from 'commander';
import { buildDigest } from '../digest/build.js';
import { replyFormats } from './say-formats.js';
import { CliError, parseMoment, resolveCliMunicipality, withApp } from './shared.js';
import type { CliContext } from './index.js';

interface DigestOptions {
  at?: Date;
  since?: Date;
  gemeente?: string;
  format: string;
  lang?: string;
}

export function registerDigest(command: Command, cli: CliContext): void {
  command
    .option('--at <moment>', 'het moment van het overzicht (ISO 8601, Amsterdamse tijd); standaard nu', parseMoment)
    .option('--since <moment>', 'het vorige overzicht; standaard 24 uur eerder', parseMoment)
    .option('--gemeente <naam>', 'beperk het incidentdeel tot één gemeente (naam of CBS-code)')
    .option('--format <formaat>', `uitvoer: ${Object.keys(replyFormats).join(', ')}`, 'text')
    .option('--lang <taal>', 'nl of en')
    .action(async (options: DigestOptions) => {
      const format = replyFormats[options.format];
      if (!format) throw new CliError(`Onbekend formaat ‘${options.format}’. Kies uit: ${Object.keys(replyFormats).join(', ')}.`);
      if (options.lang && options.lang !== 'nl' && options.lang !== 'en') throw new CliError(`Onbekende taal ‘${options.lang}’: kies nl of en.`);
      const at = options.at ?? new Date();
      if (options.since && options.since >= at) throw new CliError('--since moet vóór --at liggen.');
      await withApp(cli, async (app) => {
        const municipalityCode = options.gemeente ? resolveCliMunicipality(options.gemeente, app.municipalities).code : null;
        const reply = await buildDigest(app.db, app.municipalities, {
          municipalityCode,
          at,
          since: options.since,
          lang: (options.lang as 'nl' | 'en' | undefined) ?? app.config.BOT_LANG,
          staleAfterDays: app.config.STALE_AFTER_DAYS,
        });
        process.stdout.write(`${await format(reply, app)}\n`);
      });
    });
}
