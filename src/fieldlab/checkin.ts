// The platform-neutral answer to a reminder's buttons. The Slack and Discord adapters call it from their
// button handlers (see docs/fieldlab.md); it records the check-in and returns the Reply to show.
import { snoozeUntil } from '../domain/fieldlab.js';
import type { Actor } from '../domain/types.js';
import { translator, type Lang } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { Enqueue } from '../queue/job.js';
import { formatDateTime } from '../render/format.js';
import { errorReply, reply, type Reply } from '../render/reply.js';
import { audit, whoFromActor } from '../store/audit.js';
import { recordCheckIn } from '../store/checkins.js';
import type { Db } from '../store/db.js';
import { findMilestone } from '../store/interventions.js';
import { CHECKIN_NOTE_MAX, checkInMeaning } from './checkin-actions.js';
import { actorLabel, milestoneName } from './labels.js';
import { requestReconcile } from './reconcile.js';

export interface CheckInAction {
  /** `checkin:gereed`, `checkin:later-dag`, `checkin:later-week` or `checkin:knelpunt`. */
  actionId: string;
  /** The button's value: the milestone id. */
  value: string;
  actor: Actor;
  /** Required for `checkin:knelpunt`: the short note the adapter asked for. */
  note?: string;
}

export interface CheckInDeps {
  db: Db;
  lang?: Lang;
  now?: Date;
  /** The queue's enqueue: the intervention's reminders are reconciled right away (the old one removed). */
  enqueue?: Enqueue;
  logger?: Logger;
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

  const at = deps.now ?? new Date();
  const snoozedUntil = meaning.snooze ? snoozeUntil(at, meaning.snooze) : null;
  const who = `${action.actor.platform}:${action.actor.userId}`;
  const result = await deps.db.transaction(async (tx) => {
    const recorded = await recordCheckIn(tx, { milestoneId: milestone.id, status: meaning.status, note: note ?? null, snoozedUntil, actor: who, at });
    if (recorded.kind === 'recorded') {
      // The note stays with the check-in; the audit line says only that there is one.
      await audit(tx, {
        ...whoFromActor(action.actor),
        action: `mijlpaal.checkin-${meaning.status}`,
        subject: intervention.name,
        detail: { interventie: intervention.id, mijlpaal: milestone.id, dag: milestone.day, ...(snoozedUntil ? { tot: snoozedUntil.toISOString() } : {}), notitie: note !== undefined },
      });
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
  const params = { ...names, who: actorLabel(who) };
  if (meaning.status === 'gereed') return reply(t('checkin.doneTitle'), [{ kind: 'text', text: t('checkin.done', params) }], 'channel');
  if (meaning.status === 'knelpunt') {
    return reply(t('checkin.problemTitle'), [{ kind: 'text', text: t('checkin.problem', { ...params, note: note! }) }], 'channel');
  }
  return reply(t('checkin.laterTitle'), [{ kind: 'text', text: t('checkin.later', { ...params, date: formatDateTime(snoozedUntil!, lang) }) }], 'channel');
}
