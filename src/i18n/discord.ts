// Messages of the Discord adapter: command descriptions, cut markers, registration and connection lines.
import { defineMessages } from './index.js';

export const discord = defineMessages(
  {
    'discord.command.description': 'Cijfers en voortgang van het Offensief Tegen Explosies',
    'discord.option.publiek': 'Deel het antwoord met het kanaal (standaard ziet alleen u het)',
    'discord.option.taal': 'Taal van het antwoord',
    'discord.more': '… en {count} meer',
    'discord.guildOnly': 'Gebruik `/ote` in een server van het OTE-netwerk: in een privébericht is uw partnerrol niet bekend.',
    'discord.connectedAs': 'Discord: verbonden als {tag}',
    'discord.loginFailed': 'Verbinden met Discord mislukte (controleer DISCORD_TOKEN): {detail}',
    'discord.register.missingConfig': 'Zet DISCORD_TOKEN en DISCORD_APPLICATION_ID om de commando’s te registreren.',
    'discord.register.unchanged': 'De commando’s bij Discord zijn al actueel ({scope}); er is niets geschreven.',
    'discord.register.written': 'Commando’s bijgewerkt bij Discord ({scope}): /ote met {count} subcommando’s.',
    'discord.register.scopeGuild': 'server {guild}',
    'discord.register.scopeGlobal': 'globaal, voor elke server',
    'discord.register.failed': 'Registreren bij Discord mislukte: {detail}',
    'discord.register.badGuild': '‘{guild}’ is geen server-id van Discord (17 tot 20 cijfers).',
  },
  {
    'discord.command.description': 'Figures and progress of the Offensief Tegen Explosies',
    'discord.option.publiek': 'Share the reply with the channel (by default only you see it)',
    'discord.option.taal': 'Language of the reply',
    'discord.more': '… and {count} more',
    'discord.guildOnly': 'Use `/ote` in a server of the OTE network: in a direct message your partner role is unknown.',
    'discord.connectedAs': 'Discord: connected as {tag}',
    'discord.loginFailed': 'Connecting to Discord failed (check DISCORD_TOKEN): {detail}',
    'discord.register.missingConfig': 'Set DISCORD_TOKEN and DISCORD_APPLICATION_ID to register the commands.',
    'discord.register.unchanged': 'The commands at Discord are up to date ({scope}); nothing was written.',
    'discord.register.written': 'Commands updated at Discord ({scope}): /ote with {count} subcommands.',
    'discord.register.scopeGuild': 'server {guild}',
    'discord.register.scopeGlobal': 'global, for every server',
    'discord.register.failed': 'Registering with Discord failed: {detail}',
    'discord.register.badGuild': '‘{guild}’ is not a Discord server id (17 to 20 digits).',
  },
);
