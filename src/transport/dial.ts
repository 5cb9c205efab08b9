// Plan 9 dial strings for the client: tcp!HOST!PORT and unix!PATH (dial(2)), connected as a
// net.Socket with Nagle off (9P is request/response: small frames must not wait).

import { connect, type Socket } from 'node:net';

/** Where a dial string leads. */
export type DialAddress =
  | { readonly net: 'tcp'; readonly host: string; readonly port: number }
  | { readonly net: 'unix'; readonly path: string };

/** 9fs's registered port, for tcp!HOST!9fs and tcp!HOST with no port. */
const NINEFS_PORT = 564;

/** Parses `tcp!HOST!PORT` (PORT a number or `9fs`; absent: 564) or `unix!PATH`. */
export function parseDialString(s: string): DialAddress {
  const parts = s.split('!');
  if (parts[0] === 'tcp' && (parts.length === 2 || parts.length === 3) && parts[1] !== '') {
    const port = parts[2] === undefined || parts[2] === '9fs' ? String(NINEFS_PORT) : parts[2];
    if (!/^[0-9]{1,5}$/.test(port) || Number(port) === 0 || Number(port) > 65535) {
      throw new Error(`bad dial string ${JSON.stringify(s)}: want tcp!HOST!PORT with PORT 1-65535`);
    }
    return { net: 'tcp', host: parts[1]!, port: Number(port) };
  }
  if (parts[0] === 'unix' && parts.length >= 2 && parts.slice(1).join('!') !== '') {
    return { net: 'unix', path: parts.slice(1).join('!') };
  }
  throw new Error(`bad dial string ${JSON.stringify(s)}: want tcp!HOST!PORT or unix!PATH`);
}

/** Connects to a dial string; rejects with the socket's error (ECONNREFUSED, ENOENT, …). */
export function dial(s: string): Promise<Socket> {
  const a = parseDialString(s);
  return new Promise((resolve, reject) => {
    const sock = a.net === 'tcp' ? connect({ host: a.host, port: a.port, noDelay: true }) : connect({ path: a.path });
    sock.once('error', reject);
    sock.once('connect', () => {
      sock.off('error', reject);
      resolve(sock);
    });
  });
}
