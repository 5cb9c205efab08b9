// Listening on a dial string for the server: TCP, or a unix socket that only its owner may
// use unless told otherwise. A unix socket left behind by a server that died (nobody accepts
// on it) is replaced; one that a live server holds is an error that says so.

import { chmodSync, lstatSync, unlinkSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { formatDialString, parseDialString, type DialAddress } from './dial-string.js';

/** Options of listening (NinepServer.listen). */
export interface ListenOptions {
  /** Permission bits of a unix socket (default 0o600: the owner only). */
  socketMode?: number;
}

/** A bound listener. */
export interface Listener {
  /** The bound address as a dial string (a TCP port 0 resolved). */
  readonly address: string;
  readonly parsed: DialAddress;
  /** Stops accepting; a unix socket's file is removed. */
  close(): Promise<void>;
}

/** True when something accepts connections on the unix socket `path`. */
function socketAlive(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ path });
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}

function bind(server: Server, a: DialAddress): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    const done = (): void => { server.off('error', reject); resolve(); };
    if (a.net === 'tcp') server.listen(a.port, a.host, done);
    else server.listen(a.path, done);
  });
}

/**
 * Listens on `address` and hands every accepted socket (Nagle off) to `accept`. Throws a
 * clear Error when the address is taken (EADDRINUSE) or cannot be bound.
 */
export async function listen(address: string, accept: (sock: Socket) => void, o: ListenOptions = {}): Promise<Listener> {
  const a = parseDialString(address, { listen: true });
  const server = createServer({ noDelay: true }, (sock: Socket) => {
    sock.setNoDelay(true);
    accept(sock);
  });
  try {
    await bind(server, a);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (a.net === 'unix' && code === 'EADDRINUSE' && lstatSync(a.path, { throwIfNoEntry: false })?.isSocket()) {
      if (await socketAlive(a.path)) throw new Error(`${address}: a server is already listening there`);
      unlinkSync(a.path); // stale: its server is gone
      await bind(server, a);
    } else if (code === 'EADDRINUSE') {
      throw new Error(`${address}: address already in use`);
    } else {
      throw new Error(`${address}: ${(e as Error).message}`);
    }
  }
  let bound: DialAddress = a;
  if (a.net === 'unix') chmodSync(a.path, o.socketMode ?? 0o600);
  const info = server.address();
  if (a.net === 'tcp' && info !== null && typeof info === 'object') bound = { net: 'tcp', host: a.host, port: info.port };
  return {
    address: formatDialString(bound),
    parsed: bound,
    close: () => new Promise<void>((resolve) => {
      server.close(() => {
        if (bound.net === 'unix') {
          try { unlinkSync(bound.path); } catch { /* already gone */ }
        }
        resolve();
      });
    }),
  };
}
