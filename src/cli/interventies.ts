// `ote interventies import FILE`: the programme office loads or updates interventions from a YAML or JSON
// file (see examples/interventies.yaml). Every problem is listed by place and line; all or nothing.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { jobs } from '../../jobs/index.js';
import { RECONCILE_JOB } from '../fieldlab/reconcile.js';
import { translate, type MessageKey, type MessageParams } from '../i18n/index.js';
import { readInterventionsFile } from '../import/interventions-file.js';
import { audit } from '../store/audit.js';
import { importInterventions } from '../store/interventions.js';
import { CliError, withApp } from './shared.js';
import { cliWho } from './who.js';
import type { CliContext } from './index.js';

const nl = (key: MessageKey, params?: MessageParams) => translate('nl', key, params);

export function registerInterventies(group: Command, cli: CliContext): void {
  group
    .command('import')
    .description('Importeert interventies uit een YAML- of JSON-bestand (alles of niets); zie examples/interventies.yaml')
    .argument('<bestand>', 'YAML- of JSON-bestand')
    .option('--dry-run', 'alleen controleren, niets schrijven')
    .action(async (file: string, options: { dryRun?: boolean }) => {
      const source = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw new CliError(nl('import.cannotRead', { file, reason: error.code === 'ENOENT' ? nl('import.notFound') : error.message }));
      });
      const result = readInterventionsFile(source);
      if (!result.ok) {
        const lines = result.problems.map((p) =>
          nl('import.problem', { place: p.place || nl('import.file'), line: p.line ? nl('import.line', { line: p.line }) : '', reason: p.reason }),
        );
        throw new CliError(`${nl('import.refused', { count: result.problems.length })}\n${lines.join('\n')}`);
      }
      if (options.dryRun) {
        process.stdout.write(`${nl('import.checked', { count: result.interventions.length })}\n`);
        return;
      }
      await withApp(cli, async (app) => {
        const summary = await app.db.transaction(async (tx) => {
          const counts = await importInterventions(tx, result.interventions, `cli:${file}`);
          // One audit line per file, in the same transaction, like `ote import`.
          await audit(tx, { ...cliWho(), action: 'interventie.geimporteerd', subject: basename(file), detail: { nieuw: counts.created, bijgewerkt: counts.updated } });
          return counts;
        });
        process.stdout.write(`${nl('import.done', summary)}\n`);
        if (app.config.REDIS_URL) {
          // The running workers pick this up at once; without Redis the bot reconciles at start and hourly.
          const { createBullmqDriver } = await import('../queue/bullmq.js');
          const queue = createBullmqDriver(jobs, { url: app.config.REDIS_URL });
          await queue.enqueue(RECONCILE_JOB, {}).catch((error: unknown) => app.logger.warn({ err: error }, 'reconcile not enqueued; the hourly one follows'));
          await queue.close();
        }
        process.stdout.write(`${nl('import.reminders')}\n`);
      });
    });
}
