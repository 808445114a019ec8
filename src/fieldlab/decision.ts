// The decision at an intervention's end (doorzetten, aanpassen, stoppen), from the prompt's buttons or from
// `/ote interventie besluit`: recorded with who and when, audited, the status set, the prompts' buttons
// replaced by the decision, its jobs reconciled. Only the team and the programme office may decide.
import { DECISION_STATUS, hasEnded, interventionEndsAt, mayAnswer, type Decision, type Intervention } from '../domain/fieldlab.js';
import type { Actor } from '../domain/types.js';
import { translator } from '../i18n/index.js';
import { formatDateTime } from '../render/format.js';
import { errorReply, reply, type Reply } from '../render/reply.js';
import { audit, auditLine } from '../store/audit.js';
import { decisionPromptMessages, recordDecision } from '../store/intervention-posts.js';
import { findIntervention } from '../store/interventions.js';
import { decisionMeaning } from './checkin-actions.js';
import { notTeamReply, type CheckInDeps } from './checkin.js';
import { actorLabel } from './labels.js';
import { replaceMessage } from './message-update.js';
import { requestReconcile } from './reconcile.js';
import { decisionPromptReply, decisionWord } from './reminder-reply.js';

/** The same collaborators as a check-in's. */
export type DecisionDeps = CheckInDeps;

/** A press on a decision button: `besluit:<decision>` with the intervention id as value. */
export async function handleDecisionAction(action: { actionId: string; value: string; actor: Actor; channel?: string }, deps: DecisionDeps): Promise<Reply> {
  const t = translator(deps.lang ?? 'nl');
  const decision = decisionMeaning(action.actionId);
  if (!decision) return errorReply(t('error.title'), t('decision.badAction'));
  const intervention = /^\d{1,15}$/.test(action.value) ? await findIntervention(deps.db, Number(action.value)) : undefined;
  if (!intervention) return errorReply(t('error.title'), t('checkin.unknown'));
  if (!mayAnswer(intervention, action.actor, action.channel)) return notTeamReply(intervention, deps.lang ?? 'nl');
  return decide(intervention, decision, null, action.actor, deps);
}

/** Records the decision for an intervention that has ended and has none yet; the reply is for the channel. */
export async function decide(intervention: Intervention, decision: Decision, note: string | null, actor: Actor, deps: DecisionDeps): Promise<Reply> {
  const lang = deps.lang ?? 'nl';
  const t = translator(lang);
  const at = deps.now ?? new Date();
  const status = DECISION_STATUS[decision];
  if (intervention.status !== 'actief') {
    return reply(t('decision.doneTitle'), [{ kind: 'text', text: t('decision.already', { name: intervention.name, status: t(`fieldlab.status.${intervention.status}`) }) }]);
  }
  if (!hasEnded(intervention, at)) {
    return errorReply(t('error.title'), t('decision.notEnded', { name: intervention.name, date: formatDateTime(interventionEndsAt(intervention), lang) }));
  }
  const who = `${actor.platform}:${actor.userId}`;
  const changed = await deps.db.transaction(async (tx) => {
    // Only the first decision counts: a second press finds the status changed.
    const rows = await tx.query(`UPDATE interventions SET status = $2, updated_at = now() WHERE id = $1 AND status = 'actief' RETURNING id`, [intervention.id, status]);
    if (rows.length === 0) return false;
    await recordDecision(tx, { interventionId: intervention.id, decision, note, actor: who, at });
    await audit(tx, auditLine(actor, 'interventie.besluit', intervention.name, { id: intervention.id, besluit: decision, status, notitie: note !== null }));
    return true;
  });
  if (!changed) {
    const now = await findIntervention(deps.db, intervention.id);
    return reply(t('decision.doneTitle'), [{ kind: 'text', text: t('decision.already', { name: intervention.name, status: t(`fieldlab.status.${now?.status ?? status}`) }) }]);
  }
  try {
    await requestReconcile(deps.enqueue, intervention.id);
  } catch (error) {
    deps.logger?.warn({ err: error, interventionId: intervention.id }, 'could not request a reminder reconcile');
  }
  const decided = { ...intervention, status };
  for (const prompt of await decisionPromptMessages(deps.db, intervention.id)) {
    const answered = { actor: who, at, answer: decisionWord(decision, intervention.lang) };
    await replaceMessage(deps.posters, prompt, decisionPromptReply(decided, prompt.kind === 'besluit-team' ? 'team' : 'office', answered), deps.logger);
  }
  return reply(t('decision.doneTitle'), [{ kind: 'text', text: t('decision.done', { who: actorLabel(who), name: intervention.name, decision: decisionWord(decision, lang) }) }], 'channel');
}
