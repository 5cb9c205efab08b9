// serve(): the one call that puts a Dev (by default a fresh #g segment device) on the network.

import type { Dev } from '../dev/dev.js';
import { SegmentDev } from '../devseg/index.js';
import { AnameMux } from '../dev/aname-mux.js';
import { ProcDev } from '../devproc/index.js';
import { Kernel } from '../kernel/kernel.js';
import { DEFAULT_ADDRESS } from '../transport/dial-string.js';
import { defaultEve, NinepServer, type AuthOptions } from '../9p/server/server.js';
import { anamesOf } from './device-tree.js';

/** The msize limits serve() accepts (the command line checks --msize against them). */
export { DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_FIDS, DEFAULT_MSIZE, MIN_SERVER_MSIZE, defaultEve } from '../9p/server/server.js';
export { parseMemorySize } from './memory-size.js';
export { defaultMaxMemory } from '../kernel/kernel.js';

/** Options of serve(). */
export interface ServeOptions {
  /** The device to export. Default: #g and #p of a new Kernel (kernelDevices). */
  dev?: Dev;
  /**
   * Most bytes all segments of the default devices' kernel may commit together (Kernel's
   * maxMemory; ignored with `dev`). Default: half of the machine's memory.
   */
  maxMemory?: number;
  /** Attach names accepted. Default: the mux's names for an AnameMux, else "", "/" and "#" + letter. */
  anames?: readonly string[];
  /** A dial string (src/transport/dial-string.ts; port 0 picks one). Default tcp!127.0.0.1!5640. */
  listen?: string;
  /** Permission bits of a unix socket. Default 0o600: its owner only. */
  socketMode?: number;
  /** Largest msize offered. Default 1 MiB; at least 4096. */
  msize?: number;
  /** The host owner. Default: the user running the server. */
  eve?: string;
  /** -D: trace every message to stderr (true) or to a function. */
  debug?: boolean | ((line: string) => void);
  /** Require attaches to prove they know this secret (docs/security.md). Default: none. */
  auth?: AuthOptions;
  /** Connections served at once (default 256). */
  maxConnections?: number;
  /** Fids per connection (default 16384). */
  maxFids?: number;
}

/** A running server. */
export interface ServeHandle {
  /** The dial string it listens on, with the real port. */
  readonly address: string;
  /** The 9P server: servePort(port, handle.server) serves the same tree to a worker. */
  readonly server: NinepServer;
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
}

/**
 * A #g segment device on `kernel`.
 * @param eve - its host owner: the group of every file, the only user who may make fixed or sticky segments
 * @param kernel - the kernel whose global segment table it shows (default: a new Kernel)
 * @returns the device, to serve or mount
 */
export function segmentDevice(eve: string, kernel: Kernel = new Kernel()): SegmentDev {
  return new SegmentDev(kernel, eve);
}

/** A kernel for serving: `maxMemory` its memory budget (default half of the machine's memory). */
export function serveKernel(maxMemory?: number): Kernel {
  return new Kernel({ maxMemory });
}

/**
 * #g (aname "", "/" or "#g") and #p (aname "#p") of one kernel behind one AnameMux: what
 * serve() exports by default.
 * @param eve - the host owner of both devices
 * @param kernel - the kernel (default: a new Kernel)
 * @returns the mux; its `anames` are the attach names to accept
 */
export function kernelDevices(eve: string, kernel: Kernel = new Kernel()): AnameMux {
  return new AnameMux(new SegmentDev(kernel, eve), [new ProcDev(kernel, eve)]);
}

/**
 * Serves `dev` (default: #g and #p of one new kernel) over 9P2000, 9P2000.u and 9P2000.L on
 * one address, until close().
 * @param o - what to serve, where (default tcp!127.0.0.1!5640), and the server's options
 * @returns the running server and the address it listens on (with the real port for port 0)
 * @throws Error `bad address "…": …` for a dial string that does not parse; `ADDRESS: a server
 *   is already listening there` for a live unix socket; `ADDRESS: address already in use`;
 *   RangeError for a bad msize
 *
 * @example
 * ```ts
 * import { serve, mount } from 'segfs';
 * const srv = await serve({ listen: 'tcp!127.0.0.1!0', eve: 'glenda' }); // port 0: any free port
 * const ns = await mount(srv.address, { user: 'glenda' });
 * await ns.mkdir('ex');                                  // a new #g segment
 * await ns.writeFile('ex/ctl', 'va 0x10000000 0x100000'); // its address and length
 * console.log(new TextDecoder().decode(await ns.readFile('ex/ctl'))); // va 0x10000000 0x100000
 * await ns.close();
 * await srv.close();
 * ```
 */
export async function serve(o: ServeOptions = {}): Promise<ServeHandle> {
  const eve = o.eve ?? defaultEve();
  const dev = o.dev ?? kernelDevices(eve, serveKernel(o.maxMemory));
  const anames = o.anames ?? anamesOf(dev);
  const server = new NinepServer({
    dev, anames, msize: o.msize, eve, debug: o.debug, auth: o.auth, maxConnections: o.maxConnections, maxFids: o.maxFids,
  });
  const address = await server.listen(o.listen ?? DEFAULT_ADDRESS, { socketMode: o.socketMode });
  return { address, server, close: () => server.close() };
}
