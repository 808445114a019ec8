import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import cliProgress from 'cli-progress';
import { InvalidArgumentError, type Command } from 'commander';
import { daysSpanned, type CoverageSpan } from '../domain/coverage.js';
import { parsePeriod } from '../domain/period.js';
import { formatDate, formatThrough } from '../render/format.js';
import { SEPARATORS, type Separator } from '../import/incident-csv.js';
import { readIncidentFile } from '../import/incident-file.js';
import { translate, type MessageKey, type MessageParams } from '../i18n/index.js';
import { audit } from '../store/audit.js';
import { declareCoverage } from '../store/coverage.js';
import { deleteDemoData, ReferenceCaseConflict, upsertIncidents } from '../store/incidents.js';
import { CliError, withApp } from './shared.js';
import { cliWho } from './who.js';
import type { CliContext } from './index.js';

const nl = (key: MessageKey, params?: MessageParams) => translate('nl', key, params);

export function registerImport(command: Command, cli: CliContext): void {
  command
    .argument('<bestand>', 'CSV-bestand of .xlsx-werkmap')
    .option('--scheiding <teken>', 'scheidingsteken van de CSV: , ; of tab (standaard: herkend uit de kopregel)', parseSeparator)
    .option('--blad <naam>', 'werkblad van de werkmap, op naam of nummer (standaard het eerste)')
    .option('--dry-run', 'alleen controleren, niets schrijven')
    .option('--periode <van..tot>', 'de periode die de export volledig dekt, bijv. 2025-01-01..2025-06-30; zonder: de dagen van de regels')
    .action(async (file: string, options: { dryRun?: boolean; scheiding?: Separator; blad?: string; periode?: string }) => {
      const declared = options.periode === undefined ? undefined : declaredPeriod(options.periode);
      const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
        const reason = error.code === 'ENOENT' ? nl('importFile.notFound') : nl('importFile.unreadable', { code: error.code ?? '?' });
        throw new CliError(nl('importFile.cannotRead', { file, reason }));
      });
      await withApp(cli, async (app) => {
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
          const lines = result.problems.map((p) => nl(p.field ? 'importFile.problem' : 'importFile.problemOfLine', { line: p.line, field: p.field, reason: p.reason }));
          const badLines = new Set(result.problems.map((p) => p.line)).size;
          throw new CliError(`${nl('importFile.refused', { count: badLines })}\n${lines.join('\n')}`);
        }
        if (options.dryRun) {
          process.stdout.write(`${nl('importFile.checked', { count: result.incidents.length })}\n`);
          return;
        }
        const covered = declared ?? daysSpanned(result.incidents.map((i) => i.occurredAt));
        const { summary, demoRemoved } = await app.db.transaction(async (tx) => {
          const demoRemoved = await deleteDemoData(tx);
          const summary = await upsertIncidents(tx, result.incidents, 'import', `cli:${file}`);
          if (covered) await declareCoverage(tx, covered, 'import', `cli:${basename(file)}`);
          // One audit line per import, in the same transaction (the rows have their history).
          await audit(tx, { ...cliWho(), action: 'incident.geimporteerd', subject: basename(file), detail: { nieuw: summary.created, gecorrigeerd: summary.corrected, ongewijzigd: summary.unchanged } });
          return { summary, demoRemoved };
        }).catch((error: unknown) => {
          if (error instanceof ReferenceCaseConflict) throw new CliError(nl('reference.caseConflict', { references: error.references.join(', ') }));
          throw error;
        });
        if (demoRemoved > 0) process.stdout.write(`${nl('importFile.demoRemoved', { count: demoRemoved })}\n`);
        process.stdout.write(`${nl('importFile.done', { created: summary.created, corrected: summary.corrected, unchanged: summary.unchanged })}\n`);
        if (covered) {
          const outside = result.incidents.filter((i) => i.occurredAt < covered.from || i.occurredAt >= covered.to).length;
          const span = { from: formatDate(covered.from, 'nl'), through: formatThrough(covered.to, 'nl') };
          process.stdout.write(`${nl(declared ? 'importFile.covered' : 'importFile.coveredFromRows', span)}\n`);
          if (outside > 0) process.stdout.write(`${nl('importFile.outsidePeriod', { count: outside })}\n`);
        }
      });
    });
}

function parseSeparator(value: string): Separator {
  const separator = SEPARATORS[value.trim().toLowerCase() as keyof typeof SEPARATORS];
  if (!separator) throw new InvalidArgumentError(nl('importFile.badSeparator', { value }));
  return separator;
}

/** `--periode`: any period the chat knows (`2025-01-01..2025-06-30`, `2025-Q1`, `2024`), up to now at most. */
function declaredPeriod(text: string): CoverageSpan {
  const parsed = parsePeriod(text, new Date());
  if (!parsed.ok) throw new CliError(`--periode: ${parsed.reason.nl} Bijvoorbeeld: --periode 2025-01-01..2025-06-30.`);
  return { from: parsed.period.start, to: parsed.period.end };
}
