// The web view's HTTP server: GET / and the page's files, GET /events (server-sent events),
// GET /scene.json (one snapshot). Read-only: every other method is refused. Requests whose
// Host is not a loopback name are refused too (no DNS rebinding onto the page).

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { formatDialString, type DialAddress } from '../transport/dial-string.js';
import { isLoopbackHost } from './http-address.js';
import type { LiveScene } from './live.js';
import { EventStreams } from './sse.js';
import { staticFile } from './static.js';

const CSP = "default-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'";

export class WebServer {
  readonly streams: EventStreams;
  readonly #http: Server;

  constructor(readonly live: LiveScene) {
    this.streams = new EventStreams(live);
    this.#http = createServer((req, res) => this.#handle(req, res));
  }

  /** Listens on `a`; returns the dial string with the real port. */
  listen(a: DialAddress): Promise<string> {
    return new Promise((resolve, reject) => {
      this.#http.once('error', reject);
      const done = (): void => {
        this.#http.off('error', reject);
        const addr = this.#http.address();
        resolve(a.net === 'tcp' && addr !== null && typeof addr === 'object' ? formatDialString({ ...a, port: addr.port }) : formatDialString(a));
      };
      if (a.net === 'tcp') this.#http.listen(a.port, a.host, done);
      else this.#http.listen(a.path, done);
    });
  }

  close(): Promise<void> {
    this.streams.close();
    this.#http.closeAllConnections();
    return new Promise((resolve) => this.#http.close(() => resolve()));
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const host = (req.headers.host ?? '').replace(/:[0-9]+$/, '').replace(/^\[(.*)\]$/, '$1');
    if (host !== '' && !isLoopbackHost(host)) return this.#fail(res, 403, 'forbidden host');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return this.#fail(res, 405, 'read-only');
    }
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/events') return this.streams.open(req, res);
    if (path === '/scene.json') {
      const body = JSON.stringify(this.live.current());
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(body);
      return;
    }
    const f = staticFile(path);
    if (f === undefined) return this.#fail(res, 404, 'not found');
    res.writeHead(200, { 'Content-Type': f.type, 'Content-Length': f.body.length, 'Cache-Control': 'no-cache', 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff' });
    res.end(req.method === 'HEAD' ? undefined : f.body);
  }

  #fail(res: ServerResponse, code: number, text: string): void {
    res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(`${text}\n`);
  }
}
