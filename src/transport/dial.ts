// Connects a client to a dial string: a net.Socket with Nagle off (9P is request/response:
// small frames must not wait) that reads with `onread` (direct-read.ts), so a client can
// choose where its bytes land.

import type { Socket } from 'node:net';
import { connectDirect } from './direct-read.js';
import { parseDialString } from './dial-string.js';

/**
 * Connects to `address`, Nagle off. The socket emits no 'data': a Client takes its bytes
 * (takeBytes in direct-read.ts).
 * @param address - a dial string (see parseDialString)
 * @returns the connected socket
 * @throws Error `bad address "…": …` for a dial string that does not parse; the socket's
 *   error (code 'ECONNREFUSED', 'ENOENT', …) when it cannot connect
 */
export function dial(address: string): Promise<Socket> {
  const a = parseDialString(address);
  return new Promise((resolve, reject) => {
    const sock = connectDirect(a.net === 'tcp' ? { host: a.host, port: a.port, noDelay: true } : { path: a.path });
    sock.once('error', reject);
    sock.once('connect', () => {
      sock.off('error', reject);
      resolve(sock);
    });
  });
}
