// Server-sent events: one open response per page. A page first gets the whole scene (event
// `scene`), then every diff (event `diff`); EventSource reconnects by itself and then gets the
// whole scene again, so a page's state is always rebuilt from one snapshot.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LiveScene } from './live.js';

/** How often an idle stream gets a comment line (keeps proxies and the browser content). */
const KEEPALIVE_MS = 15_000;

export class EventStreams {
  readonly #open = new Set<ServerResponse>();
  #unsubscribe: (() => void) | undefined;
  #keepalive: NodeJS.Timeout | undefined;

  constructor(readonly live: LiveScene) {}

  get count(): number {
    return this.#open.size;
  }

  /** Serves GET /events on `res`. */
  open(req: IncomingMessage, res: ServerResponse): void {
    req.socket.setNoDelay(true);
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    const first = this.live.current();
    res.write(`retry: 500\nevent: scene\nid: ${first.seq}\ndata: ${JSON.stringify(first)}\n\n`);
    this.#open.add(res);
    if (this.#unsubscribe === undefined) {
      this.#unsubscribe = this.live.subscribe((m) => this.#send(`event: diff\nid: ${m.seq}\ndata: ${JSON.stringify(m)}\n\n`));
      this.#keepalive = setInterval(() => this.#send(': keepalive\n\n'), KEEPALIVE_MS);
      this.#keepalive.unref();
    }
    const done = (): void => this.#drop(res);
    res.on('close', done);
    res.on('error', done);
  }

  /** Ends every stream. */
  close(): void {
    for (const res of [...this.#open]) {
      res.end();
      this.#drop(res);
    }
  }

  #send(text: string): void {
    for (const res of this.#open) res.write(text);
  }

  #drop(res: ServerResponse): void {
    if (!this.#open.delete(res) || this.#open.size > 0) return;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    clearInterval(this.#keepalive);
  }
}
