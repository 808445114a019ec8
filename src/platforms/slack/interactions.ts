// The bot's slash commands, buttons, forms and membership events behind one Bolt middleware, which passes
// each request to the handler registered for its command, id or type. Bolt runs every listener's middleware
// for every request it gets, each run copying the request's arguments into an object of a new hidden class
// (measured on Node 20: four new maps per run), so a listener per kind would cost every slash command
// chains of middleware that never match, and even one `app.command` listener costs three such runs.
import type {
  AllMiddlewareArgs, AnyMiddlewareArgs, App, BlockAction, ButtonAction, SlackActionMiddlewareArgs, SlackCommandMiddlewareArgs, SlackEventMiddlewareArgs,
  SlackViewMiddlewareArgs, ViewSubmitAction,
} from '@slack/bolt';

export type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;
export type SubmissionArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
export type EventArgs = SlackEventMiddlewareArgs & AllMiddlewareArgs;
export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

export interface SlackInteractions {
  /** Invocations of the slash command `name` (`/ote`). */
  command(name: string, handle: (args: CommandArgs) => Promise<void>): void;
  /** Presses of buttons whose action_id matches `actionId`; the first registered match handles a press. */
  button(actionId: RegExp, handle: (args: ButtonArgs) => Promise<void>): void;
  /** Submissions of the modal with this callback_id. */
  submission(callbackId: string, handle: (args: SubmissionArgs) => Promise<void>): void;
  /** Events (already acknowledged by Bolt) whose type matches `type`; the first registered match handles one. */
  event(type: RegExp, handle: (args: EventArgs) => Promise<void>): void;
}

/** A member joining or leaving a channel. */
export const MEMBERSHIP_EVENT = /^member_(joined|left)_channel$/;

/**
 * Whether the bot caused an event itself: it is the event's user, or it posted the message. A member joining
 * or leaving is still news when the member is the bot. This is the rule of Bolt's `ignoreSelf`, which the app
 * runs without (part.ts): as a middleware of its own it would cost every request one more run.
 */
function causedBy(event: EventArgs['event'], context: AllMiddlewareArgs['context']): boolean {
  if (MEMBERSHIP_EVENT.test(event.type)) return false;
  if ('user' in event && event.user !== undefined && event.user === context.botUserId) return true;
  return event.type === 'message' && 'bot_id' in event && event.bot_id !== undefined && event.bot_id === context.botId;
}

/** Lets `register` add its handlers, then routes to them on `app` with one middleware for all. */
export function mountInteractions(app: App, register: (on: SlackInteractions) => void): void {
  const buttons: { actionId: RegExp; handle: (args: ButtonArgs) => Promise<void> }[] = [];
  const submissions = new Map<string, (args: SubmissionArgs) => Promise<void>>();
  const events: { type: RegExp; handle: (args: EventArgs) => Promise<void> }[] = [];
  const commands = new Map<string, (args: CommandArgs) => Promise<void>>();
  register({
    command: (name, handle) => void commands.set(name, handle),
    button: (actionId, handle) => void buttons.push({ actionId, handle }),
    submission: (callbackId, handle) => void submissions.set(callbackId, handle),
    event: (type, handle) => void events.push({ type, handle }),
  });

  app.use(async (args: AnyMiddlewareArgs & AllMiddlewareArgs) => {
    if ('command' in args) {
      const handle = commands.get(args.command.command);
      return handle ? handle(args) : args.ack();
    }
    if ('event' in args) {
      if (causedBy(args.event, args.context)) return;
      const found = events.find((e) => e.type.test(args.event.type));
      return found?.handle(args as EventArgs);
    }
    // A press, a form or any other interaction the bot does not know (an old message of an earlier
    // version, a kind it never asked for) is acknowledged and left.
    if (args.body.type === 'block_actions' && 'action' in args) {
      const press = args as unknown as ButtonArgs;
      const found = buttons.find((b) => b.actionId.test(press.action.action_id));
      return found ? found.handle(press) : press.ack();
    }
    if (args.body.type === 'view_submission' && 'view' in args) {
      const submitted = args as unknown as SubmissionArgs;
      const handle = submissions.get(submitted.view.callback_id);
      return handle ? handle(submitted) : submitted.ack();
    }
    if ('ack' in args && typeof args.ack === 'function') await args.ack();
  });
}
