// Registration writes to Discord only when the commands changed, per scope (one server, or global).
import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.js';
import { discordRegister } from '../../../src/cli/discord.js';
import { CliError } from '../../../src/cli/shared.js';
import { loadConfig } from '../../../src/config.js';
import { buildCommands } from '../../../src/platforms/discord/definitions.js';
import { registerCommands, sameCommands } from '../../../src/platforms/discord/register.js';
import { FakeDiscord } from '../../support/fake-discord.js';

describe('registering /ote with Discord', () => {
  let discord: FakeDiscord;
  let rest: REST;

  beforeAll(async () => {
    discord = await FakeDiscord.start();
    rest = new REST({ api: discord.apiUrl }).setToken(discord.token);
  });
  afterAll(async () => {
    await discord?.close();
  });

  it('writes once per scope and nothing when nothing changed', async () => {
    const guildId = discord.guild.id;
    const register = (list = buildCommands(), guild?: string) =>
      registerCommands({ rest, applicationId: discord.applicationId, commands: list, ...(guild ? { guildId: guild } : {}) });

    expect(await register(buildCommands(), guildId)).toEqual({ changed: true, scope: 'guild' });
    expect(await register(buildCommands(), guildId)).toEqual({ changed: false, scope: 'guild' });
    expect(discord.commandWrites.map((w) => w.scope)).toEqual([guildId]);
    expect(discord.requests.filter((r) => r.startsWith('GET /applications'))).toHaveLength(2);

    expect(await register()).toEqual({ changed: true, scope: 'global' });
    expect(await register()).toEqual({ changed: false, scope: 'global' });

    const fewer = buildCommands(commands.slice(0, 2));
    expect(await register(fewer, guildId)).toEqual({ changed: true, scope: 'guild' });
    expect(discord.commandWrites.map((w) => w.scope)).toEqual([guildId, 'global', guildId]);
  });

  it('notices a changed description, option or localization, and ignores what Discord adds', () => {
    const wanted = buildCommands();
    const stored = discord.commands(); // global, as Discord returns it: ids, versions, defaults
    expect(stored[0]).toHaveProperty('id');
    expect(sameCommands(stored, wanted)).toBe(true);
    const changed = structuredClone(wanted);
    changed[0]!.description_localizations = { 'en-US': 'Something else' };
    expect(sameCommands(stored, changed)).toBe(false);
    const option = structuredClone(wanted);
    (option[0]!.options![1] as { options: { required?: boolean }[] }).options[0]!.required = true;
    expect(sameCommands(stored, option)).toBe(false);
  });

  it('`ote discord register` says what it did, and needs a token and application id', async () => {
    const config = loadConfig({ DISCORD_TOKEN: discord.token, DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_API_URL: discord.apiUrl });
    const writes = discord.commandWrites.length;
    expect(await discordRegister(config)).toBe('De commando’s bij Discord zijn al actueel (globaal, voor elke server); er is niets geschreven.');
    const otherGuild = '123456789012345678';
    expect(await discordRegister(config, otherGuild)).toBe(`Commando’s bijgewerkt bij Discord (server ${otherGuild}): /ote met ${commands.length} subcommando’s.`);
    expect(discord.commandWrites).toHaveLength(writes + 1);
    await expect(discordRegister(loadConfig({}))).rejects.toThrow(CliError);
    const wrongToken = loadConfig({ DISCORD_TOKEN: 'wrong', DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_API_URL: discord.apiUrl });
    await expect(discordRegister(wrongToken)).rejects.toThrow(/Registreren bij Discord mislukte: 401: Unauthorized/);
  });
});
