// Sockets that read where their reader says: untaken, such a socket is an ordinary stream
// ('data', 'end'); taken, its reader gets what was already buffered first and then every read,
// in order, into the memory it names; a socket can be taken once, and nothing else at all.

import { expect } from 'chai';
import { createServer, type Server, type Socket } from 'node:net';
import { PassThrough } from 'node:stream';
import { connectDirect, takeBytes } from '../../src/transport/direct-read.js';

/** A TCP server on loopback that runs `onConn` for each connection. */
async function listen(onConn: (s: Socket) => void): Promise<{ port: number; server: Server }> {
  const server = createServer(onConn);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, server };
}

const pattern = (n: number): Buffer => {
  const b = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + (i >> 10)) & 0xff;
  return b;
};

describe('transport: direct reads', () => {
  it('is an ordinary stream until a reader takes it', async () => {
    const want = pattern(300_000);
    const { port, server } = await listen((s) => s.end(want));
    try {
      const sock = connectDirect({ host: '127.0.0.1', port });
      const parts: Buffer[] = [];
      sock.on('data', (c: Buffer) => parts.push(c));
      await new Promise((resolve) => sock.on('end', resolve));
      expect(Buffer.concat(parts).equals(want)).to.equal(true);
      sock.destroy();
    } finally {
      server.close();
    }
  });

  it('gives its reader what was buffered, then each read in the memory the reader names', async () => {
    const first = Buffer.from('hello, ');
    const rest = pattern(500_000);
    let peer: Socket | undefined;
    const { port, server } = await listen((s) => { peer = s; s.write(first); });
    try {
      const sock = connectDirect({ host: '127.0.0.1', port });
      // wait until the greeting sits in the stream's buffer, unread
      await new Promise((resolve) => sock.once('readable', resolve));
      const got: Buffer[] = [];
      let intoMine = 0;
      const mine = Buffer.alloc(1000);
      const taken = takeBytes(sock, {
        nextBuffer: () => mine,
        take: (b) => {
          // (the read already under way when it was taken goes where the socket chose)
          if (b.buffer === mine.buffer) intoMine++;
          got.push(Buffer.from(b));
        },
      });
      expect(taken).to.equal(true);
      const ended = new Promise((resolve) => sock.on('end', resolve));
      peer!.end(rest);
      await ended;
      expect(Buffer.concat(got).equals(Buffer.concat([first, rest]))).to.equal(true);
      expect(intoMine).to.be.greaterThan(400); // 500,000 bytes, at most 1000 a read
      expect(takeBytes(sock, { nextBuffer: () => mine, take: () => {} }), 'taken twice').to.equal(false);
      sock.destroy();
    } finally {
      server.close();
    }
  });

  it('takes no other stream', () => {
    expect(takeBytes(new PassThrough(), { nextBuffer: () => Buffer.alloc(1), take: () => {} })).to.equal(false);
  });
});
