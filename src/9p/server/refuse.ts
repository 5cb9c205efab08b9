// A connection the server will not serve (past maxConnections): its Tversion is answered with
// an error — Rlerror for a 9P2000.L client, Rerror with the text otherwise, which is what a
// client shows its user — and the stream is closed. A client that sends no Tversion within
// REFUSE_WAIT_MS, or sends something else, is just closed.

import type { Duplex } from 'node:stream';
import { Plan9Error } from '../../lib9/errors.js';
import { decode, encode } from '../codec/codec.js';
import { parseVersion } from '../codec/dialect.js';
import { MsgType } from '../codec/msg-type.js';
import { errorReply } from './wire-error.js';

/** What a client past the connection limit is told. */
export const Etoomanyconns = 'too many connections';

/** How long a refused connection may take to send its Tversion. */
export const REFUSE_WAIT_MS = 5000;

/** The largest Tversion read from a refused connection (size, type, tag, msize, version). */
const MAX_TVERSION = 4 + 1 + 2 + 4 + 2 + 64;

/** Answers the first Tversion on `stream` with `reason`, then closes it. */
export function refuse(stream: Duplex, reason: string): void {
  let got = Buffer.alloc(0);
  const done = (): void => {
    clearTimeout(timer);
    stream.removeAllListeners('data');
    stream.destroy();
  };
  const timer = setTimeout(done, REFUSE_WAIT_MS);
  timer.unref();
  stream.on('error', done);
  stream.on('data', (chunk: Buffer) => {
    got = Buffer.concat([got, chunk]);
    if (got.length < 4) return;
    const size = got.readUInt32LE(0);
    if (size < 7 || size > MAX_TVERSION) return done();
    if (got.length < size) return;
    let reply: Buffer;
    try {
      const f = decode(got.subarray(0, size), '9P2000');
      if (f.type !== MsgType.Tversion) return done();
      const dialect = parseVersion(f.version) ?? '9P2000';
      reply = encode(errorReply(f.tag, new Plan9Error(reason), dialect), dialect);
    } catch {
      return done();
    }
    clearTimeout(timer);
    stream.removeAllListeners('data');
    stream.end(reply, () => stream.destroy());
  });
}
