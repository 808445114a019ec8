// The discord.js client on the gateway (intent Guilds only: slash commands need no message content) and
// the translation of its interactions into the handlers' plain requests: slash commands and autocomplete,
// button presses (check-ins, the report form) and submitted modals.
import {
  ApplicationCommandOptionType,
  Client,
  ComponentType,
  Events,
  GatewayIntentBits,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type BaseInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { RawOptions } from '../../../commands/types.js';
import { LANGS, translator, type Lang } from '../../i18n/index.js';
import { errorReply } from '../../render/reply.js';
import { handleCheckInButton, handleCheckInNote, handleDecisionButton, isCheckInAction, isCheckInNote, isDecisionAction } from './checkin.js';
import { parseCustomId } from './components.js';
import { COMMAND_NAME, LANG_OPTION, SHARE_OPTION } from './definitions.js';
import { discordDispatcher } from './http-agent.js';
import {
  handleAutocomplete,
  handleCommand,
  respond,
  type AutocompleteRequest,
  type CommandRequest,
  type ComponentRequest,
  type HandlerDeps,
  type ModalRequest,
} from './interactions.js';
import { handleReportButton, handleReportSubmit, isReportAction, ReportDrafts, REPORT_MODAL_ID } from './report-modal.js';

export interface GatewayOptions {
  token: string;
  /** Another REST base URL (`…/api`); the gateway address then comes from its `GET /gateway/bot`. */
  apiUrl?: string;
}

export function createGatewayClient(options: GatewayOptions): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { ...(options.apiUrl ? { api: options.apiUrl } : {}), agent: discordDispatcher() },
  });
}

/** Routes `/ote` interactions, buttons and modals to their handlers; returns the listener so it can be removed. */
export function listen(client: Client, deps: HandlerDeps): (interaction: Interaction) => void {
  const drafts = new ReportDrafts();
  const listener = (interaction: Interaction) => {
    try {
      if (interaction.isChatInputCommand() && interaction.commandName === COMMAND_NAME) {
        void handleCommand(commandRequest(interaction), deps);
      } else if (interaction.isAutocomplete() && interaction.commandName === COMMAND_NAME) {
        void handleAutocomplete(autocompleteRequest(interaction), deps);
      } else if (interaction.isButton()) {
        const request = componentRequest(interaction);
        const { actionId } = parseCustomId(request.customId);
        if (isCheckInAction(actionId)) void handleCheckInButton(request, deps);
        else if (isDecisionAction(actionId)) void handleDecisionButton(request, deps);
        else if (isReportAction(actionId)) void handleReportButton(request, deps, drafts);
        else void unknownAction(request, deps);
      } else if (interaction.isModalSubmit()) {
        const request = modalRequest(interaction);
        if (isCheckInNote(request.customId)) void handleCheckInNote(request, deps);
        else if (request.customId === REPORT_MODAL_ID) void handleReportSubmit(request, deps, drafts);
        else void unknownAction(request, deps);
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
    ...(isChannelAdmin(interaction) ? { channelAdmin: true } : {}),
    subcommand: subcommandName(interaction),
    options,
    share,
    ...(lang ? { lang } : {}),
  };
}

export function componentRequest(interaction: ButtonInteraction | ModalSubmitInteraction): ComponentRequest {
  return {
    id: interaction.id,
    token: interaction.token,
    applicationId: interaction.applicationId,
    channelId: interaction.channelId ?? '',
    userId: interaction.user.id,
    roleIds: memberRoleIds(interaction),
    ...(interaction.guildId ? { guildId: interaction.guildId } : {}),
    ...(isChannelAdmin(interaction) ? { channelAdmin: true } : {}),
    customId: interaction.customId,
  };
}

export function modalRequest(interaction: ModalSubmitInteraction): ModalRequest {
  const values: Record<string, string> = {};
  for (const field of interaction.fields.fields.values()) {
    if (field.type === ComponentType.TextInput) values[field.customId] = field.value;
  }
  return { ...componentRequest(interaction), values };
}

/** A button or modal of an older release, or of another bot's message: said so, only to the user. */
function unknownAction(request: ComponentRequest, deps: HandlerDeps): Promise<void> {
  const lang = deps.runtime.defaultLang;
  const t = translator(lang);
  return respond(request, deps, { lang, share: false, log: { customId: request.customId } }, async () =>
    errorReply(t('error.title'), t('discord.unknownAction')),
  );
}

export function autocompleteRequest(interaction: AutocompleteInteraction): AutocompleteRequest {
  const focused = interaction.options.getFocused(true);
  return {
    id: interaction.id,
    token: interaction.token,
    applicationId: interaction.applicationId,
    subcommand: subcommandName(interaction),
    focused: { name: focused.name, value: String(focused.value) },
  };
}

/** `stats`, or `interventie nieuw` for a subcommand of a group: the dispatcher reads both. */
function subcommandName(interaction: ChatInputCommandInteraction | AutocompleteInteraction): string {
  const group = interaction.options.getSubcommandGroup(false);
  const sub = interaction.options.getSubcommand(true);
  return group ? `${group} ${sub}` : sub;
}

function subcommandOptions(interaction: ChatInputCommandInteraction) {
  const group = interaction.options.data.find((o) => o.type === ApplicationCommandOptionType.SubcommandGroup);
  const sub = (group?.options ?? interaction.options.data).find((o) => o.type === ApplicationCommandOptionType.Subcommand);
  return sub?.options ?? [];
}

/**
 * A channel admin: the member's permissions in the interaction's channel (Discord computes them, with
 * overwrites) include Manage Channels; Administrator implies every permission.
 */
function isChannelAdmin(interaction: BaseInteraction): boolean {
  return interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) === true;
}

/** A cached member's roles, or the raw role ids when the server is not cached. */
function memberRoleIds(interaction: BaseInteraction): string[] {
  const member = interaction.member;
  if (!member) return [];
  return Array.isArray(member.roles) ? [...member.roles] : [...member.roles.cache.keys()];
}
