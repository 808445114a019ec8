import type { Command } from 'commander';
import { loadDemoRegister } from '../store/demo.js';
import { deleteDemoData } from '../store/incidents.js';
import { withApp } from './shared.js';
import type { CliContext } from './index.js';

export function registerDemo(demo: Command, cli: CliContext): void {
  demo
    .command('load')
    .description('Laadt het demoregister (2023, 2024 en verder tot nu); vervangt eerdere demogegevens')
    .action(async () => {
      await withApp(cli, async (app) => {
        const loaded = await loadDemoRegister(app.db, app.municipalities, new Date());
        process.stdout.write(`Demoregister geladen: ${loaded.incidents} incidenten, ${loaded.arrests} aanhoudingen. Elk antwoord meldt dat het demogegevens zijn.\n`);
      });
    });
  demo
    .command('clear')
    .description('Verwijdert de demogegevens')
    .action(async () => {
      await withApp(cli, async (app) => {
        const removed = await app.db.transaction((tx) => deleteDemoData(tx));
        process.stdout.write(`Demogegevens verwijderd (${removed} incidenten).\n`);
      });
    });
}
