// A scripted 9P server for the client's protocol tests: it records every T-message the client
// sends and answers only when the test says so, in whatever order the test chooses.

import type { Duplex } from 'node:stream';
import { decode, encode } from '../../../src/9p/codec/codec.js';
import type { Dialect } from '../../../src/9p/codec/dialect.js';
import { Framer } from '../../../src/9p/codec/framer.js';
import { MsgType, type Fcall } from '../../../src/9p/codec/types.js';
import { Client, type ClientOptions } from '../../../src/9p/client/client.js';
import { duplexPair } from '../../helpers/pair.js';

export class FakeServer {
  readonly got: Fcall[] = [];
  #waiters: ((f: Fcall) => void)[] = [];
  #seen = 0;
  dialect: Dialect = '9P2000';

  constructor(readonly stream: Duplex) {
    const framer = new Framer((frame) => {
      const f = decode(frame, this.dialect);
      this.got.push(f);
      this.#waiters.shift()?.(f);
    }, { maxSize: 1 << 24 });
    stream.on('data', (c: Buffer) => framer.push(c));
    stream.on('error', () => {});
  }

  /** The next T-message not yet taken (waits for it). */
  next(): Promise<Fcall> {
    const f = this.got[this.#seen];
    if (f !== undefined) { this.#seen++; return Promise.resolve(f); }
    return new Promise((resolve) => this.#waiters.push((g) => { this.#seen++; resolve(g); }));
  }

  send(f: Fcall): void {
    this.stream.write(encode(f, this.dialect));
  }
}

/**
 * A client connected to a fake server that answered Tversion with `version` and `msize`
 * (defaults: what the client asked for).
 */
export async function fakePair(o: ClientOptions & { answer?: string; answerMsize?: number } = {}): Promise<{ client: Client; server: FakeServer }> {
  const [a, b] = duplexPair();
  const server = new FakeServer(b);
  const connecting = Client.connect(a, o);
  const tv = await server.next();
  if (tv.type !== MsgType.Tversion) throw new Error('expected Tversion');
  server.send({ type: MsgType.Rversion, tag: tv.tag, msize: o.answerMsize ?? tv.msize, version: o.answer ?? tv.version });
  const client = await connecting;
  server.dialect = client.dialect;
  return { client, server };
}
