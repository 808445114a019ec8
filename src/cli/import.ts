import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import cliProgress from 'cli-progress';
import { InvalidArgumentError, type Command } from 'commander';
import { SEPARATORS, type Separator } from '../import/incident-csv.js';
import { readIncidentFile } from '../import/incident-file.js';
import { translate } from '../i18n/index.js';
import { audit } from '../store/audit.js';
import { deleteDemoData, upsertIncidents } from '../store/incidents.js';
import { CliError, withApp } from './shared.js';
import { cliWho } from './who.js';

export function registerImport(command: Command): void {
  command
    .argument('<bestand>', 'CSV-bestand of .xlsx-werkmap')
    .option('--scheiding <teken>', 'scheidingsteken van de CSV: , ; of tab (standaard: herkend uit de kopregel)', parseSeparator)
    .option('--blad <naam>', 'werkblad van de werkmap, op naam of nummer (standaard het eerste)')
    .option('--dry-run', 'alleen controleren, niets schrijven')
    .action(async (file: string, options: { dryRun?: boolean; scheiding?: Separator; blad?: string }) => {
      const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
        throw new CliError(`Kan ‘${file}’ niet lezen: ${error.code === 'ENOENT' ? 'bestand bestaat niet' : error.message}`);
      });
      await withApp(async (app) => {
        const bar = process.stdout.isTTY ? new cliProgress.SingleBar({ format: 'Controleren {bar} {value}/{total} regels' }, cliProgress.Presets.shades_classic) : null;
        let started = false;
        const onRow = (done: number, total: number) => {
          if (bar && !started) {
            bar.start(total, 0);
            started = true;
          }
          bar?.update(done);
        };
        const result = await readIncidentFile(bytes, file, app.municipalities, new Date(), {
          onRow,
          ...(options.scheiding !== undefined ? { separator: options.scheiding } : {}),
          ...(options.blad !== undefined ? { sheet: options.blad } : {}),
        });
        if (started) bar?.stop();

        if (!result.ok) {
          const lines = result.problems.map((p) => `  regel ${p.line}${p.field ? `, ${p.field}` : ''}: ${p.reason}`);
          const badLines = new Set(result.problems.map((p) => p.line)).size;
          throw new CliError(`Import geweigerd: ${badLines} ${badLines === 1 ? 'regel is' : 'regels zijn'} ongeldig. Er is niets geschreven.\n${lines.join('\n')}`);
        }
        if (options.dryRun) {
          process.stdout.write(`Controle geslaagd: ${result.incidents.length} incidenten in orde. Er is niets geschreven (--dry-run).\n`);
          return;
        }
        const { summary, demoRemoved } = await app.db.transaction(async (tx) => {
          const demoRemoved = await deleteDemoData(tx);
          const summary = await upsertIncidents(tx, result.incidents, 'import', `cli:${file}`);
          // Issue 7: one audit line per import, in the same transaction (the rows have their history).
          await audit(tx, { ...cliWho(), action: 'incident.geimporteerd', subject: basename(file), detail: { nieuw: summary.created, gecorrigeerd: summary.corrected, ongewijzigd: summary.unchanged } });
          return { summary, demoRemoved };
        });
        if (demoRemoved > 0) process.stdout.write(`Demogegevens verwijderd (${demoRemoved} incidenten).\n`);
        process.stdout.write(
          `Geïmporteerd: ${summary.created} nieuw, ${summary.corrected} gecorrigeerd, ${summary.unchanged} ongewijzigd.\n`,
        );
      });
    });
}

function parseSeparator(value: string): Separator {
  const separator = SEPARATORS[value.trim().toLowerCase() as keyof typeof SEPARATORS];
  if (!separator) throw new InvalidArgumentError(translate('nl', 'importFile.badSeparator', { value }));
  return separator;
}
