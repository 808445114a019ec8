// A local Socket Mode endpoint: the fake Slack's apps.connections.open points the bot here; it greets
// with `hello` and delivers envelopes the way Slack does, resolving with the bot's ack payload.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { FakeSlack } from '../../support/fake-slack.js';

export interface FakeSocketMode {
  /** Resolves once a client has connected and been greeted. */
  connected: Promise<void>;
  /** Sends a slash command envelope; resolves with the payload of the client's ack. */
  slashCommand(body: Record<string, string>): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startFakeSocketMode(fake: FakeSlack): Promise<FakeSocketMode> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  fake.socketModeUrl = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link`;

  const acks = new Map<string, (payload: Record<string, unknown>) => void>();
  let socket: WebSocket | undefined;
  const connected = new Promise<void>((resolve) => {
    server.on('connection', (ws) => {
      socket = ws;
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as { envelope_id?: string; payload?: Record<string, unknown> };
        if (message.envelope_id) acks.get(message.envelope_id)?.(message.payload ?? {});
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0OTEBOT01' }, debug_info: { host: 'fake' } }));
      resolve();
    });
  });

  return {
    connected,
    slashCommand(body) {
      const envelopeId = randomBytes(8).toString('hex');
      return new Promise((resolve, reject) => {
        if (!socket) return reject(new Error('no Socket Mode client connected'));
        acks.set(envelopeId, resolve);
        socket.send(JSON.stringify({ envelope_id: envelopeId, type: 'slash_commands', accepts_response_payload: true, payload: body }));
      });
    },
    close: () =>
      new Promise((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}
