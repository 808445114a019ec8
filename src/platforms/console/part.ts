// The console opened by the composition root: the poster prints, and in the console role the prompt runs
// in the foreground (Part.run) until the input ends or the person types `exit`. An empty register gets
// the demo data first, so the first `/ote doel` has figures to show.
import { createInterface, type Interface } from 'node:readline';
import { join } from 'node:path';
import type { Part } from '../../lifecycle.js';
import { loadDemoRegister } from '../../store/demo.js';
import { countIncidents } from '../../store/incidents.js';
import type { PlatformModule } from '../adapter.js';
import type { ConsoleSettings } from './adapter.js';
import { createConsolePoster } from './poster.js';
import { runConsole } from './repl.js';
import { withConsoleReader } from './members.js';
import { waitForAlerts } from '../../alerts/settle.js';
import type { Actor } from '../../domain/types.js';

export const consoleModule: PlatformModule<ConsoleSettings> = {
  open({ settings, dataDir, terminal }) {
    const chartDir = join(dataDir, 'charts');
    // Whoever types is the console channel's one reader: its audience (src/audience/channel.ts).
    const typist: Actor = { platform: 'console', userId: 'console', role: settings.CONSOLE_ROLE };
    let actor: Actor | undefined;
    const reader = (): Actor => actor ?? typist;
    return {
      poster: withConsoleReader(createConsolePoster({ output: terminal.output, chartDir }), reader),
      inbound({ runtime, announce }): Part {
        let session: Promise<void> | undefined;
        let prompt: Interface | undefined;
        actor = terminal.actor?.(runtime.municipalities);
        return {
          name: 'console',
          async start() {
            actor ??= typist;
            if ((await countIncidents(runtime.db)) === 0) {
              const loaded = await loadDemoRegister(runtime.db, runtime.municipalities, new Date());
              announce(`Het register was leeg: demogegevens geladen (${loaded.incidents} incidenten). Echte cijfers: ote import BESTAND.csv`);
            }
            const place = actor.municipalityCode ? ` (${runtime.municipalities.byCode(actor.municipalityCode)?.name})` : '';
            announce(`Console als ${actor.role}${place}. Typ /ote help; stop met exit of Ctrl+D.`);
          },
          run() {
            terminal.output.write('\n');
            // What the typed commands caused (an alert of a reported incident) is posted before the prompt ends.
            session ??= runConsole(runtime, {
              actor: actor!, input: terminal.input, output: terminal.output, chartDir,
              onReadline: (readline) => (prompt = readline),
            }).then(() => waitForAlerts(runtime.db, runtime.services.posters ?? {}));
            return session;
          },
          async stop() {
            prompt?.close();
            await session;
          },
        };
      },
    };
  },
};
