// The action ids of the reminder's buttons, shared by the reminder message and the check-in handler.
import { DECISIONS, type CheckInStatus, type Decision, type Snooze } from '../domain/fieldlab.js';

export const CHECKIN_ACTIONS = {
  gereed: 'checkin:gereed',
  laterDag: 'checkin:later-dag',
  laterWeek: 'checkin:later-week',
  knelpunt: 'checkin:knelpunt',
} as const;

export type CheckInActionId = (typeof CHECKIN_ACTIONS)[keyof typeof CHECKIN_ACTIONS];

/** Every action id starts with this, so an adapter can route all of them to one handler. */
export const CHECKIN_ACTION_PREFIX = 'checkin:';

/** The decision buttons at an intervention's end: `besluit:doorzetten`, `besluit:aanpassen`, `besluit:stoppen`. */
export const DECISION_ACTION_PREFIX = 'besluit:';

export function decisionMeaning(actionId: string): Decision | undefined {
  const decision = actionId.startsWith(DECISION_ACTION_PREFIX) ? actionId.slice(DECISION_ACTION_PREFIX.length) : '';
  return (DECISIONS as readonly string[]).includes(decision) ? (decision as Decision) : undefined;
}

/** The button that needs a short note first: adapters ask for it (a modal) before calling the handler. */
export const CHECKIN_NOTE_ACTION = CHECKIN_ACTIONS.knelpunt;
export const CHECKIN_NOTE_MAX = 500;

export function checkInMeaning(actionId: string): { status: CheckInStatus; snooze?: Snooze } | undefined {
  switch (actionId) {
    case CHECKIN_ACTIONS.gereed:
      return { status: 'gereed' };
    case CHECKIN_ACTIONS.laterDag:
      return { status: 'later', snooze: 'dag' };
    case CHECKIN_ACTIONS.laterWeek:
      return { status: 'later', snooze: 'week' };
    case CHECKIN_ACTIONS.knelpunt:
      return { status: 'knelpunt' };
    default:
      return undefined;
  }
}
