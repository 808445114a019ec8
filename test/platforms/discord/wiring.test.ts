// The composition root with Discord configured: the web role connects to the gateway and answers `/ote`,
// the configured admin is the programme office, a worker gets only the poster, a bad token says which setting.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { silentLogger } from '../../../src/logger.js';
import { createApp, type App } from '../../../src/main.js';
import { buildCommands } from '../../../src/platforms/discord/definitions.js';
import { createDiscordPart } from '../../../src/platforms/discord/part.js';
import { registerCommands } from '../../../src/platforms/discord/register.js';
import { FakeDiscord } from '../../support/fake-discord.js';

describe('Discord in the composition root', () => {
  let discord: FakeDiscord;
  let app: App;
  let dataDir: string;
  const adminId = '900000000000000009';

  beforeAll(async () => {
    discord = await FakeDiscord.start();
    const rest = new REST({ api: discord.apiUrl }).setToken(discord.token);
    await registerCommands({ rest, applicationId: discord.applicationId, commands: buildCommands() });
    dataDir = mkdtempSync(join(tmpdir(), 'ote-discord-wiring-'));
    const config = loadConfig({
      PORT: '0',
      DATA_DIR: dataDir,
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_ADMIN_USER_IDS: adminId,
    });
    app = await createApp(config, { roles: ['web'], logger: silentLogger });
    await app.start();
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    await discord?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says it is connected, and as whom', () => {
    expect(app.describe()).toContain('Discord: verbonden als ote-bot');
  });

  it('answers a configured admin as the programme office', async () => {
    const id = discord.sendCommand('rol lijst', {}, { userId: adminId, global: true });
    const [response] = await discord.waitForResponses(id, 1);
    expect(response!.body.data.embeds[0].title).toBe('Partnerrollen');
    expect(JSON.stringify(response!.body)).toContain(adminId);
  });

  it('gives a worker only the poster', () => {
    const worker = createDiscordPart({ token: 'x', runtime: app.runtime, inbound: false });
    expect(worker.part).toBeUndefined();
    expect(worker.poster.platform).toBe('discord');
  });

  it('refuses a token Discord does not accept, saying which setting', async () => {
    const wrong = createDiscordPart({ token: 'wrong', apiUrl: discord.apiUrl, runtime: app.runtime, inbound: true });
    await expect(wrong.part!.start()).rejects.toThrow(/DISCORD_TOKEN/);
  });
});
