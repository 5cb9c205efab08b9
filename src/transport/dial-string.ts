// Plan 9 dial strings (dial(2), ndb(6)) for the client and the server alike: `tcp!HOST!PORT`,
// `tcp!HOST!9fs`, `tcp!HOST` (9fs's port), `unix!PATH`, and the common `HOST:PORT`
// (`[V6ADDR]:PORT`). `net!` is read as `tcp!`. A listener may also use `*` for every
// interface and port 0 for a free port.

/** Where a dial string leads (or where a server listens). */
export type DialAddress =
  | { readonly net: 'tcp'; readonly host: string; readonly port: number }
  | { readonly net: 'unix'; readonly path: string };

/** 9fs's registered port, for `tcp!HOST!9fs` and `tcp!HOST`. */
export const NINEFS_PORT = 564;

/** Where segfs serves unless told otherwise: loopback, port 5640 (564 needs privilege). */
export const DEFAULT_ADDRESS = 'tcp!127.0.0.1!5640';

const FORMS = 'tcp!HOST!PORT, tcp!HOST, unix!PATH or HOST:PORT';

/**
 * Parses a dial string: `tcp!HOST!PORT`, `tcp!HOST!9fs`, `tcp!HOST` (port 564), `unix!PATH`,
 * `HOST:PORT` or `[V6ADDR]:PORT`.
 * @param s - the dial string
 * @param o - with `listen`, `*` (every interface) and port 0 (a free port) are allowed too
 * @returns the address
 * @throws Error `bad address "S": …` naming what is wrong and the accepted forms
 */
export function parseDialString(s: string, o: { listen?: boolean } = {}): DialAddress {
  const bad = (why: string): never => {
    throw new Error(`bad address ${JSON.stringify(s)}: ${why}`);
  };
  const port = (p: string): number => {
    if (p === '9fs') return NINEFS_PORT;
    const n = /^[0-9]{1,5}$/.test(p) ? Number(p) : NaN;
    if (!(n <= 65535) || (n === 0 && !o.listen)) bad(`port ${JSON.stringify(p)} is not a number in 1-65535`);
    return n;
  };
  const host = (h: string): string => {
    if (h === '') bad('no host');
    if (h === '*') return o.listen ? '0.0.0.0' : bad('* is for listening');
    return h;
  };
  const bang = s.split('!');
  if (bang.length > 1) {
    const [net, ...rest] = bang;
    if (net === 'unix') {
      const path = rest.join('!');
      return path === '' ? bad('no path') : { net: 'unix', path };
    }
    if (net === 'tcp' || net === 'net') {
      if (rest.length > 2) bad(`want ${FORMS}`);
      return { net: 'tcp', host: host(rest[0]!), port: rest[1] === undefined ? NINEFS_PORT : port(rest[1]) };
    }
    return bad(`unknown network ${JSON.stringify(net)}; want ${FORMS}`);
  }
  const v6 = /^\[([^\]]*)\]:([^:]*)$/.exec(s);
  if (v6 !== null) return { net: 'tcp', host: host(v6[1]!), port: port(v6[2]!) };
  const colon = s.lastIndexOf(':');
  if (colon > 0 && !s.slice(0, colon).includes(':')) return { net: 'tcp', host: host(s.slice(0, colon)), port: port(s.slice(colon + 1)) };
  return bad(`want ${FORMS}`);
}

/**
 * The canonical dial string of an address.
 * @param a - the address
 * @returns `tcp!HOST!PORT` or `unix!PATH`
 */
export function formatDialString(a: DialAddress): string {
  return a.net === 'tcp' ? `tcp!${a.host}!${a.port}` : `unix!${a.path}`;
}

/**
 * True when a TCP host names this machine only (127.0.0.0/8, ::1, localhost).
 * @param a - the address
 * @returns true for those and for every unix socket
 */
export function isLoopback(a: DialAddress): boolean {
  if (a.net === 'unix') return true;
  return a.host === 'localhost' || a.host === '::1' || /^127\.[0-9]+\.[0-9]+\.[0-9]+$/.test(a.host);
}
