import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { readIncidentCsv } from '../import/incident-csv.js';
import { audit } from '../store/audit.js';
import { deleteDemoData, upsertIncidents } from '../store/incidents.js';
import { CliError, withApp } from './shared.js';
import { cliWho } from './who.js';

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('Importeert incidenten uit een CSV-export (id,occurred_at,municipality,target,outcome,means,postcode4)')
    .argument('<bestand>', 'CSV-bestand')
    .option('--dry-run', 'alleen controleren, niets schrijven')
    .action(async (file: string, options: { dryRun?: boolean }) => {
      const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw new CliError(`Kan ‘${file}’ niet lezen: ${error.code === 'ENOENT' ? 'bestand bestaat niet' : error.message}`);
      });
      await withApp(async (app) => {
        const bar = process.stdout.isTTY ? new cliProgress.SingleBar({ format: 'Controleren {bar} {value}/{total} regels' }, cliProgress.Presets.shades_classic) : null;
        let started = false;
        const result = readIncidentCsv(text, app.municipalities, new Date(), (done, total) => {
          if (bar && !started) {
            bar.start(total, 0);
            started = true;
          }
          bar?.update(done);
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
