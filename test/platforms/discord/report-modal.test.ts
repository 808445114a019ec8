// The incident report form as a Discord modal, end to end over the fake Discord and the real discord.js
// client: `/ote melden`'s Formulier openen button opens a modal of five text inputs, a bad submission is
// refused ephemerally field by field (and can be reopened as typed), a good one is stored as a chat report
// through the dispatcher, and Corrigeren reopens it filled while means and postcode area stay as stored.
import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Part } from '../../../src/lifecycle.js';
import { buildCommands } from '../../../src/platforms/discord/definitions.js';
import { createDiscordPart } from '../../../src/platforms/discord/part.js';
import { registerCommands } from '../../../src/platforms/discord/register.js';
import { assignRole } from '../../../src/store/roles.js';
import { openTestDb, type TestDb } from '../../support/db.js';
import { FakeDiscord, snowflake, type RecordedResponse } from '../../support/fake-discord.js';
import { testRuntime } from '../../support/runtime.js';

const NOW = new Date('2025-06-30T12:00:00+02:00');
const POLICE = snowflake();
const PARTNER = snowflake();

describe('the report form on Discord', () => {
  let db: TestDb;
  let discord: FakeDiscord;
  let part: Part;

  beforeAll(async () => {
    db = await openTestDb('pglite');
    discord = await FakeDiscord.start();
    await assignRole(db, { platform: 'discord', kind: 'user', id: POLICE }, 'politie', null, 'test');
    const rest = new REST({ api: discord.apiUrl }).setToken(discord.token);
    await registerCommands({ rest, applicationId: discord.applicationId, guildId: discord.guild.id, commands: buildCommands() });
    part = createDiscordPart({ token: discord.token, apiUrl: discord.apiUrl, runtime: testRuntime(db), inbound: true, deferAfterMs: 1500, now: () => NOW }).part!;
    await part.start();
  });
  afterAll(async () => {
    await part?.stop();
    await discord?.close();
    await db?.dispose();
  });

  const one = async (interactionId: string): Promise<RecordedResponse> => {
    const [response, ...more] = await discord.waitForResponses(interactionId, 1);
    expect(more).toEqual([]);
    return response!;
  };
  const buttonIds = (response: RecordedResponse) => (response.body.data.components ?? []).flatMap((row: any) => row.components.map((b: any) => b.custom_id));
  const inputs = (modal: RecordedResponse) => modal.body.data.components.map((row: any) => row.components[0]);

  it('opens the form from /ote melden, refuses a bad submission by field, and stores a good one', async () => {
    const help = await one(discord.sendCommand('melden', {}, { userId: POLICE }));
    expect(help.body.data.flags).toBe(64);
    expect(help.body.data.components).toEqual([{ type: 1, components: [{ type: 2, custom_id: 'melden:formulier|nieuw', label: 'Formulier openen', style: 2 }] }]);

    const open = discord.pressButton(help.messageId!, 'melden:formulier|nieuw');
    const modal = await one(open);
    expect(modal.body.type).toBe(9);
    expect(modal.body.data).toMatchObject({ custom_id: 'ote-melden', title: 'Incident melden' });
    expect(inputs(modal).map((i: any) => [i.custom_id, i.label, i.style, i.required, i.max_length])).toEqual([
      ['ref', 'Referentie', 1, true, 64],
      ['wanneer', 'Wanneer', 1, true, 25],
      ['gemeente', 'Gemeente', 1, true, 100],
      ['doel', 'Doelwit', 1, true, 10],
      ['resultaat', 'Resultaat', 1, true, 10],
    ]);
    expect(inputs(modal)[3].placeholder).toBe('woning, bedrijf, voertuig of overig');

    const typed = { ref: 'DC-2025-1', wanneer: '2025-03-01T02:30', gemeente: 'Nergenshuizen', doel: 'woning', resultaat: 'ontploft' };
    const bad = await one(discord.submitModal(open, typed));
    expect(bad.body.type).toBe(4);
    expect(bad.body.data.flags).toBe(64);
    const embed = bad.body.data.embeds[0];
    expect(embed).toMatchObject({ title: 'Incident melden', description: 'De melding is niet opgeslagen:', color: 0xc0392b });
    expect(embed.fields.map((f: any) => f.name)).toEqual(['Gemeente', 'Resultaat']);
    expect(embed.fields[0].value).toMatch(/^onbekende gemeente ‘Nergenshuizen’/);
    expect(await db.query('SELECT 1 FROM incidents')).toEqual([]);

    // Discord closes a modal on submit; the refusal's button reopens it as typed.
    const [retry] = buttonIds(bad);
    expect(retry).toMatch(/^melden:opnieuw\|[0-9a-f]{16}$/);
    const reopen = discord.pressButton(bad.messageId!, retry);
    const again = await one(reopen);
    expect(inputs(again).map((i: any) => i.value)).toEqual(Object.values(typed));

    const good = await one(discord.submitModal(reopen, { gemeente: 'Den Haag', resultaat: 'explosie' }));
    expect(good.body.data.flags).toBe(64);
    expect(good.body.data.embeds[0].title).toBe('Incident gemeld');
    expect(buttonIds(good)).toEqual(['melden:corrigeren|DC-2025-1']);
    expect(await db.query('SELECT reference, municipality_code, target, outcome, means, postcode4, source FROM incidents')).toEqual([
      { reference: 'DC-2025-1', municipality_code: 'GM0518', target: 'woning', outcome: 'explosie', means: 'onbekend', postcode4: null, source: 'chat' },
    ]);
    expect(await db.query("SELECT actor, action FROM audit_log WHERE subject = 'DC-2025-1'")).toEqual([{ actor: `discord:${POLICE}`, action: 'incident.aangemaakt' }]);
  });

  it('opens Corrigeren filled with the stored incident; means and postcode area stay as stored', async () => {
    // Means and postcode area are not in the modal: they are set with the command's options.
    const options = await one(discord.sendCommand('melden', { ref: 'DC-2025-1', middel: 'vuurwerk', postcode: '2512' }, { userId: POLICE }));
    expect(options.body.data.embeds[0].title).toBe('Incident gecorrigeerd');

    const open = discord.pressButton(options.messageId!, 'melden:corrigeren|DC-2025-1');
    const modal = await one(open);
    expect(inputs(modal).map((i: any) => i.value)).toEqual(['DC-2025-1', '2025-03-01T02:30+01:00', 'GM0518', 'woning', 'explosie']);

    const corrected = await one(discord.submitModal(open, { doel: 'Bedrijf' }));
    expect(corrected.body.data.embeds[0].title).toBe('Incident gecorrigeerd');
    expect(await db.query("SELECT target, means, postcode4 FROM incidents WHERE reference = 'DC-2025-1'")).toEqual([{ target: 'bedrijf', means: 'vuurwerk', postcode4: '2512' }]);
    expect(await db.query("SELECT count(*)::int AS n FROM incident_history WHERE reference = 'DC-2025-1'")).toEqual([{ n: 3 }]);
  });

  it('opens nothing for a partner who may not report, and says why only to them', async () => {
    const shared = await one(discord.sendCommand('melden', { publiek: true }, { userId: POLICE }));
    expect(shared.body.data.flags).toBeUndefined();
    const press = discord.pressButton(shared.messageId!, 'melden:formulier|nieuw', { userId: PARTNER });
    const refusal = await one(press);
    expect(refusal.body.type).toBe(4);
    expect(refusal.body.data.flags).toBe(64);
    expect(refusal.body.data.embeds[0].title).toBe('Geen toegang');
  });
});
