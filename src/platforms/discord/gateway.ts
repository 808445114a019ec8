// The discord.js client on the gateway (intent Guilds only: slash commands need no message content) and
// the translation of its interactions into the handler's plain requests.
import {
  ApplicationCommandOptionType,
  Client,
  Events,
  GatewayIntentBits,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
} from 'discord.js';
import type { RawOptions } from '../../../commands/types.js';
import { LANGS, type Lang } from '../../i18n/index.js';
import { COMMAND_NAME, LANG_OPTION, SHARE_OPTION } from './definitions.js';
import { handleAutocomplete, handleCommand, type AutocompleteRequest, type CommandRequest, type HandlerDeps } from './interactions.js';

export interface GatewayOptions {
  token: string;
  /** Another REST base URL (`…/api`); the gateway address then comes from its `GET /gateway/bot`. */
  apiUrl?: string;
}

export function createGatewayClient(options: GatewayOptions): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    ...(options.apiUrl ? { rest: { api: options.apiUrl } } : {}),
  });
}

/** Routes `/ote` interactions to the handler; returns the listener so it can be removed. */
export function listen(client: Client, deps: HandlerDeps): (interaction: Interaction) => void {
  const listener = (interaction: Interaction) => {
    try {
      if (interaction.isChatInputCommand() && interaction.commandName === COMMAND_NAME) {
        void handleCommand(commandRequest(interaction), deps);
      } else if (interaction.isAutocomplete() && interaction.commandName === COMMAND_NAME) {
        void handleAutocomplete(autocompleteRequest(interaction), deps);
      }
    } catch (error) {
      // An interaction shaped unlike the registered command (an outdated registration): log, never crash.
      deps.runtime.logger.error({ err: error, interactionId: interaction.id }, 'discord interaction not understood');
    }
  };
  client.on(Events.InteractionCreate, listener);
  return listener;
}

export function commandRequest(interaction: ChatInputCommandInteraction): CommandRequest {
  const options: RawOptions = {};
  let share = false;
  let lang: Lang | undefined;
  for (const option of subcommandOptions(interaction)) {
    if (option.name === SHARE_OPTION) share = option.value === true;
    else if (option.name === LANG_OPTION) lang = (LANGS as readonly unknown[]).includes(option.value) ? (option.value as Lang) : undefined;
    else if (option.value !== undefined) options[option.name] = String(option.value);
  }
  return {
    id: interaction.id,
    token: interaction.token,
    applicationId: interaction.applicationId,
    channelId: interaction.channelId,
    userId: interaction.user.id,
    roleIds: memberRoleIds(interaction),
    ...(interaction.guildId ? { guildId: interaction.guildId } : {}),
    subcommand: interaction.options.getSubcommand(true),
    options,
    share,
    ...(lang ? { lang } : {}),
  };
}

export function autocompleteRequest(interaction: AutocompleteInteraction): AutocompleteRequest {
  const focused = interaction.options.getFocused(true);
  return {
    id: interaction.id,
    token: interaction.token,
    applicationId: interaction.applicationId,
    subcommand: interaction.options.getSubcommand(true),
    focused: { name: focused.name, value: String(focused.value) },
  };
}

function subcommandOptions(interaction: ChatInputCommandInteraction) {
  const sub = interaction.options.data.find((o) => o.type === ApplicationCommandOptionType.Subcommand);
  return sub?.options ?? [];
}

/** A cached member's roles, or the raw role ids when the server is not cached. */
function memberRoleIds(interaction: ChatInputCommandInteraction): string[] {
  const member = interaction.member;
  if (!member) return [];
  return Array.isArray(member.roles) ? [...member.roles] : [...member.roles.cache.keys()];
}
