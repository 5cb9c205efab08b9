// A duplex byte stream over a MessagePort, so a 9P client and server can talk between threads
// (or within one) exactly as over a socket. 9P bytes travel as transferred ArrayBuffers
// ({ b }); anything else posted on the port (the segment handover's side requests) is given to
// `onSide`, so side messages and 9P frames share one ordered channel, as a Unix socket carries
// descriptors next to its bytes.

import { Duplex } from 'node:stream';
import type { MessagePort } from 'node:worker_threads';

/** A message that is not 9P bytes. */
export type SideMessage = Record<string, unknown>;

export class PortStream extends Duplex {
  readonly port: MessagePort;
  #onSide: (m: SideMessage) => void;

  constructor(port: MessagePort, onSide: (m: SideMessage) => void = () => {}) {
    super();
    this.port = port;
    this.#onSide = onSide;
    port.on('message', (m: SideMessage) => {
      if (m.b instanceof ArrayBuffer) this.push(Buffer.from(m.b));
      else if (m.end === true) this.push(null);
      else this.#onSide(m);
    });
    port.on('close', () => {
      if (!this.readableEnded) this.push(null);
      this.destroy();
    });
    port.start();
  }

  /** Sets the handler of side messages. */
  set onSide(f: (m: SideMessage) => void) {
    this.#onSide = f;
  }

  /** Posts a side message (with `transfer` moved, not copied). */
  postSide(m: SideMessage): void {
    this.port.postMessage(m);
  }

  override _read(): void {}

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    // one copy into a buffer of its own, which is then moved (a pooled Buffer cannot be)
    const b = new ArrayBuffer(chunk.length);
    new Uint8Array(b).set(chunk);
    this.port.postMessage({ b }, [b]);
    cb();
  }

  override _writev(chunks: { chunk: Buffer }[], cb: (err?: Error | null) => void): void {
    let n = 0;
    for (const c of chunks) n += c.chunk.length;
    const b = new ArrayBuffer(n);
    const u = new Uint8Array(b);
    let off = 0;
    for (const c of chunks) { u.set(c.chunk, off); off += c.chunk.length; }
    this.port.postMessage({ b }, [b]);
    cb();
  }

  override _final(cb: (err?: Error | null) => void): void {
    this.port.postMessage({ end: true });
    cb();
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    this.port.close();
    cb(err);
  }
}
