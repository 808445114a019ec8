// The gateway half of the fake Discord (see fake-discord.ts): a WebSocket speaking Discord's gateway
// protocol v10, JSON encoding, no compression. On connect it sends HELLO (op 10); on IDENTIFY (op 2) with
// the right token it dispatches READY and GUILD_CREATE; it answers HEARTBEAT (op 1) with HEARTBEAT_ACK
// (op 11) and a wrong token with close 4004. Like Discord it keeps a session's dispatches: a client that
// reconnects with RESUME (op 6) gets what it missed, then RESUMED; an unknown session gets op 9.
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
  resumes: number;
  heartbeats: number;
}

interface Session {
  id: string;
  seq: number;
  /** Every dispatch of the session, for replay on RESUME. */
  log: Payload[];
  socket?: WebSocket;
}

interface Payload {
  op: number;
  d?: unknown;
  s?: number | null;
  t?: string | null;
}

export class FakeGateway {
  readonly record: GatewayRecord = { connections: [], identifies: [], resumes: 0, heartbeats: 0 };
  #server = new WebSocketServer({ noServer: true });
  #sockets = new Set<WebSocket>();
  #sessions = new Map<string, Session>();

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
    return this.#sessions.size > 0;
  }

  /** Sends a dispatch (op 0) in every session; a session without a connection gets it on RESUME. */
  dispatch(event: string, data: unknown): void {
    for (const session of this.#sessions.values()) this.#dispatch(session, event, data);
  }

  /** Cuts every connection as a network failure would (no close frame); sessions stay resumable. */
  dropConnections(): void {
    for (const socket of this.#sockets) socket.terminate();
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.terminate();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #dispatch(session: Session, event: string, data: unknown): void {
    const payload = { op: 0, t: event, s: ++session.seq, d: data };
    session.log.push(payload);
    if (session.socket) this.#send(session.socket, payload);
  }

  #accept(socket: WebSocket, request: IncomingMessage): void {
    const query = new URL(request.url ?? '/', 'http://fake').searchParams;
    this.record.connections.push(query.toString());
    if (query.get('v') !== '10' || query.get('encoding') !== 'json' || query.has('compress')) {
      socket.close(4012, 'Invalid API version or encoding');
      return;
    }
    this.#sockets.add(socket);
    socket.on('close', () => {
      this.#sockets.delete(socket);
      for (const session of this.#sessions.values()) if (session.socket === socket) delete session.socket;
    });
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
        const session: Session = { id: randomBytes(16).toString('hex'), seq: 0, log: [], socket };
        this.#sessions.set(session.id, session);
        this.#dispatch(session, 'READY', this.#readyData(session.id));
        this.#dispatch(session, 'GUILD_CREATE', this.#guildData());
        break;
      }
      case 6: {
        const d = payload.d as { token?: string; session_id?: string; seq?: number };
        const session = d.token === this.options.token ? this.#sessions.get(d.session_id ?? '') : undefined;
        if (!session) {
          this.#send(socket, { op: 9, d: false });
          return;
        }
        this.record.resumes++;
        session.socket = socket;
        for (const missed of session.log.filter((p) => (p.s ?? 0) > (d.seq ?? 0))) this.#send(socket, missed);
        this.#dispatch(session, 'RESUMED', {});
        break;
      }
      default:
        break;
    }
  }

  #send(socket: WebSocket, payload: Payload): void {
    socket.send(JSON.stringify({ s: null, t: null, ...payload }));
  }

  #readyData(sessionId: string) {
    const { bot, guild, applicationId } = this.options;
    return {
      v: 10,
      user: { id: bot.id, username: bot.username, discriminator: '0', global_name: null, avatar: null, bot: true, verified: true, flags: 0 },
      guilds: [{ id: guild.id, unavailable: true }],
      session_id: sessionId,
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
