// One client connection on any duplex byte stream (a net.Socket, or an in-memory pair in
// tests): socket chunks → Framer → Session.receive; Session's replies → cork/write.
// Replies written in one turn of the event loop go out corked and are flushed together on
// the next tick. Flow control: while the stream's write buffer is over its high-water mark
// the stream is paused, so a client that does not read its replies stops being read and
// costs bounded memory; other connections are unaffected. While too many requests are
// outstanding, new frames wait in a bounded backlog (the stream pauses when it is full), but
// a Tflush is served at once — a flushed request still in the backlog is dropped unanswered —
// so requests blocked in a device never keep a client's Tflush from being answered.
// A frame whose size is impossible (the byte stream is out of step) closes this connection
// only; an undecodable frame with a readable tag gets an error reply.

import type { Duplex } from 'node:stream';
import { CodecError } from '../codec/codec-error.js';
import { Framer } from '../codec/framer.js';
import { Session, type SessionConfig } from './session.js';

/** Outstanding requests per connection before new ones wait in the backlog. */
export const MAX_PENDING = 64;
/** Bytes of waiting frames per connection before it stops being read. */
export const MAX_BACKLOG_BYTES = 1 << 20;

const EMPTY = Buffer.alloc(0);

/** A served connection (NinepServer.accept): 9P on one stream until close() or the stream ends. */
export class Connection {
  /** The connection's 9P state. @internal */
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
  #backlogBytes = 0;
  #draining = false;
  readonly #onClose: (c: Connection) => void;

  /** @internal */
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
      if (!this.#drainWait && isTflush(frame)) {
        this.#flushNow(frame);
        return;
      }
      this.#backlog.push(frame);
      this.#backlogBytes += frame.length;
      if (this.#backlogBytes >= MAX_BACKLOG_BYTES) this.#stream.pause();
      return;
    }
    this.#serve(frame);
  }

  /** A Tflush overtaking the backlog: the request it names, if still waiting there, is dropped. */
  #flushNow(frame: Buffer): void {
    const oldtag = frame.readUInt16LE(7);
    for (let i = this.#backlogHead; i < this.#backlog.length; i++) {
      const f = this.#backlog[i]!;
      if (f.length >= 7 && f.readUInt16LE(5) === oldtag) {
        this.#backlogBytes -= f.length;
        this.#backlog[i] = EMPTY;
        break;
      }
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
    if (this.#drainWait) {
      this.#stream.pause();
      return;
    }
    if (this.#draining) return;
    this.#draining = true;
    while (this.#backlogHead < this.#backlog.length && !this.#blocked() && !this.#closed) {
      const frame = this.#backlog[this.#backlogHead]!;
      this.#backlog[this.#backlogHead++] = EMPTY;
      if (frame.length === 0) continue; // dropped by a Tflush
      this.#backlogBytes -= frame.length;
      this.#serve(frame);
    }
    if (this.#backlogHead === this.#backlog.length) {
      this.#backlog = [];
      this.#backlogHead = 0;
      this.#backlogBytes = 0;
    }
    this.#draining = false;
    if (this.#closed) return;
    if (this.#drainWait || this.#backlogBytes >= MAX_BACKLOG_BYTES) this.#stream.pause();
    else this.#stream.resume();
  }
}

/** A frame whose type byte is Tflush (and long enough to carry oldtag). */
function isTflush(frame: Buffer): boolean {
  return frame.length === 9 && frame[4] === 108;
}
