// `ote discord register [--guild ID]`: writes the `/ote` command to Discord when it changed. Run it after
// changing commands, never on every start: Discord limits command writes per day.
import { InvalidArgumentError, type Command } from 'commander';
import type { Config } from '../config.js';
import { translate } from '../i18n/index.js';
import { buildCommands } from '../platforms/discord/definitions.js';
import { createDiscordRest } from '../platforms/discord/part.js';
import { registerCommands } from '../platforms/discord/register.js';
import type { CliContext } from './index.js';
import { CliError } from './shared.js';

export function registerDiscord(discord: Command, cli: CliContext): void {
  discord
    .command('register')
    .description('Registreert /ote bij Discord, alleen als de commando’s veranderden (zonder --guild: globaal)')
    .option('--guild <id>', 'alleen voor deze server, om wijzigingen eerst uit te proberen', parseGuild)
    .action(async (options: { guild?: string }) => {
      process.stdout.write(`${await discordRegister(await cli.config(), options.guild)}\n`);
    });
}

/** Registers and says what happened, in the bot's language. */
export async function discordRegister(config: Config, guildId?: string): Promise<string> {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(config.BOT_LANG, key, params);
  if (!config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID) throw new CliError(t('discord.register.missingConfig'));
  const commands = buildCommands();
  let result;
  try {
    result = await registerCommands({
      rest: createDiscordRest(config.DISCORD_TOKEN, config.DISCORD_API_URL),
      applicationId: config.DISCORD_APPLICATION_ID,
      commands,
      ...(guildId ? { guildId } : {}),
    });
  } catch (error) {
    throw new CliError(t('discord.register.failed', { detail: error instanceof Error ? error.message : String(error) }));
  }
  const scope = guildId ? t('discord.register.scopeGuild', { guild: guildId }) : t('discord.register.scopeGlobal');
  const subcommands = commands[0]?.options?.length ?? 0;
  return result.changed ? t('discord.register.written', { scope, count: subcommands }) : t('discord.register.unchanged', { scope });
}

function parseGuild(value: string): string {
  if (!/^\d{17,20}$/.test(value)) throw new InvalidArgumentError(translate('nl', 'discord.register.badGuild', { guild: value }));
  return value;
}
