// The 9P exporter: serves any Dev over 9P2000, 9P2000.u and 9P2000.L, on TCP, unix sockets or
// any duplex stream handed to accept(). Options get their defaults here, in one place.

import { userInfo } from 'node:os';
import type { Duplex } from 'node:stream';
import type { Dev } from '../../dev/dev.js';
import { IOHDRSZ } from '../codec/constants.js';
import { Connection } from './connection.js';
import { RoundRobin } from './round-robin.js';
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

/** A 9P server for one Dev: accept() streams, listen() on addresses, close() everything. */
export class NinepServer {
  readonly dev: Dev;
  readonly msize: number;
  readonly eve: string;
  readonly users: UserTable;
  readonly #connections = new Set<Connection>();
  /** Turns between connections, so that one flooding client cannot starve the others. */
  readonly #turns = new RoundRobin();
  readonly #listeners: Listener[] = [];
  readonly #trace: ((line: string) => void) | undefined;
  readonly #anames: ReadonlySet<string>;
  readonly #log: (line: string) => void;
  #nextId = 1;

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

  /** Serves 9P on `stream` until it closes. */
  accept(stream: Duplex): Connection {
    const id = String(this.#nextId++);
    const c = new Connection(stream, {
      dev: this.dev, anames: this.#anames, msize: this.msize, users: this.users,
      trace: this.#trace, log: this.#log, id,
    }, (conn) => this.#connections.delete(conn), this.#turns);
    this.#connections.add(c);
    return c;
  }

  /** Listens on a dial string (src/transport/dial-string.ts); resolves with the bound address. */
  async listen(address: string = DEFAULT_ADDRESS, o: ListenOptions = {}): Promise<string> {
    const l = await listen(address, (sock) => this.accept(sock), o);
    this.#listeners.push(l);
    return l.address;
  }

  /** Stops listening and closes every connection. */
  async close(): Promise<void> {
    const closing = this.#listeners.splice(0).map((l) => l.close());
    for (const c of [...this.#connections]) c.close();
    await Promise.all(closing);
  }
}
