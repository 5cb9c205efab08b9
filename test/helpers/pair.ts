// An in-memory duplex pair, like two ends of a socketpair: what one end writes the other
// reads, with backpressure (a write's callback waits while the peer's read buffer is full),
// cork/uncork from stream.Duplex, and end/destroy reaching the peer. Tests run the 9P server
// and a client over it without TCP.

import { Duplex } from 'node:stream';

class PairEnd extends Duplex {
  peer!: PairEnd;
  #waiting: (() => void) | undefined;

  override _read(): void {
    const w = this.peer.#waiting;
    if (w !== undefined) {
      this.peer.#waiting = undefined;
      w();
    }
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    if (this.peer.destroyed) { cb(); return; }
    // copy: the writer may reuse its buffer once the callback runs
    if (this.peer.push(Buffer.from(chunk))) cb();
    else this.#waiting = () => cb();
  }

  override _writev(chunks: { chunk: Buffer }[], cb: (err?: Error | null) => void): void {
    this._write(Buffer.concat(chunks.map((c) => c.chunk)), 'binary', cb);
  }

  override _final(cb: (err?: Error | null) => void): void {
    if (!this.peer.destroyed) this.peer.push(null);
    cb();
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    const w = this.#waiting;
    this.#waiting = undefined;
    if (w !== undefined) w();
    if (!this.peer.destroyed && !this.peer.readableEnded) this.peer.push(null);
    cb(err);
  }
}

/** Two connected in-memory streams. */
export function duplexPair(): [Duplex, Duplex] {
  const a = new PairEnd();
  const b = new PairEnd();
  a.peer = b;
  b.peer = a;
  return [a, b];
}
