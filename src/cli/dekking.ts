// `ote dekking`: through when the register is complete, for the programme office: show, declare, remove.
import { InvalidArgumentError, type Command } from 'commander';
import { latestCoverageEnd, mergeCoverage } from '../domain/coverage.js';
import { parsePeriod } from '../domain/period.js';
import { formatDate, formatDateTime, formatThrough } from '../render/format.js';
import { audit } from '../store/audit.js';
import { declareCoverage, listCoverageDeclarations, removeCoverageDeclaration } from '../store/coverage.js';
import { CliError, withApp } from './shared.js';
import { cliWho } from './who.js';
import type { CliContext } from './index.js';

const span = (from: Date, to: Date) => `${formatDate(from, 'nl')} t/m ${formatThrough(to, 'nl')}`;

export function registerDekking(dekking: Command, cli: CliContext): void {
  dekking.action(async () => show(cli));
  dekking.command('toon').description('Toont tot wanneer het register volledig is en elke vastgelegde periode').action(async () => show(cli));
  dekking
    .command('zet')
    .description('Legt vast dat het register volledig is voor een periode, bijv. ote dekking zet 2025-01-01..2025-06-30')
    .argument('<periode>', 'periode: 2025-01-01..2025-06-30, 2025-Q1, 2025-03, 2024 (hoogstens tot nu)')
    .requiredOption('--reden <tekst>', 'waarom, voor het audittrail (bijv. "export politie juli ontvangen")')
    .action(async (periodText: string, options: { reden: string }) => {
      const parsed = parsePeriod(periodText, new Date());
      if (!parsed.ok) throw new CliError(`periode: ${parsed.reason.nl}`);
      const { start, end } = parsed.period;
      await withApp(cli, async (app) => {
        const id = await app.db.transaction(async (tx) => {
          const who = cliWho();
          const declared = await declareCoverage(tx, { from: start, to: end }, 'programma', who.actor);
          await audit(tx, { ...who, action: 'dekking.vastgelegd', subject: `${parsed.period.firstDay}..${parsed.period.lastDay}`, detail: { id: declared, reden: options.reden } });
          return declared;
        });
        process.stdout.write(`Dekking ${id} vastgelegd: register volledig voor ${span(start, end)}.\n`);
        await printThrough(app.db);
      });
    });
  dekking
    .command('wis')
    .description('Verwijdert een vastgelegde periode (een vergissing), bijv. ote dekking wis 12')
    .argument('<id>', 'het nummer uit ote dekking toon', (value: string) => {
      if (!/^\d{1,12}$/.test(value)) throw new InvalidArgumentError(`‘${value}’ is geen nummer; zie ote dekking toon.`);
      return Number(value);
    })
    .requiredOption('--reden <tekst>', 'waarom, voor het audittrail')
    .action(async (id: number, options: { reden: string }) => {
      await withApp(cli, async (app) => {
        const removed = await app.db.transaction(async (tx) => {
          const done = await removeCoverageDeclaration(tx, id);
          if (done) await audit(tx, { ...cliWho(), action: 'dekking.verwijderd', subject: String(id), detail: { reden: options.reden } });
          return done;
        });
        if (!removed) throw new CliError(`Er is geen dekking met nummer ${id}; zie ote dekking toon.`);
        process.stdout.write(`Dekking ${id} verwijderd.\n`);
        await printThrough(app.db);
      });
    });
}

async function show(cli: CliContext): Promise<void> {
  await withApp(cli, async (app) => {
    const declarations = await listCoverageDeclarations(app.db);
    await printThrough(app.db);
    for (const s of mergeCoverage(declarations)) process.stdout.write(`  volledig: ${span(s.from, s.to)}\n`);
    for (const d of declarations) {
      process.stdout.write(`  [${d.id}] ${span(d.from, d.to)} — ${d.source}, ${d.declaredBy}, ${formatDateTime(d.declaredAt, 'nl')}\n`);
    }
  });
}

async function printThrough(db: Parameters<typeof listCoverageDeclarations>[0]): Promise<void> {
  const end = latestCoverageEnd(mergeCoverage(await listCoverageDeclarations(db)));
  process.stdout.write(end ? `Register volledig t/m ${formatThrough(end, 'nl')}.\n` : 'Er is nog geen dekking vastgelegd: geen enkele periode geldt als volledig.\n');
}
