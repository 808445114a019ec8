// The gateway half of the fake Discord (see fake-discord.ts): a WebSocket speaking Discord's gateway
// protocol v10, JSON encoding, no compression. On connect it sends HELLO (op 10); on IDENTIFY (op 2) with
// the right token it dispatches READY and GUILD_CREATE; it answers HEARTBEAT (op 1) with HEARTBEAT_ACK
// (op 11), a RESUME (op 6) with INVALID_SESSION (op 9, not resumable), and a wrong token with close 4004.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

export interface FakeGuild {
  id: string;
  name: string;
  channels: { id: string; name: string }[];
  roles: { id: string; name: string }[];
}

export interface FakeBotUser {
  id: string;
  username: string;
}

export interface GatewayRecord {
  /** The query of each connection, e.g. `v=10&encoding=json`. */
  connections: string[];
  identifies: { intents: number; shard: unknown; compress: unknown }[];
  heartbeats: number;
}

interface Payload {
  op: number;
  d?: unknown;
  s?: number | null;
  t?: string | null;
}

export class FakeGateway {
  readonly record: GatewayRecord = { connections: [], identifies: [], heartbeats: 0 };
  #server = new WebSocketServer({ noServer: true });
  #sessions = new Map<WebSocket, { seq: number; ready: boolean }>();

  constructor(
    private readonly options: {
      token: string;
      applicationId: string;
      bot: FakeBotUser;
      guild: FakeGuild;
      heartbeatIntervalMs: number;
      resumeUrl: () => string;
    },
  ) {
    this.#server.on('connection', (socket, request: IncomingMessage) => this.#accept(socket, request));
  }

  /** Hands an HTTP upgrade on the gateway path to the WebSocket server. */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.#server.handleUpgrade(request, socket, head, (ws) => this.#server.emit('connection', ws, request));
  }

  /** True once a client has identified and received READY. */
  get ready(): boolean {
    return [...this.#sessions.values()].some((s) => s.ready);
  }

  /** Sends a dispatch (op 0) to every identified client. */
  dispatch(event: string, data: unknown): void {
    for (const [socket, session] of this.#sessions) {
      if (session.ready) this.#send(socket, { op: 0, t: event, s: ++session.seq, d: data });
    }
  }

  async close(): Promise<void> {
    for (const socket of this.#sessions.keys()) socket.terminate();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #accept(socket: WebSocket, request: IncomingMessage): void {
    const query = new URL(request.url ?? '/', 'http://fake').searchParams;
    this.record.connections.push(query.toString());
    if (query.get('v') !== '10' || query.get('encoding') !== 'json' || query.has('compress')) {
      socket.close(4012, 'Invalid API version or encoding');
      return;
    }
    this.#sessions.set(socket, { seq: 0, ready: false });
    socket.on('close', () => this.#sessions.delete(socket));
    socket.on('message', (raw) => this.#receive(socket, raw.toString()));
    this.#send(socket, { op: 10, d: { heartbeat_interval: this.options.heartbeatIntervalMs }, s: null, t: null });
  }

  #receive(socket: WebSocket, text: string): void {
    let payload: Payload;
    try {
      payload = JSON.parse(text) as Payload;
    } catch {
      socket.close(4002, 'Decode error');
      return;
    }
    const session = this.#sessions.get(socket);
    if (!session) return;
    switch (payload.op) {
      case 1:
        this.record.heartbeats++;
        this.#send(socket, { op: 11 });
        break;
      case 2: {
        const d = payload.d as { token?: string; intents: number; shard?: unknown; compress?: unknown };
        if (d.token !== this.options.token) {
          socket.close(4004, 'Authentication failed.');
          return;
        }
        this.record.identifies.push({ intents: d.intents, shard: d.shard, compress: d.compress });
        session.ready = true;
        this.#send(socket, { op: 0, t: 'READY', s: ++session.seq, d: this.#readyData() });
        this.#send(socket, { op: 0, t: 'GUILD_CREATE', s: ++session.seq, d: this.#guildData() });
        break;
      }
      case 6:
        this.#send(socket, { op: 9, d: false });
        break;
      default:
        break;
    }
  }

  #send(socket: WebSocket, payload: Payload): void {
    socket.send(JSON.stringify({ s: null, t: null, ...payload }));
  }

  #readyData() {
    const { bot, guild, applicationId } = this.options;
    return {
      v: 10,
      user: { id: bot.id, username: bot.username, discriminator: '0', global_name: null, avatar: null, bot: true, verified: true, flags: 0 },
      guilds: [{ id: guild.id, unavailable: true }],
      session_id: randomBytes(16).toString('hex'),
      resume_gateway_url: this.options.resumeUrl(),
      shard: [0, 1],
      application: { id: applicationId, flags: 0 },
      private_channels: [],
      presences: [],
      relationships: [],
      guild_join_requests: [],
      user_settings: {},
      _trace: ['fake-discord'],
    };
  }

  #guildData() {
    const { guild, bot } = this.options;
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      owner_id: bot.id,
      unavailable: false,
      large: false,
      member_count: 2,
      joined_at: new Date().toISOString(),
      features: [],
      preferred_locale: 'nl',
      roles: [{ id: guild.id, name: '@everyone' }, ...guild.roles].map((r, position) => ({
        ...r,
        color: 0,
        hoist: false,
        position,
        permissions: '0',
        managed: false,
        mentionable: false,
        flags: 0,
      })),
      channels: guild.channels.map((c, position) => ({ ...c, type: 0, guild_id: guild.id, position, permission_overwrites: [] })),
      members: [],
      emojis: [],
      stickers: [],
      threads: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }
}
