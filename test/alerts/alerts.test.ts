// Alerts per incident, from the register to the poster: who gets one (a role × channel-audience table:
// nothing reaches a channel with one partner member), what it shows, exactly one per channel and incident,
// a correction edits it, a withdrawal marks it, a bulk import gives one summary, and repeats are said.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setChannelAudience } from '../../src/audience/channel.js';
import type { AudienceMember } from '../../src/domain/audience.js';
import { recordIncidents, withdrawAndAudit } from '../../src/intake/record.js';
import { subscribeAlerts } from '../../src/store/alerts.js';
import type { IncidentInput } from '../../src/store/incidents.js';
import { openTestPostgres, type TestDb } from '../support/db.js';
import { importRows } from '../support/register.js';
import { startAlertWorker, type AlertWorker } from './support.js';

const ROTTERDAM = 'GM0599';
const AMSTERDAM = 'GM0363';
const who = { actor: 'api:politie/token-1', role: null, platform: 'api' };
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);

let db: TestDb;
let worker: AlertWorker;
let serial = 0;

function incident(over: Partial<IncidentInput> = {}): IncidentInput {
  return { reference: `AL-${++serial}`, occurredAt: hoursAgo(2), municipalityCode: ROTTERDAM, target: 'woning', outcome: 'explosie', means: 'vuurwerk', postcode4: '3067', ...over };
}

async function channelWith(channel: string, members: AudienceMember[] | 'platform-unknown', municipalityCode: string | null = null): Promise<void> {
  if (members !== 'platform-unknown') await setChannelAudience(db, `slack:${channel}`, members, 'test');
  await subscribeAlerts(db, { channel: `slack:${channel}`, municipalityCode, lang: 'nl', createdBy: 'test' });
}

const text = (post: { reply: { title: string; blocks: unknown[] } }) => JSON.stringify(post.reply);
const postsIn = (channel: string) => worker.posts.filter((p) => p.channelId === channel);

beforeAll(async () => {
  db = await openTestPostgres();
}, 60_000);
afterAll(async () => db?.dispose());
beforeEach(async () => {
  await db.exec('TRUNCATE alert_incidents, alert_posts, alert_subscriptions, channel_audiences, incidents, incident_history, audit_log CASCADE');
  worker = await startAlertWorker(db);
});
afterEach(async () => worker.close());

