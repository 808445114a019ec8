// /ote abonneer, opzeggen and abonnementen, driven through the text grammar as an adapter does.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCommandText } from '../../src/commands/dispatch.js';
import { claimDigestPost, markDigestFailed, markDigestPosted } from '../../src/store/digest-posts.js';
import { liveSubscriptions, pauseSubscription } from '../../src/store/subscriptions.js';
import { renderText } from '../../src/platforms/console/render.js';
import { openTestDb, type TestDb } from '../support/db.js';
import { actor, testRuntime } from '../support/runtime.js';

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb('pglite');
});
afterAll(() => db.dispose());
beforeEach(() => db.exec('DELETE FROM digest_posts; DELETE FROM subscriptions;'));

const say = async (text: string, channel = 'slack:C1', role: Parameters<typeof actor>[0] = 'programma') =>
  renderText(await runCommandText(text, { actor: actor(role), channel }, testRuntime(db)));

describe('subscription commands', () => {
  it('subscribes with the defaults: 08:00, the whole country, werkdagen, Dutch', async () => {
    const text = await say('/ote abonneer');
    expect(text).toContain('Kanaal geabonneerd');
    expect(text).toContain('op werkdagen om 08:00: heel Nederland, in het Nederlands');
    expect(await liveSubscriptions(db)).toMatchObject([
      { channel: 'slack:C1', postMinute: 480, municipalityCode: null, weekdays: [1, 2, 3, 4, 5], lang: 'nl', status: 'actief' },
    ]);
  });

  it('reads time, municipality, days and language in any order and changes the subscription', async () => {
    await say('/ote abonneer');
    const text = await say('/ote abonneer ma,wo,vr Den Haag 7.30 en');
    expect(text).toContain('Abonnement gewijzigd');
    expect(text).toContain('op ma, wo, vr om 07:30: \'s-Gravenhage met landelijke context, in het Engels');
    expect(await liveSubscriptions(db)).toMatchObject([{ postMinute: 450, municipalityCode: 'GM0518', weekdays: [1, 3, 5], lang: 'en' }]);
    expect(await say('/ote abonneer dagelijks 06:00')).toContain('elke dag om 06:00');
    expect(await say('/ote abonneer za-ma')).toContain('op ma, za, zo');
  });

  it('refuses a bad time or an unknown municipality and changes nothing', async () => {
    expect(await say('/ote abonneer 25:00')).toContain('‘25:00’ is geen geldige tijd');
    expect(await say('/ote abonneer Atlantis')).toContain('Atlantis');
    expect(await liveSubscriptions(db)).toEqual([]);
  });

  it('is for the programme office only', async () => {
    expect(await say('/ote abonneer', 'slack:C1', 'partner')).toContain('Geen toegang');
    expect(await say('/ote abonnementen', 'slack:C1', 'politie')).toContain('Geen toegang');
  });

  it('lets a channel admin of any role manage their own channel, and show only its subscription', async () => {
    const admin = { ...actor('partner'), channelAdmin: true };
    const as = async (text: string, channel: string) => renderText(await runCommandText(text, { actor: admin, channel }, testRuntime(db)));
    expect(await say('/ote abonneer', 'slack:C1', 'partner')).toContain('kanaalbeheerders (voor hun eigen kanaal)');
    await say('/ote abonneer', 'slack:C9');
    expect(await as('/ote abonnementen', 'slack:C1')).toContain('nog geen abonnementen');
    expect(await as('/ote abonneer 07:00', 'slack:C1')).toContain('Kanaal geabonneerd');
    const listed = await as('/ote abonnementen', 'slack:C1');
    expect(listed).toContain('slack:C1');
    expect(listed).not.toContain('slack:C9');
    expect(await as('/ote help', 'slack:C1')).toContain('/ote opzeggen');
    expect(await say('/ote help', 'slack:C1', 'partner')).not.toContain('/ote opzeggen');
    expect(await as('/ote opzeggen', 'slack:C1')).toContain('Abonnement opgezegd');
    expect((await liveSubscriptions(db)).map((s) => s.channel)).toEqual(['slack:C9']);
  });

  it('cancels the channel’s subscription', async () => {
    expect(await say('/ote opzeggen')).toContain('Geen abonnement');
    await say('/ote abonneer');
    expect(await say('/ote opzeggen')).toContain('Abonnement opgezegd');
    expect(await liveSubscriptions(db)).toEqual([]);
    expect(await say('/ote abonneer')).toContain('Kanaal geabonneerd');
  });

  it('lists every channel with its last digest, failures and pauses, this channel first', async () => {
    expect(await say('/ote abonnementen')).toContain('nog geen abonnementen');
    await say('/ote abonneer', 'slack:C1');
    await say('/ote abonneer Rotterdam 09:00', 'discord:42');
    await say('/ote abonneer', 'slack:C9');
    const [c1, d42, c9] = await liveSubscriptions(db).then((all) => ['slack:C1', 'discord:42', 'slack:C9'].map((c) => all.find((s) => s.channel === c)!));
    await claimDigestPost(db, { subscriptionId: c1!.id, localDate: '2025-06-10' }, 'slack');
    await markDigestPosted(db, { subscriptionId: c1!.id, localDate: '2025-06-10' }, '1700000000.000100', new Date('2025-06-10T06:00:00Z'));
    await claimDigestPost(db, { subscriptionId: d42!.id, localDate: '2025-06-10' }, 'discord');
    await markDigestFailed(db, { subscriptionId: d42!.id, localDate: '2025-06-10' }, 'Discord onbereikbaar', true);
    await pauseSubscription(db, c9!.id, 'channel_not_found');

    const text = await say('/ote abonnementen', 'discord:42');
    const lines = text.split('\n');
    const row = (channel: string) => lines.find((l) => l.includes(channel)) ?? '';
    expect(lines.findIndex((l) => l.includes('discord:42'))).toBeLessThan(lines.findIndex((l) => l.includes('slack:C1')));
    expect(row('discord:42')).toContain('(dit kanaal)');
    expect(row('discord:42')).toContain('mislukt op 10 juni 2025: Discord onbereikbaar');
    expect(row('discord:42')).toContain('Rotterdam met landelijke context');
    expect(row('slack:C1')).toContain('10 juni 2025');
    expect(row('slack:C9')).toContain('gepauzeerd (channel_not_found)');
  });
});
