// A fake Discord on 127.0.0.1 for tests, speaking Discord's real wire formats, so the real discord.js
// client (and @discordjs/rest) talk to it as to discord.com:
//
//   const discord = await FakeDiscord.start();            // REST at discord.apiUrl, gateway at /gateway
//   new Client({ intents, rest: { api: discord.apiUrl } }) // then client.login(discord.token)
//   const id = discord.sendCommand('stats', { gemeente: 'GM0363' }, { roleIds: [...] });
//   const [reply] = await discord.waitForResponses(id, 1); // what the bot sent back
//
// REST (v10, JSON; multipart with `payload_json` and `files[n]` when files are attached):
//   GET  /gateway/bot, GET /users/@me
//   GET/PUT /applications/:app/commands and /applications/:app/guilds/:guild/commands (ids kept per name;
//       localizations returned only with `?with_localizations=true`, `required`/`autocomplete` only when true)
//   POST /interactions/:id/:token/callback      (once per interaction, else 40060 already acknowledged)
//   PATCH|DELETE /webhooks/:app/:token/messages/@original, POST /webhooks/:app/:token (follow-up)
//   POST /channels/:id/messages                 (10003 Unknown Channel, or 50001/50013 as configured)
// Messages that break Discord's limits are refused with 50035 Invalid Form Body (see discord-limits.ts).
// The gateway (fake-discord-gateway.ts) delivers INTERACTION_CREATE for slash commands (type 2) and
// autocomplete (type 4), built from the commands registered here, so register before sending commands.
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { discordLimitProblems } from './discord-limits.js';
import { FakeGateway, type FakeGuild } from './fake-discord-gateway.js';
import { buildInteraction, snowflake, stored, withoutLocalizations, type InteractionInput, type StoredCommand } from './fake-discord-interactions.js';

export { snowflake, type InteractionInput };

export interface RecordedFile {
  field: string;
  name: string;
  contentType: string;
  bytes: Uint8Array;
}

export interface RecordedResponse {
  kind: 'callback' | 'edit' | 'delete' | 'followup';
  interactionId: string;
  /** The JSON body (`payload_json` for multipart requests). */
  body: any;
  files: RecordedFile[];
}

export interface FakeDiscordOptions {
  token?: string;
  applicationId?: string;
  heartbeatIntervalMs?: number;
  guild?: FakeGuild;
  /** Channel ids that exist but refuse the bot, with the error code (50001 Missing Access, 50013 …). */
  refusingChannels?: Record<string, 50001 | 50013>;
}

const ERRORS: Record<number, [number, string]> = {
  0: [404, '404: Not Found'],
  10003: [404, 'Unknown Channel'],
  10008: [404, 'Unknown Message'],
  10062: [404, 'Unknown interaction'],
  40060: [400, 'Interaction has already been acknowledged.'],
  50001: [403, 'Missing Access'],
  50013: [403, 'Missing Permissions'],
  50035: [400, 'Invalid Form Body'],
};

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
  readonly channelMessages: { channelId: string; body: any; files: RecordedFile[] }[] = [];
  #commands = new Map<string, StoredCommand[]>();
  #interactions = new Map<string, { token: string; acknowledged: boolean; answered: boolean; channelId: string }>();
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
    this.#interactions.set(interaction.id, { token: interaction.token, acknowledged: false, answered: false, channelId: interaction.channel_id });
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
      const problems = discordLimitProblems(body?.data ?? {});
      if (problems.length) return fail(50035, problems);
      interaction.acknowledged = true;
      interaction.answered = body?.type === 4 || body?.type === 8;
      this.#record({ kind: 'callback', interactionId: match[1]!, body, files });
      return send(204);
    }
    if ((match = m(/^\/webhooks\/(\d+)\/([^/]+)(\/messages\/@original)?$/))) {
      const found = [...this.#interactions.entries()].find(([, i]) => i.token === match![2]);
      if (!found || match[1] !== this.applicationId || !found[1].acknowledged) return fail(10062);
      const [interactionId, interaction] = found;
      const original = match[3] !== undefined;
      if (original && method === 'DELETE') {
        this.#record({ kind: 'delete', interactionId, body: null, files: [] });
        return send(204);
      }
      const problems = discordLimitProblems(body ?? {});
      if (problems.length) return fail(50035, problems);
      if (original && method === 'PATCH') {
        interaction.answered = true;
        this.#record({ kind: 'edit', interactionId, body, files });
        return send(200, this.#message(interaction.channelId, body, files));
      }
      if (!original && method === 'POST') {
        this.#record({ kind: 'followup', interactionId, body, files });
        return send(200, this.#message(interaction.channelId, body, files));
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
    if ((match = m(/^\/channels\/(\d+)\/messages$/)) && method === 'POST') {
      const channelId = match[1]!;
      const refusal = this.options.refusingChannels?.[channelId];
      if (refusal) return fail(refusal);
      if (!this.guild.channels.some((c) => c.id === channelId)) return fail(10003);
      const problems = discordLimitProblems(body ?? {});
      if (problems.length) return fail(50035, problems);
      this.channelMessages.push({ channelId, body, files });
      return send(200, this.#message(channelId, body, files));
    }
    return fail(0);
  }

  #record(response: RecordedResponse): void {
    this.responses.push(response);
    this.#events.emit('recorded');
  }

  #message(channelId: string, body: any, files: RecordedFile[]) {
    return {
      id: snowflake(),
      type: 20,
      channel_id: channelId,
      author: { id: this.bot.id, username: this.bot.username, discriminator: '0', avatar: null, bot: true },
      content: body?.content ?? '',
      embeds: body?.embeds ?? [],
      attachments: files.map((f, i) => ({ id: snowflake(), filename: f.name, size: f.bytes.length, url: `https://cdn.fake/${i}/${f.name}`, proxy_url: '', content_type: f.contentType })),
      components: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      flags: body?.flags ?? 0,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
    };
  }
}

async function readBody(req: IncomingMessage): Promise<{ body: any; files: RecordedFile[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  if (raw.length === 0) return { body: undefined, files: [] };
  if (!type.startsWith('multipart/form-data')) return { body: JSON.parse(raw.toString('utf8')), files: [] };
  const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
  const files: RecordedFile[] = [];
  let body: any;
  for (const [field, value] of form.entries()) {
    if (field === 'payload_json' && typeof value === 'string') body = JSON.parse(value);
    else if (typeof value !== 'string') files.push({ field, name: value.name, contentType: value.type, bytes: new Uint8Array(await value.arrayBuffer()) });
  }
  return { body, files };
}
