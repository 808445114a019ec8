// The console adapter: a prompt where a person types `/ote …` and reads what a partner would read.
// It also reads commands piped to it and ends cleanly at the end of input.
import { createInterface, type Interface } from 'node:readline';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommandText, type CommandRuntime } from '../../commands/dispatch.js';
import type { Actor } from '../../domain/types.js';
import type { Chart } from '../../render/reply.js';
import { renderText } from './render.js';

export interface ConsoleOptions {
  actor: Actor;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Where charts are saved as PNG files. */
  chartDir: string;
  now?: () => Date;
  /** Hands out the prompt, so whoever stops the console can close it while it waits for input. */
  onReadline?: (readline: Interface) => void;
}

export const CONSOLE_CHANNEL = 'console:local';

export function chartSaver(dir: string): (chart: Chart) => string {
  return (chart) => {
    mkdirSync(dir, { recursive: true });
    const path = join(dir, chart.fileName);
    writeFileSync(path, chart.png);
    return path;
  };
}

/** Runs until the input ends or the user types `exit`; resolves when done. */
export async function runConsole(runtime: CommandRuntime, options: ConsoleOptions): Promise<void> {
  const interactive = Boolean((options.input as { isTTY?: boolean }).isTTY);
  const rl = createInterface({ input: options.input, output: options.output, terminal: interactive });
  options.onReadline?.(rl);
  const write = (text: string) => options.output.write(`${text}\n`);
  const saveChart = chartSaver(options.chartDir);
  rl.setPrompt('ote> ');
  if (interactive) rl.prompt();

  for await (const line of rl) {
    const text = line.trim();
    if (text === 'exit' || text === 'quit' || text === '.exit') break;
    if (text !== '') {
      if (!interactive) write(`ote> ${text}`);
      const reply = await runCommandText(text, { actor: options.actor, channel: CONSOLE_CHANNEL, now: options.now?.() }, runtime);
      write(renderText(reply, { saveChart }));
      write('');
    }
    if (interactive) rl.prompt();
  }
  rl.close();
}
