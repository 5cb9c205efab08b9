// The 9P exporter: serves any Dev over 9P2000, 9P2000.u and 9P2000.L, on TCP, unix sockets or
// any duplex stream handed to accept(). Options get their defaults here, in one place.

import { userInfo } from 'node:os';
import type { Duplex } from 'node:stream';
import type { Dev } from '../../dev/dev.js';
import { IOHDRSZ } from '../codec/constants.js';
import { Connection } from './connection.js';
import { DEFAULT_ADDRESS } from '../../transport/dial-string.js';
import { listen, type Listener, type ListenOptions } from '../../transport/listen.js';
import { UserTable } from './users.js';

/** The largest msize offered unless configured (Linux ≥ 5.15 asks up to 1 MiB over TCP). */
export const DEFAULT_MSIZE = 1 << 20;
/** The smallest msize a server may be configured with (Linux refuses less). */
export const MIN_SERVER_MSIZE = 4096;

/** Options of a 9P server. */
export interface ServerOptions {
  /** The device every attach reaches. */
  dev: Dev;
  /** Largest msize to offer; the reply is never above the client's. Default 1 MiB, at least 4096. */
  msize?: number;
  /** The host owner: uid 0 of 9P2000.u/.L maps to this name. Default: the user running the server. */
  eve?: string;
  /**
   * Trace every message (like lib9p's chatty9p): true writes lines to stderr, a function gets
   * each line. Off by default, and then it costs one boolean test per message.
   */
  debug?: boolean | ((line: string) => void);
  /** Attach names accepted. Default "", "/" and "#" + the device letter. */
  anames?: readonly string[];
  /** Where internal errors are reported. Default stderr. */
  log?: (line: string) => void;
}

/** The user running this process: eve unless told otherwise. */
export function defaultEve(): string {
  try {
    return userInfo().username;
  } catch {
    return 'eve';
  }
}

/**
 * A 9P server for one Dev, speaking 9P2000, 9P2000.u and 9P2000.L (the client's Tversion
 * chooses): accept() streams, listen() on addresses, close() everything. A Dev's Plan9Error
 * reaches the client as its Plan 9 string (Rerror), with its errno in 9P2000.u and alone in
 * 9P2000.L (Rlerror). serve() makes one with defaults.
 *
 * @example
 * ```ts
 * import { NinepServer } from 'segfs/9p';
 * import { SegmentDev } from 'segfs/dev';
 * import { Kernel } from 'segfs/kernel';
 * import { mount } from 'segfs';
 * const server = new NinepServer({ dev: new SegmentDev(new Kernel(), 'glenda'), eve: 'glenda' });
 * const address = await server.listen('unix!/tmp/segfs-example.sock');
 * const ns = await mount(address, { user: 'glenda' });
 * await ns.mkdir('ex');
 * console.log((await ns.stat('ex/data')).length); // 0n: a bigint, no va written yet
 * await ns.close();
 * await server.close();
 * ```
 */
export class NinepServer {
  /** The device every attach reaches. */
  readonly dev: Dev;
  /** The largest msize offered. */
  readonly msize: number;
  /** The host owner: uid 0 of 9P2000.u/.L. */
  readonly eve: string;
  /** Numeric ids and names of 9P2000.u/.L users. @internal */
  readonly users: UserTable;
  readonly #connections = new Set<Connection>();
  readonly #listeners: Listener[] = [];
  readonly #trace: ((line: string) => void) | undefined;
  readonly #anames: ReadonlySet<string>;
  readonly #log: (line: string) => void;
  #nextId = 1;

  /**
   * @param o - the device, and the server's options
   * @throws RangeError for an msize that is not an integer in [4096, 2^32-1]
   */
  constructor(o: ServerOptions) {
    const msize = o.msize ?? DEFAULT_MSIZE;
    if (!Number.isInteger(msize) || msize < MIN_SERVER_MSIZE || msize > 0xffffffff) {
      throw new RangeError(`msize must be an integer of at least ${MIN_SERVER_MSIZE}, got ${o.msize}`);
    }
    if (msize <= IOHDRSZ) throw new RangeError('msize too small');
    this.dev = o.dev;
    this.msize = msize;
    this.eve = o.eve ?? defaultEve();
    this.users = new UserTable(this.eve);
    this.#log = o.log ?? ((line) => process.stderr.write(line + '\n'));
    this.#trace = o.debug === true ? (line) => process.stderr.write(line + '\n') : o.debug || undefined;
    this.#anames = new Set(o.anames ?? ['', '/', `#${o.dev.dc}`]);
  }

  /** Live connections. */
  get connections(): number {
    return this.#connections.size;
  }

  /**
   * Serves 9P on `stream` until it closes.
   * @param stream - a connected duplex byte stream (a socket, a PortStream, …)
   * @returns the connection, whose close() ends it
   */
  accept(stream: Duplex): Connection {
    const id = String(this.#nextId++);
    const c = new Connection(stream, {
      dev: this.dev, anames: this.#anames, msize: this.msize, users: this.users,
      trace: this.#trace, log: this.#log, id,
    }, (conn) => this.#connections.delete(conn));
    this.#connections.add(c);
    return c;
  }

  /**
   * Listens on a dial string; may be called more than once to serve several addresses.
   * @param address - `tcp!HOST!PORT` (port 0 picks a free one, `*` every interface),
   *   `unix!PATH`, `HOST:PORT`; default tcp!127.0.0.1!5640
   * @param o - permission bits of a unix socket (default 0o600)
   * @returns the bound address as a dial string, with the real port
   * @throws Error `bad address "…": …` for a dial string that does not parse; `ADDRESS: a server
   *   is already listening there` for a live unix socket (a stale one is replaced);
   *   `ADDRESS: address already in use`; `ADDRESS: …` for any other bind failure
   */
  async listen(address: string = DEFAULT_ADDRESS, o: ListenOptions = {}): Promise<string> {
    const l = await listen(address, (sock) => this.accept(sock), o);
    this.#listeners.push(l);
    return l.address;
  }

  /** Stops listening (a unix socket's file is removed) and closes every connection; outstanding requests are dropped. */
  async close(): Promise<void> {
    const closing = this.#listeners.splice(0).map((l) => l.close());
    for (const c of [...this.#connections]) c.close();
    await Promise.all(closing);
  }
}
