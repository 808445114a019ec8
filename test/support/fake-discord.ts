// A fake Discord on 127.0.0.1 for tests, speaking Discord's real wire formats, so the real discord.js
// client (and @discordjs/rest) talk to it as to discord.com:
//
//   const discord = await FakeDiscord.start();            // REST at discord.apiUrl, gateway at /gateway
//   new Client({ intents, rest: { api: discord.apiUrl } }) // then client.login(discord.token)
//   const id = discord.sendCommand('stats', { gemeente: 'GM0363' }, { roleIds: [...] });
//   const [reply] = await discord.waitForResponses(id, 1); // what the bot sent back
//   discord.sendCommand('abonneer', {}, { permissions: MEMBER_PERMISSIONS.manageChannels }) // a channel admin
//
// REST (v10, JSON; multipart with `payload_json` and `files[n]` when files are attached):
//   GET  /gateway/bot, GET /users/@me
//   GET/PUT /applications/:app/commands and /applications/:app/guilds/:guild/commands (ids kept per name;
//       localizations returned only with `?with_localizations=true`, `required`/`autocomplete` only when true)
//   POST /interactions/:id/:token/callback      (once per interaction, else 40060 already acknowledged)
//   PATCH|DELETE /webhooks/:app/:token/messages/@original, POST /webhooks/:app/:token (follow-up)
//   POST /channels/:id/messages                 (10003 Unknown Channel; 50001/50013 as configured, or when the
//       bot's permissions computed from the roles and overwrites below lack View/Send/Attach Files); with a
//       `nonce` and `enforce_nonce: true`, as Discord does: a second post with the same nonce in the channel
//       within `nonceWindowMs` (default 5 minutes) returns the message the first created and creates nothing
//   GET /channels/:id/messages?after=&limit=    (the first `limit` messages after a snowflake, newest first)
//   PATCH /channels/:id/messages/:message       (edits a message the bot posted there; 10008 otherwise)
//   GET /channels/:id (with `permission_overwrites`), GET /guilds/:guild/roles (with `permissions`, @everyone
//       has the guild's id), GET /guilds/:guild/members/:user (the bot, with `botRoleIds`): what a bot reads
//       to compute its permissions in a channel. `rolePermissions` and `channelOverwrites` set them; by
//       default @everyone may view, send and attach files.
//   GET /guilds/:guild/members?limit&after       (the bot and `members`, in id order, paged by `after`; what a
//       bot with the Server Members intent reads to know who can view a channel)
// Faults of channel posts, consumed in order: `discord.failNextPost({ drop: true })` (stored, then the
// connection cut), `{ status: 500 | 503, stored? }`, `{ hang: true }` (no answer, nothing stored).
// Messages that break Discord's limits are refused with 50035 Invalid Form Body (see discord-limits.ts and,
// for buttons and modals, fake-discord-components.ts), as is a callback type the interaction does not allow.
// The gateway (fake-discord-gateway.ts) delivers INTERACTION_CREATE for slash commands (type 2) and
// autocomplete (type 4), built from the commands registered here, so register before sending commands; and
// for a button pressed on a message the fake holds (type 3, `pressButton`) and a modal the bot opened being
// submitted (type 5, `submitModal`). Every message the bot posts or answers with is kept (`message(id)`):
// callbacks 4 and 5 create one, 7 updates the pressed button's message, edits and follow-ups are applied.
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { discordLimitProblems } from './discord-limits.js';
import { applyCallback, buildButtonPress, buildModalSubmit, componentProblems, pressableButton, type PendingInteraction } from './fake-discord-components.js';
import { FakeGateway, type FakeGuild } from './fake-discord-gateway.js';
import { buildInteraction, MEMBER_PERMISSIONS, snowflake, stored, withoutLocalizations, type InteractionInput, type StoredCommand } from './fake-discord-interactions.js';
import { ERRORS, FakeMessages, messageJson, readBody, type FakeMessage, type RecordedFile } from './fake-discord-wire.js';

