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
  readonly server: NinepServer;
  close(): void;
}

/**
 * Serves `target` on `port`: a Dev (a mux answers its attach names), or a NinepServer to share
 * its device tree, users and options — e.g. serve()'s own server, `handle.server`.
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
