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
import { areaIncidents, earlierInArea } from '../store/repeats.js';
import { alertReply, summaryReply } from './reply.js';

/**
 * What to post, the incident version it shows, its repeat ordinal (0: none), and the database's moment
 * before the register was read: a later change in the area has a later `updated_at`. (A writer's
 * `updated_at` is its transaction's start, so a write that began before the read and committed during it,
 * a matter of milliseconds, goes unseen until the next change in the area.)
 */
export type BuiltAlert = { ok: true; reply: Reply; shownVersion: number | null; repeat: number; readAt: Date } | { ok: false; reason: 'niet-zichtbaar' | 'onbekend' };

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
  const [{ now: readAt }] = (await db.query<{ now: Date }>('SELECT clock_timestamp() AS now')) as [{ now: Date }];
  if (post.kind === 'melding') {
    const incident = await findIncident(db, post.postKey);
    if (!incident) return { ok: false, reason: 'onbekend' };
    if (!maySeeDetail(scope, incident.municipalityCode)) return { ok: false, reason: 'niet-zichtbaar' };
    const repeat = await incidentRepeat(db, incident, windowDays);
    return { ok: true, reply: alertReply(incident, repeat, subscription.lang, municipalities), shownVersion: incident.version, repeat: repeat?.ordinal ?? 0, readAt };
  }
  const incidents = (await Promise.all((await summaryReferences(db, post)).map((reference) => findIncident(db, reference)))).filter(
    (i): i is IncidentDetail => i !== null && i.status === 'actief' && maySeeDetail(scope, i.municipalityCode),
  );
  if (incidents.length === 0) return { ok: false, reason: 'niet-zichtbaar' };
  incidents.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  // One read of the register for the whole import, not one per row: every row's window lies inside it.
  const from = new Date(incidents[0]!.occurredAt.getTime() - windowDays * 86_400_000);
  const counted = await areaIncidents(db, from, incidents.at(-1)!.occurredAt);
  const lines = incidents.map((incident) => ({ incident, repeat: repeatOf(incident, counted, windowDays) }));
  return { ok: true, reply: summaryReply(lines, subscription.lang, municipalities), shownVersion: null, repeat: 0, readAt };
}

/** A post key as a job id may hold it (letters, digits, dashes), stable for every attempt. */
function safeKey(postKey: string): string {
  return /^[A-Za-z0-9_-]{1,80}$/.test(postKey) ? postKey : createHash('sha256').update(postKey).digest('hex').slice(0, 24);
}

export const alertPostId = (key: { subscriptionId: number; postKey: string }) => `melding-${key.subscriptionId}-${safeKey(key.postKey)}`;
/** An edit for a new version, or for a change in the alert's area (which may make it a repeat or not). */
export const alertEditId = (key: { subscriptionId: number; postKey: string }, version: number, areaChangedAt?: number) =>
  `${alertPostId(key)}-v${version}${areaChangedAt === undefined ? '' : `-a${areaChangedAt}`}`;
