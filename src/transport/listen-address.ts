// Plan 9 dial strings for the server's listening address: tcp!HOST!PORT and unix!PATH.

/** Where a server listens. */
export type ListenAddress =
  | { readonly net: 'tcp'; readonly host: string; readonly port: number }
  | { readonly net: 'unix'; readonly path: string };

/** The default: loopback, port 5640 (564 is 9P's registered port; 5640 needs no privilege). */
export const DEFAULT_LISTEN = 'tcp!127.0.0.1!5640';

/** Parses `tcp!HOST!PORT` (PORT 0 picks a free one) or `unix!PATH`; throws a clear Error otherwise. */
export function parseListenAddress(s: string): ListenAddress {
  const parts = s.split('!');
  if (parts[0] === 'tcp' && parts.length === 3) {
    const host = parts[1]!;
    const port = parts[2]!;
    if (host === '' || !/^[0-9]{1,5}$/.test(port) || Number(port) > 65535) {
      throw new Error(`bad listen address ${JSON.stringify(s)}: want tcp!HOST!PORT with PORT 0-65535`);
    }
    return { net: 'tcp', host: host === '*' ? '0.0.0.0' : host, port: Number(port) };
  }
  if (parts[0] === 'unix' && parts.length >= 2) {
    const path = parts.slice(1).join('!');
    if (path === '') throw new Error(`bad listen address ${JSON.stringify(s)}: want unix!PATH`);
    return { net: 'unix', path };
  }
  throw new Error(`bad listen address ${JSON.stringify(s)}: want tcp!HOST!PORT or unix!PATH`);
}

/** The dial string for an address. */
export function formatListenAddress(a: ListenAddress): string {
  return a.net === 'tcp' ? `tcp!${a.host}!${a.port}` : `unix!${a.path}`;
}
