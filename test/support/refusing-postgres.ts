// A stand-in PostgreSQL server that speaks just enough of the wire protocol to ask for a password and
// refuse it, as a server with password authentication does (the shared test server trusts everyone).
import { createServer, type AddressInfo, type Server } from 'node:net';

export interface RefusingPostgres {
  port: number;
  /** The passwords clients sent. */
  readonly received: string[];
  close(): Promise<void>;
}

function message(type: string, body: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeInt32BE(body.length + 4);
  return Buffer.concat([Buffer.from(type), length, body]);
}

function errorResponse(user: string): Buffer {
  const fields = [['S', 'FATAL'], ['V', 'FATAL'], ['C', '28P01'], ['M', `password authentication failed for user "${user}"`]];
  return message('E', Buffer.concat([...fields.map(([code, text]) => Buffer.from(`${code}${text}\0`)), Buffer.from('\0')]));
}

export async function startRefusingPostgres(): Promise<RefusingPostgres> {
  const received: string[] = [];
  const server: Server = createServer((socket) => {
    socket.on('error', () => undefined);
    let buffered = Buffer.alloc(0);
    let user = '?';
    let started = false;
    socket.on('data', (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      for (;;) {
        if (!started) {
          if (buffered.length < 8) return;
          const length = buffered.readInt32BE(0);
          if (buffered.length < length) return;
          const params = buffered.subarray(8, length).toString('utf8').split('\0');
          user = params[params.indexOf('user') + 1] ?? '?';
          buffered = buffered.subarray(length);
          started = true;
          const cleartext = Buffer.alloc(4);
          cleartext.writeInt32BE(3);
          socket.write(message('R', cleartext));
          continue;
        }
        if (buffered.length < 5) return;
        const length = buffered.readInt32BE(1);
        if (buffered.length < length + 1) return;
        if (buffered[0] === 0x70) received.push(buffered.subarray(5, length).toString('utf8').replace(/\0$/, ''));
        buffered = buffered.subarray(length + 1);
        socket.end(errorResponse(user));
        return;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
