// `ote referenties`: the references that differ only in case, which the register kept apart when
// references got their one form (migration 008), until one of each pair is withdrawn.
import type { Command } from 'commander';
import { translate } from '../i18n/index.js';
import { referenceCasePairs } from '../store/incidents.js';
import { withApp } from './shared.js';
import type { CliContext } from './index.js';

export function registerReferences(command: Command, cli: CliContext): void {
  command.action(async () => {
      await withApp(cli, async (app) => {
        process.stdout.write(`${await describeReferenceCasePairs(app.db)}\n`);
      });
    });
}

export async function describeReferenceCasePairs(db: Parameters<typeof referenceCasePairs>[0]): Promise<string> {
  const pairs = await referenceCasePairs(db);
  if (pairs.length === 0) return translate('nl', 'reference.pairsNone');
  return [
    translate('nl', 'reference.pairsIntro', { count: pairs.length }),
    ...pairs.map((p) => translate('nl', 'reference.pairsLine', { normal: p.normalReference, references: p.references.join(', ') })),
  ].join('\n');
}
