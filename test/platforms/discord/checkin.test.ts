// Field Lab check-ins on Discord, end to end: the reminder job posts through the Discord poster to the fake
// Discord, a member presses the reminder's buttons (MESSAGE_COMPONENT over the gateway, the real discord.js
// client), the check-in lands in the database, Knelpunt opens a modal whose submission (MODAL_SUBMIT) stores
// the note, and a second press is told the milestone was already answered.
import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { milestoneReminder } from '../../../jobs/milestone-reminder.js';
import { defaultMilestones, remindAt, type Intervention, type Milestone } from '../../../src/domain/fieldlab.js';
import { milestoneName } from '../../../src/fieldlab/labels.js';
import { reminderReply } from '../../../src/fieldlab/reminder-reply.js';
import { translator } from '../../../src/i18n/index.js';
import { silentLogger } from '../../../src/logger.js';
import type { Part } from '../../../src/lifecycle.js';
import { buildCommands } from '../../../src/platforms/discord/definitions.js';
import { createDiscordPart } from '../../../src/platforms/discord/part.js';
import { registerCommands } from '../../../src/platforms/discord/register.js';
import type { JobServices } from '../../../src/queue/job.js';
import { reply } from '../../../src/render/reply.js';
import { checkInHistory } from '../../../src/store/checkins.js';
import { createIntervention, findMilestone, listInterventions } from '../../../src/store/interventions.js';
import { assignRole } from '../../../src/store/roles.js';
import { openTestDb, type TestDb } from '../../support/db.js';
import { FakeDiscord, snowflake } from '../../support/fake-discord.js';
import { testRuntime } from '../../support/runtime.js';

// Monday 30 June 2025, 12:00 in Amsterdam: the kick-off of an intervention starting that day is due.
const NOW = new Date('2025-06-30T12:00:00+02:00');
const MEMBER = snowflake();
const OTHER = snowflake();
const STRANGER = snowflake();

