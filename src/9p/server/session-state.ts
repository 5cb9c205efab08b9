// What a request handler sees of its connection: the negotiated dialect and msize, the fid
// table, the server's configuration, and the two services the Session gives its handlers.
// Session (session.ts) implements it; the handlers import only this, so the Session can
// import the handlers without a cycle.

import type { Dev } from '../../dev/dev.js';
import type { Dialect } from '../codec/dialect.js';
import type { FidTable } from './fid.js';
import type { LATER, Reply } from './reply.js';
import type { Req } from './req.js';
import type { UserTable } from './users.js';

/** What a session needs from the server. */
export interface SessionConfig {
  /** The device every attach reaches. */
  dev: Dev;
  /** Attach names accepted (others fail with 'file does not exist'). */
  anames: ReadonlySet<string>;
  /** The largest msize offered. */
  msize: number;
  /** This connection's user names ↔ numbers (one table per connection: users.ts). */
  users: UserTable;
  /** Fids the connection may hold at once. */
  maxFids: number;
  /** The shared secret an attach must prove (auth.ts); undefined: no authentication. */
  auth: { secret: Uint8Array } | undefined;
  /** -D: called with one line per message in each direction; undefined when off. */
  trace: ((line: string) => void) | undefined;
  /** Internal errors (a device threw something that is not a Plan9Error). */
  log: (line: string) => void;
  /** A name for this connection in trace lines. */
  id: string;
}

/** The per-connection state the handlers read and the calls they make on it. */
export interface SessionState {
  readonly dialect: Dialect;
  readonly msize: number;
  /** The most bytes one Tread, Treaddir or Twrite carries: msize − IOHDRSZ (the 9P iounit). */
  readonly iounit: number;
  readonly fids: FidTable;
  readonly config: SessionConfig;
  readonly dev: Dev;
  /** Tflush of `oldtag`: answered now, or LATER once the flushed request is answered. */
  flush(req: Req, oldtag: number): Reply | typeof LATER;
  /** A buffer for a reply frame of up to `size` bytes. */
  takeBuffer(size: number): Buffer;
}
