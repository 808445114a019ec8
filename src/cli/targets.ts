import { InvalidArgumentError, type Command } from 'commander';
import { z } from 'zod';
import { listTargets, savePublishedTotal, saveTarget } from '../store/targets.js';
import { CliError, withApp } from './shared.js';
import type { CliContext } from './index.js';

const year = z.coerce.number().int().min(2000).max(2099);

function parseWith<T>(schema: z.ZodType<T>, what: string): (value: string) => T {
  return (value) => {
    const result = schema.safeParse(value);
    if (!result.success) throw new InvalidArgumentError(`‘${value}’ is geen geldig(e) ${what}.`);
    return result.data;
  };
}

export function registerTargets(targets: Command, cli: CliContext): void {
  targets
    .command('list')
    .description('Toont de doelen en de bekende gepubliceerde totalen')
    .action(async () => {
      await withApp(cli, async (app) => {
        for (const t of await listTargets(app.db)) {
          process.stdout.write(`Doel ${t.year}: minstens ${t.reductionPercent}% minder dan ${t.baselineYear}\n`);
        }
        const totals = await app.db.query<{ year: number; month: number; count: number; source: string }>(
          'SELECT year, month, count, source FROM published_totals ORDER BY year, month',
        );
        for (const r of totals) {
          process.stdout.write(`Gepubliceerd ${r.year}${r.month ? `-${String(r.month).padStart(2, '0')}` : ''}: ${r.count} (${r.source})\n`);
        }
      });
    });
  targets
    .command('set')
    .description('Legt een doel vast, bijv. ote doelen set 2026 --basisjaar 2025 --reductie 10')
    .argument('<jaar>', 'jaar van het doel', parseWith(year, 'jaar'))
    .requiredOption('--basisjaar <jaar>', 'het jaar waarmee vergeleken wordt', parseWith(year, 'basisjaar'))
    .option('--reductie <procent>', 'minstens zoveel procent minder', parseWith(z.coerce.number().gt(0).lt(100), 'percentage'), 10)
    .action(async (targetYear: number, options: { basisjaar: number; reductie: number }) => {
      if (options.basisjaar >= targetYear) throw new CliError('Het basisjaar moet vóór het jaar van het doel liggen.');
      await withApp(cli, async (app) => {
        await saveTarget(app.db, { year: targetYear, baselineYear: options.basisjaar, reductionPercent: options.reductie });
        process.stdout.write(`Doel ${targetYear} vastgelegd: minstens ${options.reductie}% minder dan ${options.basisjaar}.\n`);
      });
    });
  targets
    .command('totaal')
    .description('Legt een gepubliceerd totaal vast voor een jaar zonder incidentregels, bijv. ote doelen totaal 2024 1543')
    .argument('<jaar>', 'jaar', parseWith(year, 'jaar'))
    .argument('<aantal>', 'aantal aanslagen', parseWith(z.coerce.number().int().min(0), 'aantal'))
    .option('--maand <maand>', 'alleen deze maand (1-12)', parseWith(z.coerce.number().int().min(1).max(12), 'maand'))
    .requiredOption('--bron <tekst>', 'waar het cijfer vandaan komt')
    .action(async (totalYear: number, count: number, options: { maand?: number; bron: string }) => {
      await withApp(cli, async (app) => {
        await savePublishedTotal(app.db, { year: totalYear, month: options.maand ?? null, count }, options.bron);
        process.stdout.write(`Gepubliceerd totaal vastgelegd: ${totalYear}${options.maand ? ` maand ${options.maand}` : ''} = ${count}.\n`);
      });
    });
}
