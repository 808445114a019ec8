// `/ote …` in Slack: resolve the actor, run the command through the shared dispatcher, and answer within
// Slack's 3 seconds: in the ack body when the reply is ready in time (the usual case), otherwise an empty
// ack now and the reply via response_url when it is done. Charts of shared replies follow as a file.
import type { SlackCommandMiddlewareArgs, webApi } from '@slack/bolt';
import { registryOf, runParsedText, type CommandRuntime } from '../../commands/dispatch.js';
import { parseCommandText, type GrammarResult } from '../../commands/grammar.js';
import { translator, type Lang } from '../../i18n/index.js';
import { internalError } from '../../internal-error.js';
import type { Logger } from '../../logger.js';
import { errorReply, type Chart, type Reply } from '../../render/reply.js';
import type { SlackActors } from './actors.js';
import type { SlackInteractions } from './interactions.js';
import { slashCommandPayload, type SlashCommandPayload } from './render.js';
import { postToResponseUrl } from './response-url.js';

export const SLASH_COMMAND = '/ote';
/** Past this, the ack goes out empty and the reply follows via response_url (Slack allows 3 s). */
export const ACK_BUDGET_MS = 2000;

export interface SlashCommandDeps {
  runtime: CommandRuntime;
  actors: SlackActors;
  client: webApi.WebClient;
  logger: Logger;
  ackBudgetMs?: number;
  fetch?: typeof fetch;
}

export function registerSlashCommand(on: SlackInteractions, deps: SlashCommandDeps): void {
  on.command(SLASH_COMMAND, (args) => handleSlashCommand(args, deps));
}

export async function handleSlashCommand(
  { command, ack }: Pick<SlackCommandMiddlewareArgs, 'command' | 'ack'>,
  deps: SlashCommandDeps,
): Promise<void> {
  const parsed = parseCommandText(command.text, registryOf(deps.runtime).find);
  // The language the reply is in, for the adapter's own notes; the dispatcher applies `--lang` itself.
  const lang = (parsed.ok && parsed.value.lang) || deps.runtime.defaultLang;
  const t = translator(lang);
  const charts = (reply: Reply) => reply.blocks.flatMap((b) => (b.kind === 'chart' ? [b.chart] : []));
  const payload = (reply: Reply): SlashCommandPayload =>
    slashCommandPayload(reply, {
      t,
      ...(reply.visibility === 'channel' ? { chartNote: (chart: Chart) => t('slack.chartPosted', { title: chart.title }) } : {}),
    });

  const work = answer(command, parsed, deps, lang);
  const quick = await withinBudget(work, deps.ackBudgetMs ?? ACK_BUDGET_MS);
  let reply: Reply;
  if (quick) {
    reply = quick;
    await ack(payload(reply));
  } else {
    await ack();
    reply = await work;
    await postToResponseUrl(command.response_url, payload(reply), deps).catch((error: unknown) =>
      deps.logger.error({ err: error, channel: command.channel_id }, 'slack slow reply could not be delivered'),
    );
  }

  if (reply.visibility !== 'channel') return;
  for (const chart of charts(reply)) {
    try {
      await deps.client.filesUploadV2({ channel_id: command.channel_id, file: Buffer.from(chart.png), filename: chart.fileName, title: chart.title });
    } catch (error) {
      deps.logger.warn({ err: error, channel: command.channel_id }, 'slack chart upload failed');
      const note = errorReply(chart.title, t('slack.chartFailed', { title: chart.title }));
      await postToResponseUrl(command.response_url, payload(note), deps).catch(() => undefined);
    }
  }
}

async function answer(command: SlackCommandMiddlewareArgs['command'], parsed: GrammarResult, deps: SlashCommandDeps, lang: Lang): Promise<Reply> {
  try {
    const actor = await deps.actors.resolve(command.user_id);
    return await runParsedText(parsed, { actor, channel: `slack:${command.channel_id}` }, deps.runtime);
  } catch (error) {
    // The dispatcher turns command failures into replies; this is the role lookup or the database failing.
    return internalError(error, lang, { logger: deps.logger, message: 'slack command failed' }).reply;
  }
}

/** `work`'s answer when it comes within `ms`, otherwise undefined once `ms` have passed. */
function withinBudget<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms, undefined);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
