// One client connection on any duplex byte stream (a net.Socket, or an in-memory pair in
// tests): socket chunks → Framer → Session.receive; Session's replies → cork/write.
// Replies written in one turn of the event loop go out corked and are flushed together on
// the next tick. Flow control: while the stream's write buffer is over its high-water mark,
// or too many requests are outstanding, the stream is paused, so a client that does not read
// its replies stops being read and costs bounded memory; other connections are unaffected.
// A frame whose size is impossible (the byte stream is out of step) closes this connection
// only; an undecodable frame with a readable tag gets an error reply.

import type { Duplex } from 'node:stream';
import { CodecError } from '../codec-error.js';
import { Framer } from '../framer.js';
import { Session, type SessionConfig } from './session.js';

/** Outstanding requests per connection before it stops being read. */
export const MAX_PENDING = 64;

const EMPTY = Buffer.alloc(0);

/** A served connection. */
export class Connection {
  readonly session: Session;
  readonly #stream: Duplex;
  readonly #framer: Framer;
  #corked = false;
  #drainWait = false;
  #pendingWait = false;
  #closed = false;
  /** Frames that arrived (in the chunk being split) while the connection was held back. */
  #backlog: Buffer[] = [];
  #backlogHead = 0;
  #draining = false;
  readonly #onClose: (c: Connection) => void;

  constructor(stream: Duplex, config: SessionConfig, onClose: (c: Connection) => void = () => {}) {
    this.#stream = stream;
    this.#onClose = onClose;
    this.session = new Session(config, { write: (buf, done) => this.#write(buf, done) });
    this.session.onPending = (n) => this.#pendingChanged(n);
    this.#framer = new Framer((frame) => this.#frame(frame), { maxSize: this.session.msize });
    stream.on('data', (chunk: Buffer) => this.#data(chunk));
    stream.on('error', () => this.close());
    stream.on('close', () => this.close());
    // the client is done sending: answer what it sent, then end our side ('close' follows)
    stream.on('end', () => { if (!this.#closed) this.#stream.end(); });
  }

  /** Closes the connection: outstanding requests are dropped, every fid is clunked. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.session.hangup();
    this.#stream.destroy();
    this.#onClose(this);
  }

  #data(chunk: Buffer): void {
    if (this.#closed) return;
    try {
      this.#framer.push(chunk);
    } catch (e) {
      if (e instanceof CodecError) {
        this.session.config.trace?.(`-${this.session.config.id}- closing: ${e.message}`);
      } else {
        this.session.config.log(`segfs: ${this.session.config.id}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      }
      this.close();
    }
  }

  #frame(frame: Buffer): void {
    if (this.#closed) return;
    // one chunk may hold thousands of small requests: hold them while flow control says wait
    if (this.#backlogHead < this.#backlog.length || this.#blocked()) {
      this.#backlog.push(frame);
      return;
    }
    this.#serve(frame);
  }

  #serve(frame: Buffer): void {
    if (!this.session.receive(frame)) {
      this.session.config.trace?.(`-${this.session.config.id}- closing: malformed message`);
      this.close();
      return;
    }
    if (this.#framer.maxSize !== this.session.msize) this.#framer.maxSize = this.session.msize;
  }

  #write(buf: Buffer, done?: () => void): void {
    if (this.#closed || this.#stream.destroyed) {
      done?.();
      return;
    }
    if (!this.#corked) {
      this.#corked = true;
      this.#stream.cork();
      process.nextTick(() => {
        this.#corked = false;
        this.#stream.uncork();
      });
    }
    const ok = done ? this.#stream.write(buf, () => done()) : this.#stream.write(buf);
    if (!ok && !this.#drainWait) {
      this.#drainWait = true;
      this.#updateFlow();
      this.#stream.once('drain', () => {
        this.#drainWait = false;
        this.#updateFlow();
      });
    }
  }

  #pendingChanged(n: number): void {
    const wait = this.#pendingWait ? n > MAX_PENDING / 2 : n >= MAX_PENDING;
    if (wait !== this.#pendingWait) {
      this.#pendingWait = wait;
      this.#updateFlow();
    }
  }

  #blocked(): boolean {
    return this.#drainWait || this.#pendingWait;
  }

  #updateFlow(): void {
    if (this.#closed) return;
    if (this.#blocked()) {
      this.#stream.pause();
      return;
    }
    if (this.#draining) return;
    this.#draining = true;
    while (this.#backlogHead < this.#backlog.length && !this.#blocked() && !this.#closed) {
      const frame = this.#backlog[this.#backlogHead]!;
      this.#backlog[this.#backlogHead++] = EMPTY;
      this.#serve(frame);
    }
    if (this.#backlogHead === this.#backlog.length) {
      this.#backlog = [];
      this.#backlogHead = 0;
    }
    this.#draining = false;
    if (!this.#blocked() && !this.#closed) this.#stream.resume();
  }
}
