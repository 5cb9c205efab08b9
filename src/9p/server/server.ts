// The 9P exporter: serves any Dev over 9P2000, 9P2000.u and 9P2000.L, on TCP, unix sockets or
// any duplex stream handed to accept(). Options get their defaults here, in one place.

import { userInfo } from 'node:os';
import type { Duplex } from 'node:stream';
import type { Dev } from '../../dev/dev.js';
import { IOHDRSZ } from '../codec/constants.js';
import { Connection } from './connection.js';
import { MAX_FIDS } from './fid.js';
import { Etoomanyconns, refuse } from './refuse.js';
import { RoundRobin } from './round-robin.js';
import { DEFAULT_ADDRESS } from '../../transport/dial-string.js';
import { listen, type Listener, type ListenOptions } from '../../transport/listen.js';
import { UserTable } from './users.js';

/** The largest msize offered unless configured (Linux ≥ 5.15 asks up to 1 MiB over TCP). */
export const DEFAULT_MSIZE = 1 << 20;
/** The smallest msize a server may be configured with (Linux refuses less). */
export const MIN_SERVER_MSIZE = 4096;
/** Connections served at once unless configured. */
export const DEFAULT_MAX_CONNECTIONS = 256;
export { MAX_FIDS as DEFAULT_MAX_FIDS } from './fid.js';

/** segfs's authentication (docs/security.md): attaches must prove knowledge of `secret`. */
export interface AuthOptions {
  /** The shared secret; readSecretFile reads one from a file only its owner can read. */
  secret: Uint8Array;
}

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
  /** Where internal errors and refused connections are reported. Default stderr. */
  log?: (line: string) => void;
  /**
   * Require every attach to prove it knows `secret` through Tauth (docs/security.md). Default:
   * no authentication, and Tauth answers `authentication not required`.
   */
  auth?: AuthOptions;
  /** Connections served at once; one more has its Tversion answered `too many connections`. Default 256. */
  maxConnections?: number;
  /** Fids one connection may hold at once; one more is `Too many open files`. Default 16384. */
  maxFids?: number;
}

function positive(name: string, n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${name} must be a whole number of at least 1, got ${n}`);
  return n;
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
  /** Connections served at once; one more is refused (ServerOptions.maxConnections). */
  readonly maxConnections: number;
  /** Fids one connection may hold (ServerOptions.maxFids). */
  readonly maxFids: number;
  readonly #auth: { secret: Uint8Array } | undefined;
  readonly #connections = new Set<Connection>();
  /** Turns between connections, so that one flooding client cannot starve the others. */
  readonly #turns = new RoundRobin();
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
    this.maxConnections = positive('maxConnections', o.maxConnections ?? DEFAULT_MAX_CONNECTIONS);
    this.maxFids = positive('maxFids', o.maxFids ?? MAX_FIDS);
    if (o.auth !== undefined && o.auth.secret.length < 16) throw new RangeError('auth.secret must be at least 16 bytes');
    this.#auth = o.auth === undefined ? undefined : { secret: Buffer.from(o.auth.secret) };
    this.#log = o.log ?? ((line) => process.stderr.write(line + '\n'));
    this.#trace = o.debug === true ? (line) => process.stderr.write(line + '\n') : o.debug || undefined;
    this.#anames = new Set(o.anames ?? ['', '/', `#${o.dev.dc}`]);
  }

  /** Live connections. */
  get connections(): number {
    return this.#connections.size;
  }

  /** True when attaches must authenticate (server option `auth`). */
  get authRequired(): boolean {
    return this.#auth !== undefined;
  }

  /**
   * Serves 9P on `stream` until it closes. Past maxConnections the stream is refused instead
   * (refuse.ts).
   * @param stream - a connected duplex byte stream (a socket, a PortStream, …)
   * @returns the connection, whose close() ends it; undefined when refused
   */
  accept(stream: Duplex): Connection | undefined {
    if (this.#connections.size >= this.maxConnections) {
      this.#log(`segfs: refused a connection: ${Etoomanyconns} (${this.maxConnections})`);
      refuse(stream, Etoomanyconns);
      return undefined;
    }
    const id = String(this.#nextId++);
    // each connection its own user table: one client's attach cannot say who another's uid is
    const c = new Connection(stream, {
      dev: this.dev, anames: this.#anames, msize: this.msize, users: new UserTable(this.eve),
      maxFids: this.maxFids, auth: this.#auth, trace: this.#trace, log: this.#log, id,
    }, (conn) => this.#connections.delete(conn), this.#turns);
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