export { MEMBER_PERMISSIONS, snowflake, type FakeMessage, type InteractionInput, type RecordedFile };

export interface RecordedResponse {
  kind: 'callback' | 'edit' | 'delete' | 'followup';
  interactionId: string;
  /** The JSON body (`payload_json` for multipart requests). */
  body: any;
  files: RecordedFile[];
  /** The message the response created, edited or (callback 6/7) acknowledged; absent for 8, 9 and deletes. */
  messageId?: string;
}

export interface FakeDiscordOptions {
  token?: string;
  applicationId?: string;
  heartbeatIntervalMs?: number;
  guild?: FakeGuild;
  /** Channel ids that exist but refuse the bot, with the error code (50001 Missing Access, 50013 …). */
  refusingChannels?: Record<string, 50001 | 50013>;
  /** How long a nonce is remembered (`enforce_nonce`). */
  nonceWindowMs?: number;
}

const VIEW_CHANNEL = 1n << 10n;
const SEND_MESSAGES = 1n << 11n;
const ATTACH_FILES = 1n << 15n;
const ADMINISTRATOR = 1n << 3n;

export type PostFault = { drop: true } | { status: 500 | 503; stored?: boolean } | { hang: true };

export class FakeDiscord {
  readonly token: string;
  readonly applicationId: string;
  readonly bot = { id: snowflake(), username: 'ote-bot' };
  readonly guild: FakeGuild;
  readonly gateway: FakeGateway;
  /** Every request, as `METHOD /path` without the `/api/v10` prefix. */
  readonly requests: string[] = [];
  readonly commandWrites: { scope: string; body: unknown }[] = [];
  readonly responses: RecordedResponse[] = [];
  readonly channelMessages: { id: string; channelId: string; body: any; files: RecordedFile[] }[] = [];
  /** Channel posts answered with the message an earlier post with the same nonce created. */
  nonceHits = 0;
  #postFaults: PostFault[] = [];
  #nonces = new Map<string, { messageId: string; at: number }>();
  /** Every PATCH of a channel message the bot posted (Discord's message edit). */
  readonly messageEdits: { id: string; channelId: string; body: any }[] = [];
  /** Permissions (decimal bit strings) per role id; the guild id is @everyone. */
  readonly rolePermissions = new Map<string, string>();
  /** The bot member's role ids in the guild. */
  botRoleIds: string[] = [];
  /** The guild's members besides the bot (GET /guilds/:guild/members, paged by `after` in id order, as Discord does). */
  readonly members: { id: string; roleIds: string[]; bot?: boolean }[] = [];
  /** Permission overwrites per channel id, as Discord returns them on the channel. */
  readonly channelOverwrites = new Map<string, { id: string; type: 0 | 1; allow: string; deny: string }[]>();
  #commands = new Map<string, StoredCommand[]>();
  #interactions = new Map<string, PendingInteraction>();
  #messages = new FakeMessages();
  #events = new EventEmitter();
  #server: Server;
  #port = 0;

