// `ote audit export [--from] [--to] [--output]`: the audit trail as CSV (RFC 4180), paged from the
// database so a long trail never sits in memory at once. The export itself is recorded too.
import { createWriteStream } from 'node:fs';
import type { Command } from 'commander';
import { audit, listAudit, type AuditRecord } from '../store/audit.js';
import { parseMoment, withApp } from './shared.js';
import { cliWho } from './who.js';
import type { CliContext } from './index.js';

const PAGE = 1000;
export const AUDIT_CSV_HEADER = ['id', 'at', 'actor', 'role', 'platform', 'action', 'subject', 'detail'] as const;

/** One CSV cell: quoted when needed; a leading = + - @ is defused so a spreadsheet never runs it. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function auditCsvLine(record: AuditRecord): string {
  return [String(record.id), record.at.toISOString(), record.actor, record.role ?? '', record.platform, record.action, record.subject, JSON.stringify(record.detail)]
    .map(csvCell)
    .join(',');
}

export function registerAudit(auditCommand: Command, cli: CliContext): void {
  auditCommand
    .command('export')
    .description('Schrijft de audittrail als CSV, bijv. ote audit export --from 2025-01-01 --to 2025-04-01 > audit.csv')
    .option('--from <moment>', 'vanaf (ISO 8601, Nederlandse tijd)', parseMoment)
    .option('--to <moment>', 'tot (niet tot en met)', parseMoment)
    .option('--output <bestand>', 'naar een bestand in plaats van stdout')
    .action(async (options: { from?: Date; to?: Date; output?: string }) => {
      await withApp(cli, async (app) => {
        const out = options.output ? createWriteStream(options.output, { encoding: 'utf8' }) : process.stdout;
        const write = (line: string) =>
          new Promise<void>((resolve, reject) => {
            if (out.write(`${line}\r\n`)) resolve();
            else out.once('drain', resolve).once('error', reject);
          });
        await write(AUDIT_CSV_HEADER.join(','));
        let afterId = 0;
        let count = 0;
        for (;;) {
          const page = await listAudit(app.db, { ...(options.from ? { from: options.from } : {}), ...(options.to ? { to: options.to } : {}), afterId, limit: PAGE });
          for (const record of page) await write(auditCsvLine(record));
          count += page.length;
          if (page.length < PAGE) break;
          afterId = page[page.length - 1]!.id;
        }
        if (out !== process.stdout) await new Promise<void>((resolve) => (out as NodeJS.WritableStream).end(resolve));
        await audit(app.db, {
          ...cliWho(),
          action: 'audit.geexporteerd',
          detail: { regels: count, vanaf: options.from?.toISOString() ?? null, tot: options.to?.toISOString() ?? null },
        });
        process.stderr.write(`${count} regels geëxporteerd.\n`);
      });
    });
}