describe('who gets an alert: role × channel audience', () => {
  const m = (role: AudienceMember['role'], municipalityCode?: string, i = 0): AudienceMember => ({ userId: `u${i}-${role}`, role, ...(municipalityCode ? { municipalityCode } : {}) });
  const table: { audience: AudienceMember[] | 'platform-unknown'; rotterdam: boolean; amsterdam: boolean }[] = [
    { audience: [m('politie')], rotterdam: true, amsterdam: true },
    { audience: [m('om'), m('programma', undefined, 1)], rotterdam: true, amsterdam: true },
    { audience: [m('gemeente', ROTTERDAM)], rotterdam: true, amsterdam: false },
    { audience: [m('politie'), m('gemeente', ROTTERDAM, 1)], rotterdam: true, amsterdam: false },
    { audience: [m('politie'), m('partner', undefined, 1)], rotterdam: false, amsterdam: false },
    { audience: [m('gemeente', ROTTERDAM), m('partner', undefined, 1)], rotterdam: false, amsterdam: false },
    { audience: [m('gemeente', ROTTERDAM), m('gemeente', AMSTERDAM, 1)], rotterdam: false, amsterdam: false },
    { audience: [m('partner')], rotterdam: false, amsterdam: false },
    { audience: 'platform-unknown', rotterdam: false, amsterdam: false },
  ];

  const label = (a: AudienceMember[] | 'platform-unknown') => (a === 'platform-unknown' ? 'unknown members' : a.map((x) => (x.municipalityCode ? `${x.role}:${x.municipalityCode}` : x.role)).join(' + '));
  it.each(table.map((row, i) => ({ ...row, channel: `CT${i}`, members: label(row.audience) })))('$members → Rotterdam $rotterdam, Amsterdam $amsterdam', async ({ channel, audience, rotterdam, amsterdam }) => {
    await channelWith(channel, audience);
    const [inRotterdam, inAmsterdam] = [incident(), incident({ municipalityCode: AMSTERDAM, postcode4: '1011' })];
    await recordIncidents(db, [inRotterdam, inAmsterdam], 'api', who);
    await worker.settle();
    const got = postsIn(channel);
    expect(got.some((p) => text(p).includes(inRotterdam.reference))).toBe(rotterdam);
    expect(got.some((p) => text(p).includes(inAmsterdam.reference))).toBe(amsterdam);
    // Nothing at all reaches a channel that may see neither, not even a title.
    expect(got).toHaveLength(Number(rotterdam) + Number(amsterdam));
  });

  it('follows the members the platform reports, a member without a role being a partner', async () => {
    await channelWith('CPLAT', 'platform-unknown');
    worker.members.set('CPLAT', [{ userId: 'U1', role: 'politie' }, { userId: 'U2', groupIds: [] }]);
    await recordIncidents(db, [incident()], 'api', who);
    await worker.settle();
    expect(postsIn('CPLAT')).toHaveLength(0);
  });

  it('alerts a municipal subscription only to incidents there', async () => {
    await channelWith('CAMS', [m('politie')], AMSTERDAM);
    await recordIncidents(db, [incident(), incident({ municipalityCode: AMSTERDAM, postcode4: '1011', reference: 'AL-AMS' })], 'api', who);
    await worker.settle();
    expect(postsIn('CAMS').map((p) => p.reply.blocks.some((b) => JSON.stringify(b).includes('AL-AMS')))).toEqual([true]);
  });
});

