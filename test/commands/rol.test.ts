import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCommandText } from '../../src/commands/dispatch.js';
import type { Actor } from '../../src/domain/types.js';
import { renderText } from '../../src/platforms/console/render.js';
import { renderDiscordMessage } from '../../src/platforms/discord/render.js';
import { renderSlack } from '../../src/platforms/slack/render.js';
import { translator } from '../../src/i18n/index.js';
import { findRole, resolveActor } from '../../src/store/roles.js';
import { openTestDb, type TestDb } from '../support/db.js';
import { testRuntime } from '../support/runtime.js';

const office: Actor = { platform: 'slack', userId: 'UOFFICE1', role: 'programma' };

describe('/ote rol', () => {
  let db: TestDb;
  const say = async (text: string, actor: Actor = office) => {
    const reply = await runCommandText(text, { actor, channel: 'slack:C1' }, testRuntime(db));
    return { reply, text: renderText(reply) };
  };

  beforeAll(async () => {
    db = await openTestDb('pglite');
  });
  afterAll(async () => {
    await db.dispose();
  });
  beforeEach(async () => {
    await db.exec('DELETE FROM role_assignments');
  });

  it('is only for the programme office, and says so politely', async () => {
    const { reply, text } = await say('/ote rol', { platform: 'slack', userId: 'U2', role: 'politie' });
    expect(reply.isError).toBe(true);
    expect(text).toContain('programmabureau');
  });

  it('assigns a role to a Slack user mention and to a user group mention', async () => {
    let { reply } = await say('/ote rol toewijzen <@U0POLICE1|jan.agent> politie');
    expect(reply.isError).toBeUndefined();
    ({ reply } = await say('rol toewijzen <!subteam^S0OMGROUP|@om-team> om'));
    expect(reply.isError).toBeUndefined();
    expect(await resolveActor(db, { platform: 'slack', userId: 'U0POLICE1', groupIds: [] })).toMatchObject({ role: 'politie' });
    expect(await resolveActor(db, { platform: 'slack', userId: 'U0SOMEONE', groupIds: ['S0OMGROUP'] })).toMatchObject({ role: 'om' });
  });

  it('assigns a municipality by the name people type', async () => {
    const { text } = await say('/ote rol toewijzen U0ADVISER gemeente Den Haag');
    expect(text).toContain("'s-Gravenhage");
    expect(await findRole(db, { platform: 'slack', kind: 'user', id: 'U0ADVISER' })).toMatchObject({ role: 'gemeente', municipalityCode: 'GM0518' });
  });

  it("accepts Discord's user and role mentions", async () => {
    await say('/ote rol toewijzen <@123456789012345678> politie');
    await say('/ote rol toewijzen <@&876543210987654321> om');
    expect(await findRole(db, { platform: 'discord', kind: 'user', id: '123456789012345678' })).toMatchObject({ role: 'politie' });
    expect(await findRole(db, { platform: 'discord', kind: 'group', id: '876543210987654321' })).toMatchObject({ role: 'om' });
  });

  it('lists the assignments', async () => {
    await say('/ote rol toewijzen U0POLICE1 politie');
    await say('/ote rol toewijzen U0ADVISER gemeente Rotterdam');
    const { text } = await say('/ote rol');
    expect(text).toMatch(/@U0POLICE1 \(Slack\)\s+Slack gebruiker\s+Politie/);
    expect(text).toMatch(/@U0ADVISER \(Slack\)\s+Slack gebruiker\s+gemeente\s+Rotterdam/);
  });

  it('shows assigned people and groups as the platform names them, not as raw ids', async () => {
    await say('/ote rol toewijzen U0POLICE1 politie');
    await say('/ote rol toewijzen <!subteam^S0TEAM|@team> partner');
    const { reply } = await say('/ote rol');
    const slackText = JSON.stringify(renderSlack(reply, { t: translator('nl') }).blocks);
    expect(slackText).toContain('<@U0POLICE1>');
    expect(slackText).toContain('<!subteam^S0TEAM>');
    expect(slackText).toContain('<@UOFFICE1>');
    expect(slackText).not.toContain('slack:UOFFICE1');
    const discordOffice: Actor = { platform: 'discord', userId: '111111111111111111', role: 'programma' };
    await runCommandText('/ote rol toewijzen <@&222222222222222222> politie', { actor: discordOffice, channel: 'discord:3' }, testRuntime(db));
    const listed = await runCommandText('/ote rol', { actor: discordOffice, channel: 'discord:3' }, testRuntime(db));
    const discordText = JSON.stringify(renderDiscordMessage(listed, 'nl').data.embeds);
    expect(discordText).toContain('<@&222222222222222222>');
    expect(discordText).toContain('<@111111111111111111>');
  });

  it('revokes, and says when there was nothing to revoke', async () => {
    await say('/ote rol toewijzen U0POLICE1 politie');
    expect((await say('/ote rol intrekken <@U0POLICE1>')).text).toContain('ingetrokken');
    expect(await findRole(db, { platform: 'slack', kind: 'user', id: 'U0POLICE1' })).toBeUndefined();
    expect((await say('/ote rol intrekken U0POLICE1')).text).toContain('geen rol');
  });

  it('refuses unclear input with a message naming what is missing, and changes nothing', async () => {
    expect((await say('/ote rol toewijzen politie')).text).toContain('Noem wie');
    expect((await say('/ote rol toewijzen U0POLICE1')).text).toContain('Noem de rol');
    expect((await say('/ote rol toewijzen U0POLICE1 gemeente')).text).toContain('hoort bij een gemeente');
    expect((await say('/ote rol toewijzen U0POLICE1 politie Rotterdam')).text).toContain('Alleen de rol gemeente');
    expect((await say('/ote rol toewijzen U0POLICE1 gemeente Atlantis')).text).toContain('Onbekende gemeente');
    expect((await say('/ote rol toewijzen U0OFFICE1 partner', { ...office, userId: 'U0OFFICE1' })).text).toContain('eigen rol');
    expect(await findRole(db, { platform: 'slack', kind: 'user', id: 'U0POLICE1' })).toBeUndefined();
  });
});
