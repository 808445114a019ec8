// The Discord poster against the fake's REST API: a message with its chart attached, the failures that
// retrying cannot fix reported as PermanentPostError, and exactly one message when an answer is lost (the
// nonce with enforce_nonce makes Discord return the message it already created).
import { REST } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PermanentPostError } from '../../../src/platforms/poster.js';
import { createDiscordRest } from '../../../src/platforms/discord/part.js';
import { discordDispatcher } from '../../../src/platforms/discord/http-agent.js';
import { createDiscordPoster, discordNonce } from '../../../src/platforms/discord/poster.js';
import { reply } from '../../../src/render/reply.js';
import { FakeDiscord } from '../../support/fake-discord.js';

describe('the Discord poster', () => {
  let discord: FakeDiscord;
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
  const digest = reply('Dagelijks overzicht', [
    { kind: 'facts', facts: [{ label: 'Gisteren', value: '4' }] },
    { kind: 'chart', chart: { title: 'Doel 2025', fileName: 'doel-2025.png', png } },
  ]);

  beforeAll(async () => {
    discord = await FakeDiscord.start({ refusingChannels: { '222222222222222222': 50001, '333333333333333333': 50013 } });
  });
  afterAll(async () => {
    await discord?.close();
  });

  it('posts embeds for the channel with the chart as an attachment the embed shows', async () => {
    const poster = createDiscordPoster(createDiscordRest(discord.token, discord.apiUrl), 'nl');
    const channelId = discord.guild.channels[0]!.id;
    const result = await poster.post(channelId, digest);
    expect(result.messageId).toMatch(/^\d+$/);
    const [posted] = discord.channelMessages;
    expect(posted!.channelId).toBe(channelId);
    expect(posted!.body.flags).toBeUndefined();
    expect(posted!.body.attachments).toEqual([{ id: 0, filename: 'doel-2025.png', description: 'Doel 2025' }]);
    expect(posted!.body.embeds[0].image).toEqual({ url: 'attachment://doel-2025.png' });
    expect(posted!.files).toHaveLength(1);
    expect(posted!.files[0]).toMatchObject({ field: 'files[0]', name: 'doel-2025.png', contentType: 'image/png' });
    expect([...posted!.files[0]!.bytes]).toEqual([...png]);
  });

  it('reports a missing channel, missing access and missing permissions as permanent', async () => {
    const poster = createDiscordPoster(createDiscordRest(discord.token, discord.apiUrl), 'nl');
    const codeOf = (channel: string) =>
      poster.post(channel, digest).then(
        () => 'posted',
        (error: unknown) => (error instanceof PermanentPostError ? error.code : String(error)),
      );
    expect(await codeOf('111111111111111111')).toBe('discord:10003');
    expect(await codeOf('222222222222222222')).toBe('discord:50001');
    expect(await codeOf('333333333333333333')).toBe('discord:50013');
  });

  it('leaves other failures to the caller to retry', async () => {
    const poster = createDiscordPoster(createDiscordRest('wrong-token', discord.apiUrl), 'nl');
    const error = await poster.post(discord.guild.channels[0]!.id, digest).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PermanentPostError);
  });

  describe('when an answer is lost', () => {
    // Calls time out after 300 ms, so a hanging Discord is given up on quickly.
    const poster = () => createDiscordPoster(new REST({ api: discord.apiUrl, agent: discordDispatcher(), timeout: 300 }).setToken(discord.token), 'nl', [20, 20]);
    const identity = (id: string) => ({ id, firstAttemptAt: new Date(), lookFirst: false });
    let posted: number;
    let hits: number;
    beforeAll(() => {
      posted = discord.channelMessages.length;
      hits = discord.nonceHits;
    });
    afterEach(() => {
      posted = discord.channelMessages.length;
      hits = discord.nonceHits;
    });

    it('carries a nonce of at most 25 characters with enforce_nonce', async () => {
      await poster().post(discord.guild.channels[0]!.id, digest, identity('digest-1-2025-06-10'));
      const body = discord.channelMessages.at(-1)!.body;
      expect(body).toMatchObject({ nonce: discordNonce('digest-1-2025-06-10'), enforce_nonce: true });
      expect(body.nonce.length).toBeLessThanOrEqual(25);
      expect(discordNonce('digest-1-2025-06-10')).not.toBe(discordNonce('digest-1-2025-06-11'));
    });

    it.each([
      ['the connection is cut after the message was stored', { drop: true }],
      ['a 500 comes after the message was stored', { status: 500, stored: true }],
      ['a 503 comes after the message was stored', { status: 503, stored: true }],
      ['the request hangs', { hang: true }],
    ] as const)('posts one message when %s', async (name, fault) => {
      discord.failNextPost(fault);
      const { messageId } = await poster().post(discord.guild.channels[0]!.id, digest, identity(`digest-${name}`));
      expect(discord.channelMessages.length - posted).toBe(1);
      expect(messageId).toBe(discord.channelMessages.at(-1)!.id);
      expect(discord.channelMessages.at(-1)!.files).toHaveLength(1);
      // A stored message was returned for the resent nonce instead of being created again.
      expect(discord.nonceHits - hits).toBe('hang' in fault ? 0 : 1);
    });
  });
});
