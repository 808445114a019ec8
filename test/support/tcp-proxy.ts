// A TCP proxy a fault test puts in front of the real PostgreSQL or Redis, so it can break the network
// between the app and the server without touching the shared server itself:
//
//   const proxy = await startTcpProxy({ port: 5432 });  // listens on 127.0.0.1, a free port
//   proxy.mode = 'blackhole';   // new connections are accepted and never answered
//   proxy.mode = 'refuse';      // new connections are reset at once
//   proxy.stall();              // open connections stop forwarding both ways but stay open (half-open)
//   proxy.cut();                // open connections are reset (a server restart, a network cut)
//   proxy.mode = 'forward';     // back to normal for new connections
import { createServer, Socket, type AddressInfo, type Server } from 'node:net';

export type ProxyMode = 'forward' | 'blackhole' | 'refuse';

export interface TcpProxy {
  readonly port: number;
  mode: ProxyMode;
  /** Connections that are open now. */
  readonly open: number;
  /** Connections accepted since the start. */
  readonly accepted: number;
  stall(): void;
  cut(): void;
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  upstream?: Socket;
  stalled: boolean;
}

export async function startTcpProxy(target: { host?: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<Pair>();
  let accepted = 0;
  const proxy: { mode: ProxyMode } = { mode: 'forward' };

  const drop = (pair: Pair) => {
    pairs.delete(pair);
    pair.client.destroy();
    pair.upstream?.destroy();
  };

  const server: Server = createServer((client) => {
    accepted += 1;
    client.on('error', () => undefined);
    if (proxy.mode === 'refuse') {
      client.resetAndDestroy();
      return;
    }
    const pair: Pair = { client, stalled: false };
    pairs.add(pair);
    client.on('close', () => drop(pair));
    if (proxy.mode === 'blackhole') {
      client.on('data', () => undefined);
      return;
    }
    const upstream = new Socket();
    pair.upstream = upstream;
    upstream.on('error', () => undefined);
    upstream.on('close', () => drop(pair));
    upstream.connect(target.port, target.host ?? '127.0.0.1');
    client.on('data', (chunk) => {
      if (!pair.stalled) upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (!pair.stalled) client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const cut = () => {
    for (const pair of [...pairs]) {
      pairs.delete(pair);
      pair.client.resetAndDestroy();
      pair.upstream?.resetAndDestroy();
    }
  };
  return {
    port: (server.address() as AddressInfo).port,
    get mode() {
      return proxy.mode;
    },
    set mode(mode: ProxyMode) {
      proxy.mode = mode;
    },
    get open() {
      return pairs.size;
    },
    get accepted() {
      return accepted;
    },
    stall() {
      for (const pair of pairs) pair.stalled = true;
    },
    cut,
    async close() {
      cut();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** `url` with its host and port pointed at the proxy. */
export function throughProxy(url: string, proxy: TcpProxy): string {
  const parsed = new URL(url);
  parsed.hostname = '127.0.0.1';
  parsed.port = String(proxy.port);
  return parsed.toString();
}
