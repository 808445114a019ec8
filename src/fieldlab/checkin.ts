// The platform-neutral answer to a reminder's buttons. The Slack and Discord adapters call it from their
// button handlers (see docs/fieldlab.md); it records the check-in and returns the Reply to show.
import { mayAnswer, snoozeUntil } from '../domain/fieldlab.js';
import type { Actor } from '../domain/types.js';
import { translator, type Lang } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { Enqueue } from '../queue/job.js';
import { formatDateTime } from '../render/format.js';
import { errorReply, reply, type Reply } from '../render/reply.js';
import { audit, auditLine } from '../store/audit.js';
import { recordCheckIn } from '../store/checkins.js';
import type { Db } from '../store/db.js';
import { findMilestone } from '../store/interventions.js';
import { latestReminderMessage } from '../store/milestone-posts.js';
import { channelMention } from '../render/mention.js';
import { CHECKIN_NOTE_MAX, checkInMeaning } from './checkin-actions.js';
import { actorLabel, milestoneName } from './labels.js';
import { replaceMessage, type Posters } from './message-update.js';
import { requestReconcile } from './reconcile.js';
import { reminderReply } from './reminder-reply.js';

export interface CheckInAction {
  /** `checkin:gereed`, `checkin:later-dag`, `checkin:later-week` or `checkin:knelpunt`. */
  actionId: string;
  /** The button's value: the milestone id. */
  value: string;
  actor: Actor;
  /** Required for `checkin:knelpunt`: the short note the adapter asked for. */
  note?: string;
  /** `platform:channel` the button was pressed in: only the team channel's members may answer for the team. */
  channel?: string;
}

export interface CheckInDeps {
  db: Db;
  lang?: Lang;
  now?: Date;
  /** The queue's enqueue: the intervention's reminders are reconciled right away (the old one removed). */
  enqueue?: Enqueue;
  logger?: Logger;
  /** The platform posters: the answered reminder's buttons are replaced by the answer. */
  posters?: Posters;
}

/** Refuses, only to the one who pressed, anyone but the team and the programme office. */
export function notTeamReply(intervention: { name: string; channel: string; teamRoles: string[] }, lang: Lang): Reply {
  const t = translator(lang);
  const roles = intervention.teamRoles.length > 0 ? t('answer.teamRoles', { roles: intervention.teamRoles.join(', ') }) : '';
  return errorReply(t('error.title'), t('answer.notTeam', { name: intervention.name, channel: channelMention(intervention.channel), roles }));
}

function cleanNote(note: string | undefined): string | undefined {
  const cleaned = note?.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return cleaned ? cleaned : undefined;
}

export async function handleCheckInAction(action: CheckInAction, deps: CheckInDeps): Promise<Reply> {
  const lang = deps.lang ?? 'nl';
  const t = translator(lang);
  const meaning = checkInMeaning(action.actionId);
  if (!meaning) return errorReply(t('error.title'), t('checkin.badAction'));
  if (!/^\d{1,15}$/.test(action.value)) return errorReply(t('error.title'), t('checkin.unknown'));
  const note = cleanNote(action.note);
  if (note && note.length > CHECKIN_NOTE_MAX) return errorReply(t('checkin.noteTitle'), t('checkin.noteTooLong', { max: CHECKIN_NOTE_MAX }));
  if (meaning.status === 'knelpunt' && !note) return errorReply(t('checkin.noteTitle'), t('checkin.noteNeeded', { max: CHECKIN_NOTE_MAX }));

  const found = await findMilestone(deps.db, Number(action.value));
  if (!found || found.dropped) return errorReply(t('error.title'), t('checkin.unknown'));
  const { intervention, milestone } = found;
  const names = { intervention: intervention.name, milestone: milestoneName(milestone, t) };
  if (intervention.status !== 'actief') {
    return errorReply(t('error.title'), t('checkin.notRunning', { ...names, status: t(`fieldlab.status.${intervention.status}`) }));
  }
  if (!mayAnswer(intervention, action.actor, action.channel)) return notTeamReply(intervention, lang);

  const at = deps.now ?? new Date();
  const snoozedUntil = meaning.snooze ? snoozeUntil(at, meaning.snooze) : null;
  const who = `${action.actor.platform}:${action.actor.userId}`;
  const result = await deps.db.transaction(async (tx) => {
    const recorded = await recordCheckIn(tx, { milestoneId: milestone.id, status: meaning.status, note: note ?? null, snoozedUntil, actor: who, at });
    if (recorded.kind === 'recorded') {
      // The note stays with the check-in; the audit line says only that there is one.
      await audit(tx, auditLine(
        action.actor,
        `mijlpaal.checkin-${meaning.status}`,
        intervention.name,
        { interventie: intervention.id, mijlpaal: milestone.id, dag: milestone.day, ...(snoozedUntil ? { tot: snoozedUntil.toISOString() } : {}), notitie: note !== undefined },
      ));
    }
    return recorded;
  });
  if (result.kind === 'not-open') return errorReply(t('error.title'), t('checkin.unknown'));
  if (result.kind === 'already-answered') {
    const first = result.checkIn;
    return reply(t('checkin.alreadyTitle'), [
      {
        kind: 'text',
        text: first
          ? t('checkin.already', { ...names, status: t(`fieldlab.checkin.${first.status}`), who: actorLabel(first.actor), date: formatDateTime(first.at, lang) })
          : t('checkin.alreadyNoDetail', names),
      },
    ]);
  }

  if ((await requestReconcile(deps.enqueue, intervention.id)) === 'later') {
    // The reminder job checks the milestone when it fires and the reconcile catches up: nothing is lost.
    deps.logger?.warn({ interventionId: intervention.id }, 'reminder reconcile not confirmed by the queue yet');
  }
  if (meaning.status === 'knelpunt') {
    // A problem goes to the programme office at once (jobs/problem-notice.ts), once per check-in.
    await deps.enqueue?.('problem-notice', { checkInId: result.checkIn.id }, { jobId: `knelpunt-${result.checkIn.id}` })
      .catch((error: unknown) => deps.logger?.warn({ err: error, checkInId: result.checkIn.id }, 'problem notice not queued'));
  }
  const posted = await latestReminderMessage(deps.db, milestone.id);
  if (posted) {
    const own = translator(intervention.lang);
    const answer = snoozedUntil ? own('answer.later', { date: formatDateTime(snoozedUntil, intervention.lang) }) : own(`fieldlab.checkin.${meaning.status}`);
    const answered = reminderReply(intervention, milestone, posted.remindAt, intervention.lang, { actor: who, at, answer });
    await replaceMessage(deps.posters, posted, answered, deps.logger);
  }
  // The answer is for the team, in the intervention's language.
  const team = translator(intervention.lang);
  const params = { intervention: intervention.name, milestone: milestoneName(milestone, team), who: actorLabel(who) };
  if (meaning.status === 'gereed') return reply(team('checkin.doneTitle'), [{ kind: 'text', text: team('checkin.done', params) }], 'channel');
  if (meaning.status === 'knelpunt') {
    return reply(team('checkin.problemTitle'), [{ kind: 'text', text: team('checkin.problem', { ...params, note: note! }) }], 'channel');
  }
  const until = formatDateTime(snoozedUntil!, intervention.lang);
  return reply(team('checkin.laterTitle'), [{ kind: 'text', text: team('checkin.later', { ...params, date: until }) }], 'channel');
}
