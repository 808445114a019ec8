// The Discord poster against the fake's REST API: a message with its chart attached, and the failures that
// retrying cannot fix reported as PermanentPostError.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentPostError } from '../../../src/platforms/poster.js';
import { createDiscordRest } from '../../../src/platforms/discord/part.js';
import { createDiscordPoster } from '../../../src/platforms/discord/poster.js';
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
});