describe('check-in buttons on Discord', () => {
  let db: TestDb;
  let discord: FakeDiscord;
  let part: Part;
  let intervention: Intervention;
  let reminderId: string;
  const milestone = (day: number): Milestone => intervention.milestones.find((m) => m.day === day)!;
  const state = async (m: Milestone) => (await findMilestone(db, m.id))!.milestone.state;

  beforeAll(async () => {
    db = await openTestDb('pglite');
    discord = await FakeDiscord.start();
    const rest = new REST({ api: discord.apiUrl }).setToken(discord.token);
    await registerCommands({ rest, applicationId: discord.applicationId, guildId: discord.guild.id, commands: buildCommands() });
    const runtime = testRuntime(db);
    const discordPart = createDiscordPart({ token: discord.token, apiUrl: discord.apiUrl, runtime, inbound: true, deferAfterMs: 1500, now: () => NOW });
    runtime.services.posters = { discord: discordPart.poster };
    // MEMBER has a partner role of their own, OTHER through the server role Politie; STRANGER has none.
    await assignRole(db, { platform: 'discord', kind: 'user', id: MEMBER }, 'partner', null, 'test');
    await assignRole(db, { platform: 'discord', kind: 'group', id: discord.guild.roles[0]!.id }, 'politie', null, 'test');
    part = discordPart.part!;
    await part.start();

    const channel = discord.guild.channels[0]!.id;
    const id = await createIntervention(
      db,
      { name: 'Buurtaanpak', description: '', owners: ['Politie'], channel: `discord:${channel}`, startDate: '2025-06-30', lengthDays: 100, status: 'actief', milestones: defaultMilestones() },
      'test',
    );
    intervention = (await listInterventions(db, [id]))[0]!;
    const services = {
      db,
      municipalities: runtime.municipalities,
      logger: silentLogger,
      posters: { discord: discordPart.poster },
      buildDigest: () => Promise.reject(new Error('no digest here')),
      enqueue: async () => undefined,
      now: () => NOW,
    } satisfies JobServices;
    const kickOff = milestone(0);
    await milestoneReminder.process(
      { interventionId: id, milestoneId: kickOff.id, remindAt: remindAt(intervention, kickOff).toISOString() },
      { services, logger: silentLogger, jobId: 'herinnering-test', attempt: 1, maxAttempts: 6 },
    );
    reminderId = discord.channelMessages.at(-1)!.id;
  });

  afterAll(async () => {
    await part?.stop();
    await discord?.close();
    await db?.dispose();
  });

  it('posts the reminder into the team channel with the four check-in buttons', () => {
    const [posted, ...more] = discord.channelMessages;
    expect(more).toEqual([]);
    expect(posted!.channelId).toBe(discord.guild.channels[0]!.id);
    expect(posted!.body.flags).toBeUndefined();
    expect(posted!.body.embeds[0].title).toBe('Mijlpaal: Kick-off');
    expect(posted!.body.embeds[0].description).toContain('Buurtaanpak');
    const value = milestone(0).id;
    expect(posted!.body.components).toEqual([
      {
        type: 1,
        components: [
          { type: 2, custom_id: `checkin:gereed|${value}`, label: 'Gereed', style: 1 },
          { type: 2, custom_id: `checkin:later-dag|${value}`, label: 'Later: 1 dag', style: 2 },
          { type: 2, custom_id: `checkin:later-week|${value}`, label: 'Later: 1 week', style: 2 },
          { type: 2, custom_id: `checkin:knelpunt|${value}`, label: 'Knelpunt', style: 4 },
        ],
      },
    ]);
  });

  it('refuses, only to them, a member without a partner role', async () => {
    const kickOff = milestone(0);
    const [answer] = await discord.waitForResponses(discord.pressButton(reminderId, `checkin:gereed|${kickOff.id}`, { userId: STRANGER }), 1);
    expect(answer!.body.data.flags).toBe(64);
    expect(answer!.body.data.embeds[0].description).toContain(`Alleen het team van **Buurtaanpak** (leden van <#${discord.guild.channels[0]!.id}> met een partnerrol)`);
    expect(answer!.body.data.allowed_mentions).toEqual({ parse: [] });
    expect(await state(kickOff)).toBe('open');
  });

  it('records Gereed in the database, answers for the channel and edits the reminder: the answer replaces the buttons', async () => {
    const kickOff = milestone(0);
    const id = discord.pressButton(reminderId, `checkin:gereed|${kickOff.id}`, { userId: MEMBER });
    const [answer, ...more] = await discord.waitForResponses(id, 1);
    expect(more).toEqual([]);
    expect(answer!.kind).toBe('callback');
    expect(answer!.body.type).toBe(4);
    expect(answer!.body.data.flags).toBeUndefined();
    expect(answer!.body.data.embeds[0].description).toBe(`✅ <@${MEMBER}> meldt **Kick-off** van **Buurtaanpak** als gereed.`);
    expect(answer!.body.data.allowed_mentions).toEqual({ parse: [] });
    expect(await state(kickOff)).toBe('gereed');
    expect(discord.messageEdits.map((e) => e.id)).toEqual([reminderId]);
    const edited = discord.message(reminderId)!;
    expect(edited.body.components).toEqual([]);
    expect(JSON.stringify(edited.body.embeds)).toContain(`Beantwoord door <@${MEMBER}>`);
    expect(edited.body.allowed_mentions).toEqual({ parse: [] });
    expect(await checkInHistory(db, intervention.id)).toMatchObject([{ milestoneId: kickOff.id, status: 'gereed', actor: `discord:${MEMBER}`, at: NOW }]);
  });

  it('tells a second presser, and only them, that the milestone was already answered', async () => {
    const kickOff = milestone(0);
    // The answered reminder has no buttons left; a copy that still has them (an edit that failed) is pressed.
    expect(() => discord.pressButton(reminderId, `checkin:gereed|${kickOff.id}`, { userId: OTHER })).toThrow(/no button/);
    const copy = await postReminder(kickOff);
    const id = discord.pressButton(copy, `checkin:knelpunt|${kickOff.id}`, { userId: OTHER, roleIds: [discord.guild.roles[0]!.id] });
    // Knelpunt asks for the note first; the answer comes once it is submitted.
    const [opened] = await discord.waitForResponses(id, 1);
    expect(opened!.body.type).toBe(9);
    const submit = discord.submitModal(id, { note: 'Te laat gezien' });
    const [answer] = await discord.waitForResponses(submit, 1);
    expect(answer!.body.type).toBe(4);
    expect(answer!.body.data.flags).toBe(64);
    expect(answer!.body.data.embeds[0].description).toContain(`al als gereed gemeld door <@${MEMBER}>`);

    const again = discord.pressButton(copy, `checkin:gereed|${kickOff.id}`, { userId: OTHER, roleIds: [discord.guild.roles[0]!.id] });
    const [second] = await discord.waitForResponses(again, 1);
    expect(second!.body.data.flags).toBe(64);
    expect(second!.body.data.embeds[0].description).toContain('al als gereed gemeld');
    expect(await checkInHistory(db, intervention.id)).toHaveLength(1);
  });

  it('opens a note modal for Knelpunt, and stores the note when it is submitted', async () => {
    const day30 = milestone(30);
    const press = discord.pressButton(await postReminder(day30), `checkin:knelpunt|${day30.id}`, { userId: MEMBER });
    const [modal, ...more] = await discord.waitForResponses(press, 1);
    expect(more).toEqual([]);
    expect(modal!.body).toEqual({
      type: 9,
      data: {
        custom_id: `checkin:knelpunt|${day30.id}`,
        title: 'Knelpunt melden',
        components: [
          { type: 1, components: [{ type: 4, custom_id: 'note', label: 'Wat is het knelpunt?', style: 2, required: true, min_length: 1, max_length: 500 }] },
        ],
      },
    });
    expect(await state(day30)).toBe('open');

    const blank = discord.submitModal(press, { note: '   ' });
    const [refused] = await discord.waitForResponses(blank, 1);
    expect(refused!.body.data.flags).toBe(64);
    expect(refused!.body.data.embeds[0].description).toContain('Beschrijf het knelpunt');
    expect(await state(day30)).toBe('open');

    const submit = discord.submitModal(press, { note: 'Geen locatie voor de sketch' });
    const [answer] = await discord.waitForResponses(submit, 1);
    expect(answer!.body.type).toBe(4);
    expect(answer!.body.data.flags).toBeUndefined();
    expect(answer!.body.data.embeds[0].description).toBe(
      `⚠️ <@${MEMBER}> meldt een knelpunt bij **${milestoneName(day30, translator('nl'))}** van **Buurtaanpak**: Geen locatie voor de sketch`,
    );
    expect(await state(day30)).toBe('knelpunt');
    const [latest] = await checkInHistory(db, intervention.id);
    expect(latest).toMatchObject({ milestoneId: day30.id, status: 'knelpunt', note: 'Geen locatie voor de sketch', actor: `discord:${MEMBER}` });
  });

  it('snoozes with Later and says when the reminder comes back', async () => {
    const day50 = milestone(50);
    const id = discord.pressButton(await postReminder(day50), `checkin:later-week|${day50.id}`, { userId: MEMBER });
    const [answer] = await discord.waitForResponses(id, 1);
    expect(answer!.body.data.flags).toBeUndefined();
    expect(answer!.body.data.embeds[0].description).toMatch(/stelt .* uit; een nieuwe herinnering volgt op/);
    expect(await state(day50)).toBe('open');
    expect((await findMilestone(db, day50.id))!.milestone.snoozedUntil).not.toBeNull();
  });

  it('tells the presser of a button the bot does not know (an older release) to use the command', async () => {
    const poster = createDiscordPart({ token: discord.token, apiUrl: discord.apiUrl, runtime: testRuntime(db), inbound: false }).poster;
    const old = reply('Oud', [{ kind: 'buttons', buttons: [{ actionId: 'oud:knop', label: 'Oud', value: '1' }] }], 'channel');
    const { messageId } = await poster.post(discord.guild.channels[0]!.id, old);
    const [answer] = await discord.waitForResponses(discord.pressButton(messageId, 'oud:knop|1', { userId: MEMBER }), 1);
    expect(answer!.body.data.flags).toBe(64);
    expect(answer!.body.data.embeds[0].description).toContain('kent de bot niet');
  });

  /** The reminder of a later milestone, as the job would post it when due. */
  async function postReminder(m: Milestone): Promise<string> {
    const poster = createDiscordPart({ token: discord.token, apiUrl: discord.apiUrl, runtime: testRuntime(db), inbound: false }).poster;
    return (await poster.post(discord.guild.channels[0]!.id, reminderReply(intervention, m, NOW, 'nl'))).messageId;
  }
});
