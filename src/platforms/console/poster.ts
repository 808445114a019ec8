// The console Poster: prints what would be posted into a channel, saves a chart as a PNG file and prints
// its path. It is what digests go to when neither Slack nor Discord is configured.
import { renderText } from './render.js';
import { chartSaver } from './repl.js';
import type { Poster } from '../poster.js';

export interface ConsolePosterOptions {
  output: NodeJS.WritableStream;
  /** Where charts are saved. */
  chartDir: string;
}

export function createConsolePoster(options: ConsolePosterOptions): Poster {
  const save = chartSaver(options.chartDir);
  let posted = 0;
  return {
    platform: 'console',
    async post(channelId, reply) {
      const messageId = `console-${Date.now()}-${++posted}`;
      // The message id in the file name keeps one digest's chart from overwriting another's.
      const text = renderText(reply, { saveChart: (chart) => save({ ...chart, fileName: `${messageId}-${chart.fileName}` }) });
      options.output.write(`\n── console:${channelId} ──\n${text}\n`);
      return { messageId };
    },
  };
}
