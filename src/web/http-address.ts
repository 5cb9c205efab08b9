// The web view's listening address: the same dial strings as the 9P listener (tcp!HOST!PORT,
// unix!PATH, parsed by parseListenAddress), restricted to loopback hosts, since the page has
// no authentication.

import { parseListenAddress, type ListenAddress } from '../9p/server/listen-address.js';
import { isIP } from 'node:net';

/** Whether `host` is a loopback name or address. */
export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1';
  return false;
}

/** Parses `--http`'s value; throws an Error for a bad dial string or a host that is not loopback. */
export function parseWebAddress(s: string): ListenAddress {
  const a = parseListenAddress(s);
  if (a.net === 'tcp' && !isLoopback(a.host)) {
    throw new Error(`--http ${s}: the web view has no authentication and listens on loopback only (tcp!127.0.0.1!PORT, tcp!localhost!PORT, tcp!::1!PORT or unix!PATH)`);
  }
  return a;
}
