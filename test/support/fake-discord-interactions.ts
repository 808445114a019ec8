// Application commands and interactions of the fake Discord: how Discord stores a written command (ids,
// version, defaults), and interaction payloads as the gateway delivers them (INTERACTION_CREATE): a slash
// command (type 2) or an autocomplete (type 4) of `/ote <subcommand>`, with option types taken from the
// registered command, so a test can only send what Discord would let a user send. `baseInteraction` is the
// part every interaction shares (who, where, token, the member's permissions); buttons and modals build on it in fake-discord-components.ts.
import { randomBytes } from 'node:crypto';
import type { FakeGuild } from './fake-discord-gateway.js';

let nextSnowflake = 0n;
/** A fresh Discord id: milliseconds since 2015 shifted left 22 bits, plus a counter. */
export function snowflake(): string {
  return (((BigInt(Date.now()) - 1420070400000n) << 22n) | (nextSnowflake++ & 0xfffn)).toString();
}

export interface StoredCommand {
  id?: string;
  name: string;
  type?: number;
  options?: any[];
  default_member_permissions?: string | null;
  integration_types?: number[];
  contexts?: number[] | null;
  [key: string]: unknown;
}

export interface InteractionInput {
  userId?: string;
  username?: string;
  roleIds?: string[];
  channelId?: string;
  locale?: string;
  /** Use the global registration rather than the guild's. */
  global?: boolean;
  /** Sent from a direct message: no guild, no member. */
  dm?: boolean;
  /**
   * The member's permissions in the channel, as the bitfield Discord sends in `member.permissions`; by
   * default an ordinary member's (no Manage Channels, no Administrator). See `MEMBER_PERMISSIONS`.
   */
  permissions?: bigint;
}

/** `member.permissions` bitfields: an ordinary member, one who may manage the channel, a server administrator. */
export const MEMBER_PERMISSIONS = {
  member: 2248473465835073n,
  manageChannels: 2248473465835073n | (1n << 4n),
  administrator: 2248473465835073n | (1n << 3n),
} as const;

export interface BuildInput {
  type: 2 | 4;
  command: StoredCommand;
  subcommand: string;
  options: Record<string, string | number | boolean>;
  focused: string | undefined;
  input: InteractionInput;
  applicationId: string;
  guild: FakeGuild;
}

export function buildInteraction(b: BuildInput) {
  // `interventie nieuw`: subcommand `nieuw` of the group `interventie` (type 2), as Discord nests it.
  const [first, second] = b.subcommand.split(' ') as [string, string | undefined];
  type Stored = { type: number; name: string; options?: Stored[] };
  const group = second === undefined ? undefined : (b.command.options as Stored[] | undefined)?.find((o) => o.type === 2 && o.name === first);
  const sub = (second === undefined ? (b.command.options as Stored[] | undefined) : group?.options)?.find((o) => o.type === 1 && o.name === (second ?? first)) as any;
  if (!sub) throw new Error(`fake discord: /ote ${b.subcommand} is not registered`);
  const options = Object.entries(b.options).map(([name, value]) => {
    const spec = (sub.options ?? []).find((o: { name: string }) => o.name === name);
    if (!spec) throw new Error(`fake discord: /ote ${b.subcommand} has no option ${name}`);
    const focused = name === b.focused;
    // While typing, Discord sends the partial text as a string, whatever the option's type.
    return { name, type: spec.type, value: focused ? String(value) : value, ...(focused ? { focused: true } : {}) };
  });
  const missing = (sub.options ?? []).filter((o: { required?: boolean; name: string }) => o.required && !(o.name in b.options));
  if (b.type === 2 && missing.length) throw new Error(`fake discord: required option ${missing[0].name} missing`);

  return {
    ...baseInteraction(b.type, b.applicationId, b.guild, b.input),
    data: {
      id: b.command.id,
      name: b.command.name,
      type: 1,
      ...(b.input.global ? {} : { guild_id: b.guild.id }),
      options: group ? [{ type: 2, name: group.name, options: [{ type: 1, name: sub.name, options }] }] : [{ type: 1, name: sub.name, options }],
    },
  };
}

/** What every interaction carries besides its `data`: ids, token, where it happened and who did it. */
export function baseInteraction(type: number, applicationId: string, guild: FakeGuild, input: InteractionInput) {
  const user = {
    id: input.userId ?? snowflake(),
    username: input.username ?? 'partner',
    discriminator: '0',
    global_name: null,
    avatar: null,
  };
  const channelId = input.channelId ?? guild.channels[0]!.id;
  const place = input.dm
    ? { user, channel: { id: channelId, type: 1, recipients: [user] }, context: 1 }
    : {
        guild_id: guild.id,
        guild: { id: guild.id, locale: 'nl', features: [] },
        guild_locale: 'nl',
        channel: { id: channelId, type: 0, guild_id: guild.id, name: guild.channels.find((c) => c.id === channelId)?.name ?? 'cijfers', permissions: '2248473465835073' },
        member: {
          user,
          roles: input.roleIds ?? [],
          nick: null,
          avatar: null,
          joined_at: '2025-03-01T09:00:00.000000+00:00',
          premium_since: null,
          deaf: false,
          mute: false,
          pending: false,
          flags: 0,
          permissions: String(input.permissions ?? MEMBER_PERMISSIONS.member),
        },
        context: 0,
      };
  return {
    id: snowflake(),
    application_id: applicationId,
    type,
    token: `aW50ZXJhY3Rpb246${randomBytes(48).toString('base64url')}`,
    version: 1,
    channel_id: channelId,
    ...place,
    locale: input.locale ?? 'nl',
    app_permissions: '2248473465835073',
    entitlements: [],
    authorizing_integration_owners: input.dm ? { '1': user.id } : { '0': guild.id },
    attachment_size_limit: 10485760,
  };
}

/** What Discord stores for a written command: ids, version, and its defaults. */
export function stored(command: StoredCommand, previous: StoredCommand[], applicationId: string, guildId?: string): StoredCommand {
  const strip = (options: any[] | undefined): any[] | undefined =>
    options?.map(({ required, autocomplete, options: inner, ...rest }) => ({
      ...rest,
      ...(required ? { required } : {}),
      ...(autocomplete ? { autocomplete } : {}),
      ...(inner ? { options: strip(inner) } : {}),
    }));
  return {
    ...command,
    id: previous.find((p) => p.name === command.name)?.id ?? snowflake(),
    application_id: applicationId,
    version: snowflake(),
    type: command.type ?? 1,
    default_member_permissions: command.default_member_permissions ?? null,
    nsfw: false,
    integration_types: command.integration_types ?? [0],
    contexts: command.contexts ?? null,
    ...(guildId ? { guild_id: guildId } : { dm_permission: true }),
    options: strip(command.options),
  };
}

export function withoutLocalizations(command: StoredCommand): StoredCommand {
  const drop = (o: any): any => {
    const { name_localizations: _n, description_localizations: _d, options, choices, ...rest } = o;
    return { ...rest, ...(options ? { options: options.map(drop) } : {}), ...(choices ? { choices: choices.map(drop) } : {}) };
  };
  return drop(command);
}