  private constructor(private readonly options: FakeDiscordOptions) {
    this.token = options.token ?? 'fake-bot-token';
    this.applicationId = options.applicationId ?? snowflake();
    this.guild = options.guild ?? {
      id: snowflake(),
      name: 'OTE-partners',
      channels: [{ id: snowflake(), name: 'cijfers' }],
      roles: [{ id: snowflake(), name: 'Politie' }, { id: snowflake(), name: 'Gemeente Rotterdam' }],
    };
    // @everyone: View Channel, Send Messages, Embed Links, Attach Files, Read Message History.
    this.rolePermissions.set(this.guild.id, String((1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 15n) | (1n << 16n)));
    this.gateway = new FakeGateway({
      token: this.token,
      applicationId: this.applicationId,
      bot: this.bot,
      guild: this.guild,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 45_000,
      resumeUrl: () => this.gatewayUrl,
    });
    this.#server = createServer((req, res) => void this.#handle(req, res));
    this.#server.on('upgrade', (req, socket, head) => {
      if (req.url?.startsWith('/gateway')) this.gateway.upgrade(req, socket, head);
      else socket.destroy();
    });
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    fake.#port = (fake.#server.address() as AddressInfo).port;
    return fake;
  }

  /** The REST base URL for discord.js (`rest: { api }`) and DISCORD_API_URL. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.#port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.#port}/gateway`;
  }

  commands(guildId?: string): StoredCommand[] {
    return this.#commands.get(guildId ?? 'global') ?? [];
  }

  /** Delivers a slash command `/ote <subcommand>` through the gateway; returns the interaction id. */
  sendCommand(subcommand: string, options: Record<string, string | number | boolean> = {}, input: InteractionInput = {}): string {
    return this.#deliver(2, subcommand, options, undefined, input);
  }

  /** Delivers an autocomplete interaction with `focused` being typed. */
  sendAutocomplete(subcommand: string, focused: string, typed: string, input: InteractionInput = {}): string {
    return this.#deliver(4, subcommand, { [focused]: typed }, focused, input);
  }

  failNextPost(fault: PostFault, times = 1): void {
    for (let i = 0; i < times; i++) this.#postFaults.push(fault);
  }

  /** A message the bot posted or answered with, as last edited; undefined once deleted. */
  message(id: string): FakeMessage | undefined {
    return this.#messages.get(id);
  }

  /**
   * Presses the button with `customId` on a message the fake holds (the user who got an ephemeral message by
   * default); throws when no such enabled button is on it. Returns the interaction id.
   */
  pressButton(messageId: string, customId: string, input: InteractionInput = {}): string {
    const message = this.#messages.get(messageId);
    if (!message) throw new Error(`fake discord: no message ${messageId}`);
    const userId = input.userId ?? message.ephemeralFor;
    if (message.ephemeralFor && userId !== message.ephemeralFor) throw new Error('fake discord: an ephemeral message is seen only by its user');
    pressableButton(message.body, customId);
    const json = messageJson(message, this.bot);
    const interaction = buildButtonPress({ applicationId: this.applicationId, guild: this.guild, input: { ...input, ...(userId ? { userId } : {}) }, message: json, customId });
    return this.#dispatch(interaction, input, messageId);
  }

  /** Submits the modal that interaction `openedBy` answered with (by its user, unless `input` says otherwise). */
  submitModal(openedBy: string, values: Record<string, string>, input: InteractionInput = {}): string {
    const opener = this.#interactions.get(openedBy);
    if (!opener?.modal) throw new Error(`fake discord: interaction ${openedBy} opened no modal`);
    const source = opener.sourceMessageId ? this.#messages.get(opener.sourceMessageId) : undefined;
    const who = { ...opener.input, userId: opener.userId, channelId: opener.channelId, ...input };
    const interaction = buildModalSubmit({
      applicationId: this.applicationId,
      guild: this.guild,
      input: who,
      modal: opener.modal,
      values,
      ...(source ? { message: messageJson(source, this.bot) } : {}),
    });
    return this.#dispatch(interaction, who, source?.id);
  }

  /** Resolves with the interaction's responses once there are `count`; rejects after `timeoutMs`. */
  waitForResponses(interactionId: string, count: number, timeoutMs = 5000): Promise<RecordedResponse[]> {
    const mine = () => this.responses.filter((r) => r.interactionId === interactionId);
    return new Promise((resolve, reject) => {
      const check = () => {
        if (mine().length < count) return;
        clearTimeout(timer);
        this.#events.off('recorded', check);
        resolve(mine());
      };
      const timer = setTimeout(() => {
        this.#events.off('recorded', check);
        reject(new Error(`interaction ${interactionId}: ${mine().length} of ${count} responses after ${timeoutMs} ms`));
      }, timeoutMs);
      this.#events.on('recorded', check);
      check();
    });
  }

  async close(): Promise<void> {
    await this.gateway.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #deliver(type: 2 | 4, subcommand: string, options: Record<string, string | number | boolean>, focused: string | undefined, input: InteractionInput): string {
    const scope = input.global ? 'global' : this.guild.id;
    const command = this.#commands.get(scope)?.find((c) => c.name === 'ote');
    if (!command) throw new Error(`fake discord: /ote is not registered (${scope})`);
    const interaction = buildInteraction({ type, command, subcommand, options, focused, input, applicationId: this.applicationId, guild: this.guild });
    return this.#dispatch(interaction, input);
  }

  #dispatch(interaction: { id: string; type: number; token: string; channel_id: string; member?: { user: { id: string } }; user?: { id: string } }, input: InteractionInput, sourceMessageId?: string): string {
    const userId = (interaction.member?.user ?? interaction.user)!.id;
    this.#interactions.set(interaction.id, {
      type: interaction.type,
      token: interaction.token,
      acknowledged: false,
      answered: false,
      channelId: interaction.channel_id,
      userId,
      input,
      ...(sourceMessageId ? { sourceMessageId } : {}),
    });
    this.gateway.dispatch('INTERACTION_CREATE', interaction);
    return interaction.id;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    const method = req.method ?? 'GET';
    this.requests.push(`${method} ${path}`);
    const { body, files } = await readBody(req);
    const send = (status: number, json?: unknown) => {
      res.writeHead(status, json === undefined ? {} : { 'content-type': 'application/json' }).end(json === undefined ? undefined : JSON.stringify(json));
    };
    const fail = (code: number, errors?: unknown) => send(ERRORS[code]![0], { code, message: ERRORS[code]![1], ...(errors ? { errors } : {}) });
    const authorised = req.headers.authorization === `Bot ${this.token}`;
    const m = (pattern: RegExp) => pattern.exec(path);
    let match: RegExpExecArray | null;

    if ((match = m(/^\/interactions\/(\d+)\/([^/]+)\/callback$/)) && method === 'POST') {
      const interaction = this.#interactions.get(match[1]!);
      if (!interaction || interaction.token !== match[2]) return fail(10062);
      if (interaction.acknowledged) return fail(40060);
      const applied = applyCallback(interaction, body, files, this.#messages);
      if (applied.problems.length) return fail(50035, applied.problems);
      const { messageId } = applied;
      this.#record({ kind: 'callback', interactionId: match[1]!, body, files, ...(messageId ? { messageId } : {}) });
      return send(204);
    }
    if ((match = m(/^\/webhooks\/(\d+)\/([^/]+)(\/messages\/@original)?$/))) {
      const found = [...this.#interactions.entries()].find(([, i]) => i.token === match![2]);
      if (!found || match[1] !== this.applicationId || !found[1].acknowledged) return fail(10062);
      const [interactionId, interaction] = found;
      const original = match[3] !== undefined;
      if (original && method === 'DELETE') {
        this.#messages.delete(interaction.originalMessageId);
        this.#record({ kind: 'delete', interactionId, body: null, files: [] });
        return send(204);
      }
      const problems = [...discordLimitProblems(body ?? {}), ...componentProblems(body?.components)];
      if (problems.length) return fail(50035, problems);
      if (original && method === 'PATCH') {
        const edited = this.#messages.edit(interaction.originalMessageId, body, files);
        if (!edited) return fail(10008);
        interaction.answered = true;
        this.#record({ kind: 'edit', interactionId, body, files, messageId: edited.id });
        return send(200, messageJson(edited, this.bot));
      }
      if (!original && method === 'POST') {
        const followup = this.#messages.keep(interaction.channelId, body, files, interaction.userId);
        this.#record({ kind: 'followup', interactionId, body, files, messageId: followup.id });
        return send(200, messageJson(followup, this.bot));
      }
    }
    if (!authorised) return send(401, { code: 0, message: '401: Unauthorized' });
    if (path === '/gateway/bot' && method === 'GET') {
      return send(200, { url: this.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } });
    }
    if (path === '/users/@me' && method === 'GET') {
      return send(200, { id: this.bot.id, username: this.bot.username, discriminator: '0', global_name: null, avatar: null, bot: true });
    }
    if ((match = m(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/))) {
      if (match[1] !== this.applicationId) return fail(50001);
      const scope = match[2] ?? 'global';
      const withLocalizations = url.searchParams.get('with_localizations') === 'true';
      if (method === 'PUT') {
        this.commandWrites.push({ scope, body });
        const previous = this.#commands.get(scope) ?? [];
        this.#commands.set(scope, (body as StoredCommand[]).map((c) => stored(c, previous, this.applicationId, match![2])));
        return send(200, this.#commands.get(scope));
      }
      if (method === 'GET') return send(200, (this.#commands.get(scope) ?? []).map((c) => (withLocalizations ? c : withoutLocalizations(c))));
    }
    if ((match = m(/^\/channels\/(\d+)$/)) && method === 'GET') {
      const channel = this.guild.channels.find((c) => c.id === match![1]);
      if (!channel) return fail(10003);
      if (this.options.refusingChannels?.[channel.id] === 50001) return fail(50001);
      return send(200, {
        id: channel.id,
        type: 0,
        guild_id: this.guild.id,
        name: channel.name,
        position: 0,
        parent_id: null,
        nsfw: false,
        permission_overwrites: this.channelOverwrites.get(channel.id) ?? [],
      });
    }
    if ((match = m(/^\/guilds\/(\d+)\/roles$/)) && method === 'GET') {
      if (match[1] !== this.guild.id) return fail(50001);
      const roles = [{ id: this.guild.id, name: '@everyone' }, ...this.guild.roles];
      return send(
        200,
        roles.map((role, position) => ({
          id: role.id, name: role.name, color: 0, hoist: false, position, managed: false, mentionable: false, flags: 0,
          permissions: this.rolePermissions.get(role.id) ?? '0',
        })),
      );
    }
    if ((match = m(/^\/guilds\/(\d+)\/members$/)) && method === 'GET') {
      if (match[1] !== this.guild.id) return fail(50001);
      const limit = Math.min(1000, Math.max(1, Number(url.searchParams.get('limit') ?? 1)));
      const after = BigInt(url.searchParams.get('after') ?? '0');
      const everyone = [{ id: this.bot.id, roleIds: this.botRoleIds, bot: true }, ...this.members].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
      return send(
        200,
        everyone.filter((mb) => BigInt(mb.id) > after).slice(0, limit).map((mb) => ({
          user: { id: mb.id, username: `lid-${mb.id.slice(-4)}`, discriminator: '0', global_name: null, avatar: null, ...(mb.bot ? { bot: true } : {}) },
          roles: mb.roleIds, joined_at: '2025-01-01T00:00:00.000000+00:00', deaf: false, mute: false, flags: 0,
        })),
      );
    }
    if ((match = m(/^\/guilds\/(\d+)\/members\/(\d+)$/)) && method === 'GET') {
      if (match[1] !== this.guild.id) return fail(50001);
      if (match[2] !== this.bot.id) return fail(10007);
      return send(200, { user: { ...this.bot, discriminator: '0', bot: true }, roles: this.botRoleIds, joined_at: '2025-01-01T00:00:00.000000+00:00', deaf: false, mute: false, flags: 0 });
    }
    if ((match = m(/^\/channels\/(\d+)\/messages\/(\d+)$/)) && method === 'PATCH') {
      const message = this.#messages.get(match[2]);
      if (!message || message.channelId !== match[1] || !this.channelMessages.some((c) => c.id === match![2])) return fail(10008);
      const problems = [...discordLimitProblems(body ?? {}), ...componentProblems(body?.components)];
      if (problems.length) return fail(50035, problems);
      const edited = this.#messages.edit(message.id, body, files)!;
      this.messageEdits.push({ id: edited.id, channelId: edited.channelId, body });
      return send(200, messageJson(edited, this.bot));
    }
    if ((match = m(/^\/channels\/(\d+)\/messages$/)) && method === 'GET') {
      // As Discord: the `limit` (1-100, default 50) messages right after the `after` id, newest first.
      const channelId = match[1]!;
      if (!this.guild.channels.some((c) => c.id === channelId)) return fail(10003);
      const after = BigInt(url.searchParams.get('after') ?? '0');
      const limit = Math.min(100, Math.max(1, Number(url.searchParams.get('limit') ?? 50)));
      const listed = this.channelMessages
        .filter((c) => c.channelId === channelId && BigInt(c.id) > after)
        .map((c) => this.#messages.get(c.id))
        .filter((message): message is FakeMessage => message !== undefined)
        .sort((a, b) => (BigInt(a.id) > BigInt(b.id) ? 1 : -1))
        .slice(0, limit)
        .reverse();
      return send(200, listed.map((message) => messageJson(message, this.bot)));
    }
    if ((match = m(/^\/channels\/(\d+)\/messages$/)) && method === 'POST') {
      const channelId = match[1]!;
      const refusal = this.options.refusingChannels?.[channelId];
      if (refusal) return fail(refusal);
      if (!this.guild.channels.some((c) => c.id === channelId)) return fail(10003);
      const allowed = this.#botPermissions(channelId);
      if (!(allowed & VIEW_CHANNEL)) return fail(50001);
      if (!(allowed & SEND_MESSAGES) || (files.length > 0 && !(allowed & ATTACH_FILES))) return fail(50013);
      const problems = [...discordLimitProblems(body ?? {}), ...componentProblems(body?.components)];
      if (problems.length) return fail(50035, problems);
      const fault = this.#postFaults.shift();
      if (fault && 'hang' in fault) return;
      if (fault && 'status' in fault && !fault.stored) return send(fault.status, { code: 0, message: `${fault.status}: Server Error` });
      const posted = this.#postOnce(channelId, body, files);
      if (fault && 'drop' in fault) return void res.socket?.destroy();
      if (fault && 'status' in fault) return send(fault.status, { code: 0, message: `${fault.status}: Server Error` });
      return send(200, messageJson(posted, this.bot));
    }
    return fail(0);
  }

  /** The bot's permissions in a channel, as Discord computes them from the roles and overwrites it reports. */
  #botPermissions(channelId: string): bigint {
    const everyone = this.guild.id;
    let allowed = [everyone, ...this.botRoleIds].reduce((bits, role) => bits | BigInt(this.rolePermissions.get(role) ?? '0'), 0n);
    if (allowed & ADMINISTRATOR) return ~0n;
    const overwrites = this.channelOverwrites.get(channelId) ?? [];
    const apply = (matching: typeof overwrites) => {
      const deny = matching.reduce((bits, o) => bits | BigInt(o.deny), 0n);
      const allow = matching.reduce((bits, o) => bits | BigInt(o.allow), 0n);
      allowed = (allowed & ~deny) | allow;
    };
    apply(overwrites.filter((o) => o.type === 0 && o.id === everyone));
    apply(overwrites.filter((o) => o.type === 0 && this.botRoleIds.includes(o.id)));
    apply(overwrites.filter((o) => o.type === 1 && o.id === this.bot.id));
    return allowed;
  }

  /** Creates the message, unless `enforce_nonce` finds the one an earlier post with its nonce created. */
  #postOnce(channelId: string, body: any, files: RecordedFile[]): FakeMessage {
    const key = body?.nonce !== undefined && body?.enforce_nonce === true ? `${channelId}:${String(body.nonce)}` : undefined;
    const earlier = key ? this.#nonces.get(key) : undefined;
    const existing = earlier && Date.now() - earlier.at < (this.options.nonceWindowMs ?? 300_000) ? this.#messages.get(earlier.messageId) : undefined;
    if (existing) {
      this.nonceHits += 1;
      return existing;
    }
    const posted = this.#messages.keep(channelId, body, files);
    this.channelMessages.push({ id: posted.id, channelId, body, files });
    if (key) this.#nonces.set(key, { messageId: posted.id, at: Date.now() });
    return posted;
  }

  #record(response: RecordedResponse): void {
    this.responses.push(response);
    this.#events.emit('recorded');
  }
}
