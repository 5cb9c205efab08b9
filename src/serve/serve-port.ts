// The server half of the in-process transport: a Dev (or a running NinepServer) served over a
// MessagePort, for a client in the same thread or in a worker_thread. When the served tree
// offers segment memory (#g, or a mux holding #g), the port also answers segment handover
// requests with the segment's SharedArrayBuffers.

import type { MessagePort } from 'node:worker_threads';
import type { Dev } from '../dev/dev.js';
import { NinepServer } from '../9p/server/server.js';
import { PortStream } from '../transport/port-stream.js';
import { answerHandover } from './answer-handover.js';
import { anamesOf, eveOf } from './device-tree.js';

/** Options of servePort when it makes its own server. */
export interface ServePortOptions {
  /** Largest msize offered. Default 1 MiB. */
  msize?: number;
  /** The host owner. Default: the device's eve (a mux's: its default device's), else the user running the process. */
  eve?: string;
}

/** A served port: close() ends the connection. */
export interface PortServing {
  /** The server the port is a connection of (servePort's own, or the one it was given). */
  readonly server: NinepServer;
  /** Ends the connection (the server itself keeps running). */
  close(): void;
}

/**
 * Serves `target` on `port` to a client in this thread or a worker (mount(port) there); when
 * the tree holds #g segments, the port also hands their SharedArrayBuffers over, so the
 * client's segattach maps the very memory.
 * @param port - one end of a MessageChannel; the other goes to the client
 * @param target - a Dev (a mux answers its attach names), or a NinepServer to share its device
 *   tree, users and options — e.g. serve()'s own server, `handle.server`
 * @param o - msize and eve when servePort makes its own server
 * @returns the connection, to close
 * @throws RangeError for a bad msize
 *
 * @example
 * ```ts
 * import { MessageChannel } from 'node:worker_threads';
 * import { segmentDevice, servePort, mount } from 'segfs';
 * const { port1, port2 } = new MessageChannel();
 * const serving = servePort(port2, segmentDevice('glenda'));
 * const ns = await mount(port1, { user: 'glenda' }); // in a worker: mount(workerData.port, …)
 * await ns.mkdir('counter');
 * await ns.writeFile('counter/ctl', 'va 0x10000000 0x1000');
 * const p = ns.process();
 * const va = await p.segattach(0, 'counter', 0, 0);
 * Atomics.add(p.int32(va, 1), 0, 1); // on the server's SharedArrayBuffer
 * await p.exit();
 * await ns.close();
 * serving.close();
 * ```
 */
export function servePort(port: MessagePort, target: Dev | NinepServer, o: ServePortOptions = {}): PortServing {
  const server = target instanceof NinepServer
    ? target
    : new NinepServer({ dev: target, msize: o.msize, eve: o.eve ?? eveOf(target), anames: anamesOf(target) });
  const stream = new PortStream(port);
  answerHandover(stream, server.dev);
  const conn = server.accept(stream);
  return { server, close: () => conn?.close() };
}
