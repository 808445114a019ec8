// The console as a platform: a prompt where a person types `/ote …` (the `console` process role) and a
// poster that prints what would be posted. Always available; it has no roles of its own (the person at
// the console has CONSOLE_ROLE or `--as`) and no channels a team can name.
import { z } from 'zod';
import { ROLES } from '../../domain/types.js';
import { definePlatform, type PlatformModule } from '../adapter.js';

const settings = z.object({
  CONSOLE_ROLE: z.enum(ROLES).default('programma'),
});
export type ConsoleSettings = z.output<typeof settings>;

export const consolePlatform = definePlatform({
  name: 'console',
  label: 'console',
  subjects: [],
  config: settings,
  inboundRole: 'console',
  configured: () => true,
  secrets: () => [],
  load: async (): Promise<PlatformModule<ConsoleSettings>> => (await import('./part.js')).consoleModule,
});