describe('an alert', () => {
  it('shows reference, time, target, outcome, means and postcode area, once, with its identity', async () => {
    await channelWith('CPOL', [{ userId: 'u', role: 'politie' }]);
    const one = incident({ means: 'handgranaat', target: 'bedrijf' });
    await recordIncidents(db, [one], 'api', who);
    await worker.settle();
    await recordIncidents(db, [one], 'api', who); // the same again: unchanged
    await worker.settle();
    const [post, ...more] = postsIn('CPOL');
    expect(more).toHaveLength(0);
    expect(post!.reply.title).toBe('Aanslag in Rotterdam: explosie, bedrijfspand');
    const facts = Object.fromEntries(post!.reply.blocks.flatMap((b) => (b.kind === 'facts' ? b.facts : [])).map((f) => [f.label, f.value]));
    expect(facts).toMatchObject({ Referentie: `*${one.reference}*`, Doelwit: 'Bedrijfspand', Resultaat: 'Explosie', Middel: 'Handgranaat', Postcodegebied: '3067' });
    expect(facts.Moment).toMatch(/\d{2}:\d{2}$/);
    expect(post!.identity).toBe(`melding-${(await db.query<{ id: string }>('SELECT id FROM alert_subscriptions'))[0]!.id}-${one.reference}`);
  });

  it('is not sent for an incident that happened more than 48 hours before it was stored, nor for one stored before subscribing', async () => {
    await recordIncidents(db, [incident({ reference: 'AL-EARLIER' })], 'api', who);
    await channelWith('COLD', [{ userId: 'u', role: 'politie' }]);
    await recordIncidents(db, [incident({ reference: 'AL-OLD', occurredAt: hoursAgo(49) }), incident({ reference: 'AL-NEW', occurredAt: hoursAgo(47) })], 'api', who);
    await worker.settle();
    expect(postsIn('COLD').map((p) => p.reply.blocks.flatMap((b) => (b.kind === 'facts' ? [b.facts[0]!.value] : [])))).toEqual([['*AL-NEW*']]);
  });

  it('is edited by a correction and marked by a withdrawal', async () => {
    await channelWith('CEDIT', [{ userId: 'u', role: 'gemeente', municipalityCode: ROTTERDAM }]);
    const one = incident();
    await recordIncidents(db, [one], 'api', who);
    await worker.settle();
    await recordIncidents(db, [{ ...one, outcome: 'poging', postcode4: '3068' }], 'api', who);
    await worker.settle();
    const [posted] = postsIn('CEDIT');
    expect(worker.edits).toHaveLength(1);
    expect(worker.edits[0]).toMatchObject({ channelId: 'CEDIT', messageId: posted!.messageId });
    expect(worker.edits[0]!.reply.title).toBe('Aanslag in Rotterdam: poging, woning');
    expect(text(worker.edits[0]!)).toContain('Gecorrigeerd (versie 2)');
    expect(text(worker.edits[0]!)).toContain('3068');

    await withdrawAndAudit(db, one.reference, 'dubbel gemeld', who);
    await worker.settle();
    expect(worker.edits).toHaveLength(2);
    expect(worker.edits[1]!.reply.title).toBe('Ingetrokken: melding in Rotterdam');
    expect(text(worker.edits[1]!)).toContain('Deze melding is ingetrokken');
    expect(postsIn('CEDIT')).toHaveLength(1);
  });

  it('says it is a repeat, from the register: a withdrawal of the earlier attack takes it back', async () => {
    await channelWith('CREP', [{ userId: 'u', role: 'politie' }]);
    const earlier = incident({ occurredAt: new Date(Date.now() - 30 * 86_400_000) });
    await recordIncidents(db, [earlier], 'api', who);
    const now = incident();
    await recordIncidents(db, [now], 'api', who);
    await worker.settle();
    const alert = postsIn('CREP').find((p) => text(p).includes(now.reference))!;
    expect(text(alert)).toMatch(/2e aanslag in postcodegebied 3067 binnen 90 dagen; vorige \d{1,2} \w+/);
    // The earlier one withdrawn: the alert no longer calls this a repeat.
    await withdrawAndAudit(db, earlier.reference, 'geen aanslag', who);
    await worker.settle();
    expect(worker.edits).toHaveLength(1);
    expect(worker.edits[0]!.messageId).toBe(alert.messageId);
    expect(text(worker.edits[0]!)).not.toContain('aanslag in postcodegebied');
    // An earlier attack in the area reported late makes it a repeat again; one elsewhere changes nothing.
    await recordIncidents(db, [incident({ occurredAt: new Date(Date.now() - 60 * 86_400_000), postcode4: '1234' })], 'api', who);
    await worker.settle();
    expect(worker.edits).toHaveLength(1);
    await recordIncidents(db, [incident({ occurredAt: new Date(Date.now() - 60 * 86_400_000) })], 'api', who);
    await worker.settle();
    expect(worker.edits).toHaveLength(2);
    expect(text(worker.edits[1]!)).toMatch(/2e aanslag in postcodegebied 3067 binnen 90 dagen/);
  });

  it('of a bulk import is one summary per channel', async () => {
    await channelWith('CIMP1', [{ userId: 'u', role: 'politie' }]);
    await channelWith('CIMP2', [{ userId: 'u', role: 'gemeente', municipalityCode: ROTTERDAM }]);
    const rows = [incident(), incident(), incident({ municipalityCode: AMSTERDAM, postcode4: '1011' }), incident({ occurredAt: hoursAgo(24 * 10) })];
    await importRows(db, rows);
    await worker.settle();
    expect(postsIn('CIMP1').map((p) => p.reply.title)).toEqual(['3 nieuwe aanslagen uit een import']);
    expect(postsIn('CIMP2').map((p) => p.reply.title)).toEqual(['2 nieuwe aanslagen uit een import']);
    expect(text(postsIn('CIMP2')[0]!)).not.toContain(rows[2]!.reference);
    // The attack ten days earlier in 3067 (too old to alert) makes the two new ones there repeats.
    expect(text(postsIn('CIMP1')[0]!)).toContain('waarvan 2 herhalingen');
  });
});
