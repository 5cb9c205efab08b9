// mount(): a namespace from a 9P server, reached by a dial string (tcp!HOST!PORT, unix!PATH),
// a MessagePort (a server in another thread, or this one) or a Dev served in this process.
// The namespace is an Fsys (path operations) that can also make processes of the client's
// kernel whose segattach finds the server's #g segments.

import type { Duplex } from 'node:stream';
import { MessageChannel, MessagePort } from 'node:worker_threads';
import type { Client } from '../9p/client/client.js';
import { connectTree, type TreeOptions } from '../9p/client/connect-tree.js';
import { Fsys } from '../9p/client/fsys.js';
import type { ClientFid } from '../9p/client/fid.js';
import type { Dev } from '../dev/dev.js';
import { Kernel } from '../kernel/kernel.js';
import { plan9For } from '../plan9/plan9-for.js';
import { dial } from '../transport/dial.js';
import { PortStream } from '../transport/port-stream.js';
import { HandoverClient, type SegmentSource } from './segment-handover.js';
import { SegmentProcess } from './segment-process.js';

/** What mount() can reach: a dial string, a MessagePort to a servePort(), or a Dev to serve here. */
export type MountTarget = string | MessagePort | Dev;

/** Options of mount(): those of connectTree, and the kernel its processes live in. */
export interface MountOptions extends TreeOptions {
  /** The kernel whose processes namespace.process() makes. Default: a new Kernel. */
  kernel?: Kernel;
}

function isDev(x: unknown): x is Dev {
  return typeof x === 'object' && x !== null && typeof (x as Dev).attach === 'function' && typeof (x as Dev).dc === 'string';
}

/**
 * A mounted 9P tree (made by mount): the path operations of Fsys (readFile, writeFile, ls,
 * stat, mkdir, …, which throw NinepError), and processes that can segattach its #g segments.
 * Close it when done: the connection keeps Node running.
 *
 * @example
 * ```ts
 * import { mount, segmentDevice, NinepError } from 'segfs';
 * const ns = await mount(segmentDevice('glenda'), { user: 'glenda' }); // in-process
 * await ns.mkdir('ex');
 * await ns.writeFile('ex/ctl', 'va 0x10000000 0x100000');
 * for (const d of await ns.ls('ex')) console.log(d.name, d.mode.toString(8), d.length); // length: a bigint
 * try {
 *   await ns.stat('nothere');
 * } catch (e) {
 *   if (e instanceof NinepError && e.code === 'ENOENT') console.log(e.message); // file does not exist
 * }
 * await ns.close();
 * ```
 */
export class Namespace extends Fsys {
  #kernel: Kernel | undefined;
  readonly #onClose: () => void;

  /**
   * Made by mount(); not for direct use.
   * @internal
   */
  constructor(
    client: Client,
    root: ClientFid,
    user: string,
    /** The segment handover, when the transport has one (in-process and worker mounts). @internal */
    readonly source: SegmentSource | undefined,
    kernel: Kernel | undefined,
    onClose: () => void = () => {},
  ) {
    super(client, root, user);
    this.#kernel = kernel;
    this.#onClose = onClose;
  }

  /** The client's kernel (made on first use unless given to mount). */
  get kernel(): Kernel {
    this.#kernel ??= new Kernel();
    return this.#kernel;
  }

  /** True when the transport can hand segment memory over (in-process, worker): #g segments attach zero-copy. */
  get zeroCopy(): boolean {
    return this.source !== undefined;
  }

  /**
   * A new Plan 9 process of the client's kernel, running as the mount's user, whose
   * segattach also finds the #g segments of the mount.
   * @returns the process; exit() it when done
   */
  process(): SegmentProcess {
    const pid = plan9For(this.kernel).spawn({ user: this.user });
    return new SegmentProcess(this.kernel, pid, this, this.source);
  }

  /**
   * Clunks the root, closes the connection and, for a mounted Dev, its in-process server.
   * Outstanding requests fail with NinepError code 'ECLOSED'.
   */
  override async close(): Promise<void> {
    await super.close();
    this.#onClose();
  }
}

/**
 * Mounts a 9P server: connects, negotiates (msize, dialect: 9P2000 unless `version` says
 * otherwise), authenticates when given a secret, and attaches as `user`. A MessagePort or a Dev gives the in-process transport,
 * whose #g segments are attached zero-copy; a dial string gives a socket, whose segments are
 * reached through their data files.
 * @param target - a dial string (`tcp!HOST!PORT`, `unix!PATH`, `HOST:PORT`), a MessagePort
 *   served by servePort, or a Dev to serve in this process
 * @param o - user (default: the user running the process), aname, msize, version, kernel,
 *   debug, and an AbortSignal to give up waiting
 * @returns the namespace; close() it when done
 * @throws Error `bad address "…": …` for a dial string that does not parse; the socket's
 *   error (code 'ECONNREFUSED', 'ENOENT', …) when it cannot connect; NinepError code
 *   'EVERSION' when the server speaks none of the asked dialect or msize, 'ECLOSED' when the
 *   connection closes first, or the server's refusal of the attach (code 'ENOENT' for an
 *   unknown aname, …); TypeError for a target of another kind
 *
 * @example
 * ```ts
 * import { serve, mount } from 'segfs';
 * const srv = await serve({ listen: 'tcp!127.0.0.1!0', eve: 'glenda' });
 * const ns = await mount(srv.address, { user: 'glenda', version: '9P2000.L' });
 * await ns.mkdir('ex');
 * await ns.writeFile('ex/ctl', 'va 0x10000000 0x100000');
 * const p = ns.process();
 * const va = await p.segattach(0, 'ex', 0, 0); // 0x10000000, read from ex/ctl
 * await p.write(va, new TextEncoder().encode('hi mom'));
 * console.log(new TextDecoder().decode(await p.read(va, 6))); // hi mom
 * await p.exit();
 * await ns.close();
 * await srv.close();
 * ```
 */
export async function mount(target: MountTarget, o: MountOptions = {}): Promise<Namespace> {
  let stream: Duplex;
  let source: SegmentSource | undefined;
  let onClose = (): void => {};
  if (typeof target === 'string') {
    stream = await dial(target);
  } else if (target instanceof MessagePort) {
    const ps = new PortStream(target);
    source = new HandoverClient(ps, o.aname);
    stream = ps;
  } else if (isDev(target)) {
    // loaded here: a mount over a socket never needs the server's modules
    const { servePort } = await import('../serve/serve-port.js');
    const { port1, port2 } = new MessageChannel();
    const serving = servePort(port2, target, { msize: o.msize });
    const ps = new PortStream(port1);
    source = new HandoverClient(ps, o.aname);
    stream = ps;
    onClose = () => serving.close();
  } else {
    throw new TypeError('mount: want a dial string, a MessagePort or a Dev');
  }
  let fs: Fsys;
  try {
    fs = await connectTree(stream, o);
  } catch (e) {
    onClose();
    throw e;
  }
  return new Namespace(fs.client, fs.root, fs.user, source, o.kernel, onClose);
}
