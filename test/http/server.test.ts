// The HTTP server's own deadlines and limits, with clients that send slowly or hold connections.
import { afterEach, describe, expect, it } from 'vitest';
import { readBody } from '../../src/http/body.js';
import { createHttpServer, type HttpLimits, type HttpServer } from '../../src/http/server.js';
import { silentLogger } from '../../src/logger.js';
import { openRaw, trickle, within } from '../support/raw-http.js';

const servers: HttpServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function serve(limits: Partial<HttpLimits>): Promise<number> {
  const http = createHttpServer(0, silentLogger, limits);
  servers.push(http);
  http.route('POST', '/echo', async (req, res) => {
    const body = await readBody(req, 1024 * 1024);
    if (body.ok) res.writeHead(200).end(`${body.bytes.length}`);
  });
  http.route('GET', '/ok', (_req, res) => void res.writeHead(200).end('ok'));
  http.route('GET', '/broken', async () => {
    throw new Error('database exploded at 10.0.0.7 with password hunter2');
  });
  http.route('GET', '/broken-at-once', () => {
    throw new Error('database exploded at 10.0.0.7 with password hunter2');
  });
  return http.listen();
}

describe('the HTTP server', () => {
  it('cuts off a body that trickles in, within the body deadline, with 408', async () => {
    const port = await serve({ bodyTimeoutMs: 600 });
    const client = await openRaw(port);
    client.write('POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n');
    trickle(client, 'x'.repeat(100), 200);
    const ms = await within(3_000, client.closed, 'the trickling body to be cut off');
    expect(ms).toBeGreaterThanOrEqual(550);
    expect(client.received()).toMatch(/^HTTP\/1\.1 408/);
    // In the API's own format, as every other answer: what happened and what to do.
    expect(JSON.parse(/\{.*\}/.exec(client.received())?.[0] ?? '')).toEqual({ melding: 'De aanvraag kwam te traag binnen en is afgebroken; stuur haar opnieuw.' });
  });

  it('cuts off headers that trickle in, within the headers deadline', async () => {
    const port = await serve({ headersTimeoutMs: 600 });
    const client = await openRaw(port);
    trickle(client, `GET /ok HTTP/1.1\r\nHost: x\r\n${'X-Slow: y\r\n'.repeat(50)}\r\n`, 100);
    const ms = await within(3_000, client.closed, 'the trickling headers to be cut off');
    expect(ms).toBeGreaterThanOrEqual(550);
    expect(client.received()).not.toContain('200 OK');
  });

  it('closes an idle keep-alive connection after the idle deadline', async () => {
    const port = await serve({ idleTimeoutMs: 500 });
    const client = await openRaw(port);
    client.write('GET /ok HTTP/1.1\r\nHost: x\r\n\r\n');
    const ms = await within(3_000, client.closed, 'the idle connection to be closed');
    expect(client.received()).toMatch(/^HTTP\/1\.1 200/);
    expect(ms).toBeGreaterThanOrEqual(450);
  });

  it('holds at most maxConnections sockets at once', async () => {
    const port = await serve({ maxConnections: 5 });
    const clients = await Promise.all(Array.from({ length: 12 }, () => openRaw(port)));
    for (const client of clients) client.write('GET /ok HTTP/1.1\r\nHost: x\r\n\r\n');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const answered = clients.filter((c) => c.received().startsWith('HTTP/1.1 200')).length;
    expect(answered).toBe(5);
    for (const client of clients) client.socket.destroy();
  });

  it('leaves a quick request alone', async () => {
    const port = await serve({ bodyTimeoutMs: 300 });
    const answer = await fetch(`http://127.0.0.1:${port}/echo`, { method: 'POST', body: 'x'.repeat(50_000) });
    expect(await answer.text()).toBe('50000');
  });

  it('answers a handler that fails with 500 in the API’s format, with an error code and none of the failure’s own words', async () => {
    const port = await serve({});
    // A handler that rejects, and one that throws before it returns a promise.
    for (const path of ['/broken', '/broken-at-once']) {
      const answer = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(5_000) });
      expect(answer.status).toBe(500);
      const body = (await answer.json()) as Record<string, unknown>;
      expect(Object.keys(body)).toEqual(['melding']);
      expect(body.melding).toMatch(/^Er ging iets mis aan onze kant\. .*foutcode \S+\.$/);
      expect(JSON.stringify(body)).not.toMatch(/exploded|10\.0\.0\.7|hunter2/);
    }
  });

  it('answers a known path asked with another method with 405 and the methods it takes, an unknown path with 404, both in words', async () => {
    const port = await serve({});
    const wrong = await fetch(`http://127.0.0.1:${port}/echo`);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
    expect(await wrong.json()).toEqual({ melding: 'Methode GET is hier niet toegestaan; gebruik POST.' });
    const missing = await fetch(`http://127.0.0.1:${port}/nergens`, { method: 'POST' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ melding: 'Niet gevonden.' });
  });
});
