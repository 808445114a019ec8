// Field Lab: the buttons of a milestone reminder in Slack. Gereed and Later answer at once;
// Knelpunt first opens a modal for a short note. The platform-neutral handler (src/fieldlab/checkin.ts)
// records the check-in; its answer goes into the reminder's thread (a refusal only to the one who pressed).
import type { webApi } from '@slack/bolt';
import type { CommandRuntime } from '../../commands/dispatch.js';
import { CHECKIN_ACTION_PREFIX, CHECKIN_NOTE_ACTION, CHECKIN_NOTE_MAX, DECISION_ACTION_PREFIX } from '../../fieldlab/checkin-actions.js';
import { handleCheckInAction } from '../../fieldlab/checkin.js';
import { handleDecisionAction } from '../../fieldlab/decision.js';
import type { Reply } from '../../render/reply.js';
import { translator } from '../../i18n/index.js';
import type { Logger } from '../../logger.js';
import type { SlackActors } from './actors.js';
import type { SlackInteractions } from './interactions.js';
import { renderSlack } from './render.js';

export const CHECKIN_NOTE_VIEW = 'checkin:knelpunt-notitie';

export interface CheckInActionDeps {
  runtime: CommandRuntime;
  actors: SlackActors;
  client: webApi.WebClient;
  logger: Logger;
}

interface Pressed {
  actionId: string;
  value: string;
  userId: string;
  channel?: string;
  threadTs?: string;
  note?: string;
}

export function registerCheckInActions(on: SlackInteractions, deps: CheckInActionDeps): void {
  const t = translator(deps.runtime.defaultLang);
  on.button(new RegExp(`^${CHECKIN_ACTION_PREFIX}`), async ({ ack, body, action }) => {
    await ack();
    const pressed: Pressed = { actionId: action.action_id, value: action.value ?? '', userId: body.user.id, channel: body.channel?.id, threadTs: body.message?.ts };
    if (pressed.actionId !== CHECKIN_NOTE_ACTION) return answer(pressed, deps);
    await deps.client.views
      .open({
        trigger_id: body.trigger_id,
        view: {
          type: 'modal',
          callback_id: CHECKIN_NOTE_VIEW,
          private_metadata: JSON.stringify({ value: pressed.value, channel: pressed.channel, ts: pressed.threadTs }),
          title: { type: 'plain_text', text: t('checkin.noteTitle').slice(0, 24) },
          submit: { type: 'plain_text', text: t('checkin.noteSubmit') },
          close: { type: 'plain_text', text: t('checkin.noteCancel') },
          blocks: [
            {
              type: 'input',
              block_id: 'note',
              label: { type: 'plain_text', text: t('checkin.noteLabel') },
              element: { type: 'plain_text_input', action_id: 'note', multiline: true, max_length: CHECKIN_NOTE_MAX },
            },
          ],
        },
      })
      .catch((error: unknown) => deps.logger.error({ err: error }, 'slack check-in note form could not be opened'));
  });

  // The decision prompt at an intervention's end: doorzetten, aanpassen, stoppen.
  on.button(new RegExp(`^${DECISION_ACTION_PREFIX}`), async ({ ack, body, action }) => {
    await ack();
    const pressed: Pressed = { actionId: action.action_id, value: action.value ?? '', userId: body.user.id, channel: body.channel?.id, threadTs: body.message?.ts };
    await show(pressed, deps, async (actor) =>
      handleDecisionAction(
        { actionId: pressed.actionId, value: pressed.value, actor, ...(pressed.channel ? { channel: `slack:${pressed.channel}` } : {}) },
        { db: deps.runtime.db, lang: deps.runtime.defaultLang, logger: deps.logger, ...optionalServices(deps) },
      ),
    );
  });

  on.submission(CHECKIN_NOTE_VIEW, async ({ ack, view, body }) => {
    const note = view.state.values.note?.note?.value?.trim() ?? '';
    if (!note) {
      await ack({ response_action: 'errors', errors: { note: t('checkin.noteNeeded', { max: CHECKIN_NOTE_MAX }) } });
      return;
    }
    await ack();
    const meta = JSON.parse(view.private_metadata || '{}') as { value?: string; channel?: string; ts?: string };
    await answer({ actionId: CHECKIN_NOTE_ACTION, value: meta.value ?? '', userId: body.user.id, channel: meta.channel, threadTs: meta.ts, note }, deps);
  });
}

function optionalServices(deps: CheckInActionDeps) {
  const { enqueue, posters } = deps.runtime.services;
  return { ...(enqueue ? { enqueue } : {}), ...(posters ? { posters } : {}) };
}

async function answer(pressed: Pressed, deps: CheckInActionDeps): Promise<void> {
  await show(pressed, deps, (actor) =>
    handleCheckInAction(
      {
        actionId: pressed.actionId,
        value: pressed.value,
        actor,
        ...(pressed.note ? { note: pressed.note } : {}),
        ...(pressed.channel ? { channel: `slack:${pressed.channel}` } : {}),
      },
      { db: deps.runtime.db, lang: deps.runtime.defaultLang, logger: deps.logger, ...optionalServices(deps) },
    ),
  );
}

/** Runs the handler for the one who pressed and shows its reply: in the thread for the team, else only to them. */
async function show(pressed: Pressed, deps: CheckInActionDeps, handle: (actor: Awaited<ReturnType<SlackActors['resolve']>>) => Promise<Reply>): Promise<void> {
  const t = translator(deps.runtime.defaultLang);
  try {
    const actor = await deps.actors.resolve(pressed.userId);
    const reply = await handle(actor);
    if (!pressed.channel) return;
    const message = renderSlack(reply, { t });
    if (reply.visibility === 'channel') {
      await deps.client.chat.postMessage({ channel: pressed.channel, ...(pressed.threadTs ? { thread_ts: pressed.threadTs } : {}), text: message.text, blocks: message.blocks });
    } else {
      await deps.client.chat.postEphemeral({ channel: pressed.channel, user: pressed.userId, text: message.text, blocks: message.blocks });
    }
  } catch (error) {
    deps.logger.error({ err: error, action: pressed.actionId }, 'slack check-in failed');
  }
}
