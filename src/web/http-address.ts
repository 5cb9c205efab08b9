// The web view's listening address: the same dial strings as the 9P listener
// (src/transport/dial-string.ts), restricted to loopback, since the page has no authentication.

import { isLoopback, parseDialString, type DialAddress } from '../transport/dial-string.js';

/** Parses `--http`'s value; throws an Error for a bad dial string or a host that is not loopback. */
export function parseWebAddress(s: string): DialAddress {
  const a = parseDialString(s, { listen: true });
  if (!isLoopback(a)) {
    throw new Error(`${s}: the web view has no authentication and listens on loopback only (tcp!127.0.0.1!PORT, tcp!localhost!PORT, [::1]:PORT or unix!PATH)`);
  }
  return a;
}

/** Whether an HTTP Host header's host names this machine (a page reached by another name is refused). */
export function isLoopbackHost(host: string): boolean {
  return isLoopback({ net: 'tcp', host: host.replace(/^\[(.*)\]$/, '$1'), port: 1 });
}
