// What one alert post says now, from the register as it is: an incident's alert (with its repeat status,
// computed afresh) or a bulk import's summary, only with what the channel's scope may see.
import { createHash } from 'node:crypto';
import type { MunicipalityIndex } from '../domain/municipalities.js';
import { maySeeDetail, type DetailScope } from '../domain/policy.js';
import { repeatOf, type Repeat } from '../domain/repeats.js';
import type { Reply } from '../render/reply.js';
import type { AlertPost, AlertSubscription } from '../store/alerts.js';
import { summaryReferences } from '../store/alerts.js';
import type { Db } from '../store/db.js';
import { findIncident, type IncidentDetail } from '../store/incident-detail.js';
import { earlierInArea } from '../store/repeats.js';
import { alertReply, summaryReply } from './reply.js';

export type BuiltAlert = { ok: true; reply: Reply; shownVersion: number | null } | { ok: false; reason: 'niet-zichtbaar' | 'onbekend' };

export async function incidentRepeat(db: Db, incident: IncidentDetail, windowDays: number): Promise<Repeat | undefined> {
  if (incident.status !== 'actief') return undefined;
  return repeatOf(incident, await earlierInArea(db, incident, windowDays), windowDays);
}

export async function buildAlert(
  db: Db,
  municipalities: MunicipalityIndex,
  subscription: AlertSubscription,
  post: Pick<AlertPost, 'kind' | 'postKey' | 'subscriptionId'>,
  scope: DetailScope,
  windowDays: number,
): Promise<BuiltAlert> {
  if (post.kind === 'melding') {
    const incident = await findIncident(db, post.postKey);
    if (!incident) return { ok: false, reason: 'onbekend' };
    if (!maySeeDetail(scope, incident.municipalityCode)) return { ok: false, reason: 'niet-zichtbaar' };
    const reply = alertReply(incident, await incidentRepeat(db, incident, windowDays), subscription.lang, municipalities);
    return { ok: true, reply, shownVersion: incident.version };
  }
  const incidents = (await Promise.all((await summaryReferences(db, post)).map((reference) => findIncident(db, reference)))).filter(
    (i): i is IncidentDetail => i !== null && i.status === 'actief' && maySeeDetail(scope, i.municipalityCode),
  );
  if (incidents.length === 0) return { ok: false, reason: 'niet-zichtbaar' };
  incidents.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const lines = await Promise.all(incidents.map(async (incident) => ({ incident, repeat: await incidentRepeat(db, incident, windowDays) })));
  return { ok: true, reply: summaryReply(lines, subscription.lang, municipalities), shownVersion: null };
}

/** A post key as a job id may hold it (letters, digits, dashes), stable for every attempt. */
function safeKey(postKey: string): string {
  return /^[A-Za-z0-9_-]{1,80}$/.test(postKey) ? postKey : createHash('sha256').update(postKey).digest('hex').slice(0, 24);
}

export const alertPostId = (key: { subscriptionId: number; postKey: string }) => `melding-${key.subscriptionId}-${safeKey(key.postKey)}`;
export const alertEditId = (key: { subscriptionId: number; postKey: string }, version: number) => `${alertPostId(key)}-v${version}`;
