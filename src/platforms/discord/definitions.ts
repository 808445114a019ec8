// The `/ote` application command, built from the command registry: one subcommand per registered command,
// its options typed for Discord, plus `publiek` and `lang` (as `--lang` in typed text). A command with
// actions is a subcommand group: its own form (`/ote interventie toon`) and one subcommand per action
// (`/ote interventie nieuw`), so actions do not count against the 25 subcommands of `/ote`. There is no
// second list to keep in sync.
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandGroupOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { commands as registry } from '../../../commands/index.js';
import type { CommandDefinition, OptionSpec } from '../../../commands/types.js';
import { ownForm } from '../../commands/registry.js';
import { translate, type MessageKey } from '../../i18n/index.js';
import { clip, LIMITS } from './limits.js';

export const COMMAND_NAME = 'ote';
/** Options every subcommand gets on Discord, as the `publiek` word and `--lang` in typed text. */
export const SHARE_OPTION = 'publiek';
export const LANG_OPTION = 'lang';

export type CommandJson = RESTPostAPIChatInputApplicationCommandsJSONBody;

const NAME = /^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u;

/** Dutch text with English for clients set to English. */
function described(key: MessageKey) {
  const nl = clip(translate('nl', key), LIMITS.commandDescription);
  const en = clip(translate('en', key), LIMITS.commandDescription);
  return { description: nl, ...(en !== nl ? { description_localizations: { 'en-US': en, 'en-GB': en } } : {}) };
}

function checkedName(name: string, where: string): string {
  if (!NAME.test(name)) throw new Error(`${where}: '${name}' is not a valid Discord name (lower case, 1-32 letters, digits, - or _)`);
  return name;
}

function option(spec: OptionSpec, command: string): APIApplicationCommandBasicOption {
  const base = { name: checkedName(spec.name, `/ote ${command}`), ...described(spec.description), required: spec.required };
  switch (spec.kind) {
    case 'municipality':
      return { ...base, type: ApplicationCommandOptionType.String, autocomplete: true, max_length: 100 };
    case 'count':
      return { ...base, type: ApplicationCommandOptionType.Integer, min_value: 1, ...(spec.max ? { max_value: spec.max } : {}) };
    case 'choice': {
      const choices = (spec.choices ?? []).slice(0, LIMITS.choices).map((c) => ({ name: c, value: c }));
      return { ...base, type: ApplicationCommandOptionType.String, choices };
    }
    case 'period':
      return { ...base, type: ApplicationCommandOptionType.String, max_length: 40 };
    case 'year':
      return { ...base, type: ApplicationCommandOptionType.Integer, min_value: 2000, max_value: 2099 };
    case 'time':
      return { ...base, type: ApplicationCommandOptionType.String, max_length: 5 };
    case 'text':
      return { ...base, type: ApplicationCommandOptionType.String, max_length: 500 };
  }
}

/** One subcommand: a command without actions, a command's own form, or an action. */
function subcommand(name: string, where: string, summary: MessageKey, specs: readonly OptionSpec[]): APIApplicationCommandSubcommandOption {
  checkedName(name, 'subcommand');
  const own = specs.map((o) => option(o, where));
  for (const reserved of [SHARE_OPTION, LANG_OPTION]) {
    if (own.some((o) => o.name === reserved)) throw new Error(`/ote ${where}: option '${reserved}' is reserved on Discord`);
  }
  const options: APIApplicationCommandBasicOption[] = [
    // Discord requires required options before optional ones.
    ...own.filter((o) => o.required),
    ...own.filter((o) => !o.required),
    { type: ApplicationCommandOptionType.Boolean, name: SHARE_OPTION, ...described('discord.option.publiek'), required: false },
    {
      type: ApplicationCommandOptionType.String,
      name: LANG_OPTION,
      ...described('discord.option.taal'),
      required: false,
      choices: [
        { name: 'Nederlands', value: 'nl' },
        { name: 'English', value: 'en' },
      ],
    },
  ];
  if (options.length > LIMITS.options) throw new Error(`/ote ${where}: more than ${LIMITS.options} options`);
  return { type: ApplicationCommandOptionType.Subcommand, name, ...described(summary), options };
}

function entry(command: CommandDefinition): APIApplicationCommandSubcommandOption | APIApplicationCommandSubcommandGroupOption {
  const name = checkedName(command.name, 'subcommand');
  if (!command.actions) return subcommand(name, name, command.summary, command.options);
  const own = ownForm(command).name;
  const subcommands = [
    subcommand(own, `${name} ${own}`, command.summary, command.options),
    ...command.actions.map((a) => subcommand(a.name, `${name} ${a.name}`, a.summary, a.options)),
  ];
  if (new Set(subcommands.map((s) => s.name)).size < subcommands.length) throw new Error(`/ote ${name}: two subcommands share a name`);
  if (subcommands.length > LIMITS.options) throw new Error(`/ote ${name} has room for ${LIMITS.options} actions, not ${subcommands.length}`);
  return { type: ApplicationCommandOptionType.SubcommandGroup, name, ...described(command.summary), options: subcommands };
}

/** The application commands to register: `/ote` with every registered command as a subcommand or group. */
export function buildCommands(commands: readonly CommandDefinition[] = registry): CommandJson[] {
  if (commands.length > LIMITS.options) throw new Error(`/ote has room for ${LIMITS.options} subcommands, not ${commands.length}`);
  return [
    {
      type: ApplicationCommandType.ChatInput,
      name: COMMAND_NAME,
      ...described('discord.command.description'),
      options: commands.map(entry),
      // Roles come from the server's roles, so the command is offered in servers only.
      contexts: [InteractionContextType.Guild],
      integration_types: [ApplicationIntegrationType.GuildInstall],
      default_member_permissions: null,
    },
  ];
}
