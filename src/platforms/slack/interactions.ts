// The bot's buttons and forms behind one Bolt listener per kind: one for button presses, one for form
// submissions, each passing a request to the handler registered for its id. Bolt runs every listener's
// middleware for every request it gets, so each listener of its own would cost every slash command one
// more chain of middleware that never matches.
import type { AllMiddlewareArgs, App, BlockAction, ButtonAction, SlackActionMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';

export type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;
export type SubmissionArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

export interface SlackInteractions {
  /** Presses of buttons whose action_id matches `actionId`; the first registered match handles a press. */
  button(actionId: RegExp, handle: (args: ButtonArgs) => Promise<void>): void;
  /** Submissions of the modal with this callback_id. */
  submission(callbackId: string, handle: (args: SubmissionArgs) => Promise<void>): void;
}

/** Lets `register` add its handlers, then listens for them on `app` with one listener per kind. */
export function mountInteractions(app: App, register: (on: SlackInteractions) => void): void {
  const buttons: { actionId: RegExp; handle: (args: ButtonArgs) => Promise<void> }[] = [];
  const submissions = new Map<string, (args: SubmissionArgs) => Promise<void>>();
  register({
    button: (actionId, handle) => void buttons.push({ actionId, handle }),
    submission: (callbackId, handle) => void submissions.set(callbackId, handle),
  });

  app.action<BlockAction<ButtonAction>>({ type: 'block_actions' }, async (args) => {
    const found = buttons.find((b) => b.actionId.test(args.action.action_id));
    // A press of a button the bot does not know (an old message of an earlier version) is acknowledged and left.
    if (!found) return args.ack();
    return found.handle(args);
  });
  app.view<ViewSubmitAction>({ type: 'view_submission' }, async (args) => {
    const handle = submissions.get(args.view.callback_id);
    if (!handle) return args.ack();
    return handle(args);
  });
}
