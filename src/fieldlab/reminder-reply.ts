// The messages the reminder jobs post: the reminder in the team channel (with its check-in buttons) and
// the one-time escalation to the programme office.
import { ESCALATION_WORKING_DAYS, milestoneDueAt, type Intervention, type Milestone } from '../domain/fieldlab.js';
import { translator, type Lang } from '../i18n/index.js';
import { formatDateTime } from '../render/format.js';
import { reply, type Reply } from '../render/reply.js';
import { CHECKIN_ACTIONS } from './checkin-actions.js';
import { dayLabel, dueDateLabel, milestoneName } from './labels.js';

export function reminderReply(intervention: Intervention, milestone: Milestone, at: Date, lang: Lang): Reply {
  const t = translator(lang);
  const name = milestoneName(milestone, t);
  const value = String(milestone.id);
  const late = at.getTime() - milestoneDueAt(intervention.startDate, milestone.day).getTime() > 12 * 3_600_000;
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
      {
        kind: 'buttons',
        buttons: [
          { actionId: CHECKIN_ACTIONS.gereed, label: t('reminder.button.gereed'), value, style: 'primary' },
          { actionId: CHECKIN_ACTIONS.laterDag, label: t('reminder.button.laterDag'), value },
          { actionId: CHECKIN_ACTIONS.laterWeek, label: t('reminder.button.laterWeek'), value },
          { actionId: CHECKIN_ACTIONS.knelpunt, label: t('reminder.button.knelpunt'), value, style: 'danger' },
        ],
      },
      { kind: 'context', text: t('reminder.context', { days: ESCALATION_WORKING_DAYS }) },
    ],
    'channel',
  );
}

export function escalationReply(intervention: Intervention, milestone: Milestone, remindedAt: Date, lang: Lang): Reply {
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
          channel: intervention.channel,
          days: ESCALATION_WORKING_DAYS,
        }),
      },
      { kind: 'facts', facts: [{ label: t('interventie.owners'), value: intervention.owners.join(', ') || '–' }] },
      { kind: 'context', text: t('escalation.context', { name: intervention.name }) },
    ],
    'channel',
  );
}
