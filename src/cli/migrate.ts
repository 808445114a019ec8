import type { Command } from 'commander';
import { referenceCasePairs } from '../store/incidents.js';
import { describeReferenceCasePairs } from './references.js';
import { withApp } from './shared.js';
import type { CliContext } from './index.js';

export function registerMigrate(command: Command, cli: CliContext): void {
  command
    .action(async () => {
      // createApp migrates; this command only reports what the database now has.
      await withApp(cli, async (app) => {
        const rows = await app.db.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version');
        process.stdout.write(`Database bijgewerkt: ${rows.map((r) => r.version).join(', ')}\n`);
        if ((await referenceCasePairs(app.db)).length > 0) process.stdout.write(`${await describeReferenceCasePairs(app.db)}\n`);
      });
    });
}
