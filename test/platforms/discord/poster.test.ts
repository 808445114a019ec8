// The Discord poster against the fake's REST API: a message with its chart attached, the failures that
// retrying cannot fix reported as PermanentPostError, and exactly one message when an answer is lost (the
// nonce with enforce_nonce makes Discord return the message it already created).
import { REST } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PermanentPostError, type Poster } from '../../../src/platforms/poster.js';
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

  /** `posted`, or the PermanentPostError's code, or the other error's text. */
  const postCode = (poster: Poster, channel: string, what = digest) =>
    poster.post(channel, what).then(
      () => 'posted',
      (error: unknown) => (error instanceof PermanentPostError ? error.code : String(error)),
    );

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
    const codeOf = (channel: string) => postCode(poster, channel);
    expect(await codeOf('111111111111111111')).toBe('discord:10003');
    expect(await codeOf('222222222222222222')).toBe('discord:50001');
    expect(await codeOf('333333333333333333')).toBe('discord:50013');
  });

  it('is refused where the permissions Discord reports do not let the bot post, and checkAccess says the same', async () => {
    const strict = await FakeDiscord.start({ guild: { id: '900000000000000001', name: 'g', channels: [{ id: '900000000000000010', name: 'a' }, { id: '900000000000000011', name: 'b' }, { id: '900000000000000012', name: 'c' }], roles: [] } });
    try {
      const poster = createDiscordPoster(createDiscordRest(strict.token, strict.apiUrl), 'nl');
      const everyone = strict.guild.id;
      const bit = (n: bigint) => String(1n << n);
      strict.channelOverwrites.set('900000000000000010', [{ id: everyone, type: 0, allow: '0', deny: bit(10n) }]);
      strict.channelOverwrites.set('900000000000000011', [{ id: everyone, type: 0, allow: '0', deny: bit(11n) }]);
      strict.channelOverwrites.set('900000000000000012', [{ id: everyone, type: 0, allow: '0', deny: bit(15n) }]);
      const codeOf = (channel: string, what = digest) => postCode(poster, channel, what);
      expect(await codeOf('900000000000000010')).toBe('discord:50001');
      expect(await codeOf('900000000000000011')).toBe('discord:50013');
      expect(await codeOf('900000000000000012')).toBe('discord:50013');
      expect(await codeOf('900000000000000012', reply('Zonder grafiek', [{ kind: 'text', text: 'tekst' }]))).toBe('posted');
      expect(await poster.checkAccess!('900000000000000011')).toEqual({ kind: 'missing-permissions', missing: ['SendMessages'] });
      expect(await poster.checkAccess!('900000000000000012')).toEqual({ kind: 'missing-permissions', missing: ['AttachFiles'] });
      expect(strict.channelMessages).toHaveLength(1);
    } finally {
      await strict.close();
    }
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

    it('finds the message a much earlier attempt posted, after Discord has forgotten its nonce, instead of posting again', async () => {
      const forgetful = await FakeDiscord.start({ nonceWindowMs: 50 });
      try {
        const channelId = forgetful.guild.channels[0]!.id;
        const rest = () => new REST({ api: forgetful.apiUrl, agent: discordDispatcher(), timeout: 300 }).setToken(forgetful.token);
        const firstAttemptAt = new Date();
        const other = reply('Iets anders', [{ kind: 'text', text: 'niet het overzicht' }]);
        await createDiscordPoster(rest(), 'nl', [20]).post(channelId, other);
        // The job's first attempt stored the message, but its answer was lost for good.
        const first = await createDiscordPoster(rest(), 'nl', [20]).post(channelId, digest, { id: 'digest-9-2025-06-10', firstAttemptAt, lookFirst: false });
        await new Promise((resolve) => setTimeout(resolve, 120));
        // A later attempt of the same job, minutes on: the nonce no longer protects it.
        const later = await createDiscordPoster(rest(), 'nl', [20], { nonceTrustMs: 50 }).post(channelId, digest, { id: 'digest-9-2025-06-10', firstAttemptAt, lookFirst: true });
        expect(later.messageId).toBe(first.messageId);
        expect(later.found).toBe(true);
        expect(forgetful.channelMessages).toHaveLength(2);
        // A post the earlier attempt never stored is posted, once.
        const missing = await createDiscordPoster(rest(), 'nl', [20], { nonceTrustMs: 50 }).post(channelId, reply('Herinnering', [{ kind: 'text', text: 'mijlpaal' }]), { id: 'reminder-1', firstAttemptAt, lookFirst: true });
        expect(missing.found).toBeFalsy();
        expect(forgetful.channelMessages).toHaveLength(3);
        expect(forgetful.requests.filter((r) => r.startsWith('GET /channels/'))).not.toHaveLength(0);
      } finally {
        await forgetful.close();
      }
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
