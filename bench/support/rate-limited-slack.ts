// A fake Slack Web API for the fan-out benchmark that enforces posting limits per second: at most
// `perChannelPerSecond` messages in any second per channel and `workspacePerSecond` in the workspace.
// A post over a limit gets 429 with Retry-After, as Slack answers. Listens on 127.0.0.1 only.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RateLimitedSlack {
  apiUrl: string;
  token: string;
  /** Accepted messages per channel. */
  posted: Map<string, number>;
  /** When each accepted message arrived (epoch ms). */
  acceptedAt: number[];
  rateLimited: number;
  close(): Promise<void>;
}

export async function startRateLimitedSlack(limits: { perChannelPerSecond: number; workspacePerSecond: number }): Promise<RateLimitedSlack> {
  const token = 'xoxb-bench-token';
  const workspace: number[] = [];
  const lastByChannel = new Map<string, number[]>();
  let ts = 0;
  const fake: RateLimitedSlack = { apiUrl: '', token, posted: new Map(), acceptedAt: [], rateLimited: 0, close: async () => undefined };

  const within = (times: number[], now: number) => {
    while (times.length > 0 && now - times[0]! >= 1000) times.shift();
    return times.length;
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const send = (status: number, body: object, headers: Record<string, string> = {}) =>
        res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
      if (req.headers.authorization !== `Bearer ${token}`) return send(200, { ok: false, error: 'invalid_auth' });
      if (!req.url?.endsWith('/chat.postMessage')) return send(200, { ok: false, error: 'unknown_method' });
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = (req.headers['content-type'] ?? '').includes('json') ? JSON.parse(raw) : Object.fromEntries(new URLSearchParams(raw));
      const channel = String(body.channel ?? '');
      const now = Date.now();
      const perChannel = lastByChannel.get(channel) ?? [];
      lastByChannel.set(channel, perChannel);
      if (within(perChannel, now) >= limits.perChannelPerSecond || within(workspace, now) >= limits.workspacePerSecond) {
        fake.rateLimited++;
        return send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
      }
      perChannel.push(now);
      workspace.push(now);
      fake.acceptedAt.push(now);
      fake.posted.set(channel, (fake.posted.get(channel) ?? 0) + 1);
      send(200, { ok: true, channel, ts: `1700000000.${String(++ts).padStart(6, '0')}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  fake.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}
