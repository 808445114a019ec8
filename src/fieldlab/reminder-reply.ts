// The messages the Field Lab jobs post: the reminder in the team channel (with its check-in buttons, or,
// once answered, the answer in their place), the one-time escalation to the programme office, the decision
// prompt at the end (to the team and to the office) and a problem passed to the office. Each in the
// intervention's language; people and channels as mentions.
import { DECISIONS, ESCALATION_WORKING_DAYS, interventionEndsAt, milestoneDueAt, type Decision, type Intervention, type Milestone } from '../domain/fieldlab.js';
import { translator, type Lang } from '../i18n/index.js';
import { formatDateTime } from '../render/format.js';
import { channelMention } from '../render/mention.js';
import { reply, type Block, type Reply } from '../render/reply.js';
import { CHECKIN_ACTIONS, DECISION_ACTION_PREFIX } from './checkin-actions.js';
import { actorLabel, dayLabel, dueDateLabel, milestoneName } from './labels.js';

/** Who answered, when, and how, for the text that replaces a message's buttons. */
export interface Answered {
  /** `platform:user`. */
  actor: string;
  at: Date;
  /** The answer in words, e.g. `gereed`, `uitgesteld tot 11 juni 2025 09:00`. */
  answer: string;
}

export function reminderReply(intervention: Intervention, milestone: Milestone, at: Date, lang: Lang = intervention.lang, answered?: Answered): Reply {
  const t = translator(lang);
  const name = milestoneName(milestone, t);
  const value = String(milestone.id);
  const late = at.getTime() - milestoneDueAt(intervention.startDate, milestone.day).getTime() > 12 * 3_600_000;
  const action: Block = answered
    ? { kind: 'text', text: answeredText(answered, lang) }
    : {
        kind: 'buttons',
        buttons: [
          { actionId: CHECKIN_ACTIONS.gereed, label: t('reminder.button.gereed'), value, style: 'primary' },
          { actionId: CHECKIN_ACTIONS.laterDag, label: t('reminder.button.laterDag'), value },
          { actionId: CHECKIN_ACTIONS.laterWeek, label: t('reminder.button.laterWeek'), value },
          { actionId: CHECKIN_ACTIONS.knelpunt, label: t('reminder.button.knelpunt'), value, style: 'danger' },
        ],
      };
  return reply(
    t('reminder.title', { milestone: name, intervention: intervention.name }),
    [
      {
        kind: 'text',
        text: t(late ? 'reminder.textLate' : 'reminder.text', {
          intervention: intervention.name,
          milestone: name,
          day: dayLabel(intervention, at, t),
          date: dueDateLabel(intervention, milestone, lang),
        }),
      },
      action,
      ...(answered ? [] : [{ kind: 'context' as const, text: t('reminder.context', { days: ESCALATION_WORKING_DAYS }) }]),
    ],
    'channel',
  );
}

function answeredText(answered: Answered, lang: Lang): string {
  return translator(lang)('answer.answered', { who: actorLabel(answered.actor), date: formatDateTime(answered.at, lang), answer: answered.answer });
}

export function escalationReply(intervention: Intervention, milestone: Milestone, remindedAt: Date, lang: Lang = intervention.lang): Reply {
  const t = translator(lang);
  return reply(
    t('escalation.title'),
    [
      {
        kind: 'text',
        text: t('escalation.text', {
          intervention: intervention.name,
          milestone: milestoneName(milestone, t),
          day: milestone.day,
          date: formatDateTime(remindedAt, lang),
          channel: channelMention(intervention.channel),
          days: ESCALATION_WORKING_DAYS,
        }),
      },
      { kind: 'facts', facts: [{ label: t('interventie.owners'), value: intervention.owners.join(', ') || '–' }] },
      { kind: 'context', text: t('escalation.context', { name: intervention.name }) },
    ],
    'channel',
  );
}

/**
 * The decision prompt at the end of an intervention: to its team, or (`office`) to the programme office, with
 * the three decisions as buttons; once decided, the decision in their place.
 */
export function decisionPromptReply(intervention: Intervention, audience: 'team' | 'office', answered?: Answered): Reply {
  const lang = intervention.lang;
  const t = translator(lang);
  const params = {
    name: intervention.name,
    length: intervention.lengthDays,
    date: formatDateTime(interventionEndsAt(intervention), lang),
    channel: channelMention(intervention.channel),
  };
  const value = String(intervention.id);
  return reply(
    t('decision.promptTitle', { name: intervention.name }),
    [
      { kind: 'text', text: t(audience === 'team' ? 'decision.promptText' : 'decision.promptOffice', params) },
      answered
        ? { kind: 'text', text: answeredText(answered, lang) }
        : {
            kind: 'buttons',
            buttons: DECISIONS.map((decision) => ({
              actionId: `${DECISION_ACTION_PREFIX}${decision}`,
              label: t(`decision.button.${decision}`),
              value,
              ...(decision === 'doorzetten' ? { style: 'primary' as const } : decision === 'stoppen' ? { style: 'danger' as const } : {}),
            })),
          },
      ...(answered ? [] : [{ kind: 'context' as const, text: t('decision.promptContext', { name: intervention.name }) }]),
    ],
    'channel',
  );
}

export function decisionWord(decision: Decision, lang: Lang): string {
  return translator(lang)(`decision.word.${decision}`);
}

/** A `Knelpunt` passed to the programme office at once. */
export function problemNoticeReply(intervention: Intervention, milestone: Milestone, problem: { actor: string; note: string }): Reply {
  const t = translator(intervention.lang);
  return reply(
    t('problem.title', { name: intervention.name }),
    [
      {
        kind: 'text',
        text: t('problem.text', {
          who: actorLabel(problem.actor),
          channel: channelMention(intervention.channel),
          milestone: milestoneName(milestone, t),
          name: intervention.name,
          day: milestone.day,
          note: problem.note,
        }),
      },
      { kind: 'context', text: t('problem.context', { name: intervention.name }) },
    ],
    'channel',
  );
}
