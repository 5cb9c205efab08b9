// One client connection on any duplex byte stream (a net.Socket, or an in-memory pair in
// tests): socket chunks → Framer → Session.receive; Session's replies → cork/write.
// Replies written in one turn of the event loop go out corked and are flushed together on
// the next tick (a header and the views of an Rread's payload become one writev; small
// replies are copied, in order, into one chunk, so the stream handles one write for them). Flow
// control: once more than MAX_QUEUED_BYTES of replies wait to be written the stream is
// paused, so a client that does not read its replies stops being read and costs bounded
// memory; other connections are unaffected. While too many requests are outstanding, or the
// connection has used its turn (round-robin.ts), new frames wait in a bounded backlog (the
// stream pauses when it is full), but a Tflush is served at once — a flushed request still
// in the backlog is dropped unanswered — so requests blocked in a device never keep a
// client's Tflush from being answered.
// A Tgetattr or Tread lying wholly inside a chunk is served where it lies, when nothing holds
// it back (no backlog, not blocked, budget left): the Framer's inPlace hook, then
// getattr-now.ts or read-now.ts.
// A frame whose size is impossible (the byte stream is out of step) closes this connection
// only, after the replies already produced have been sent; an undecodable frame with a
// readable tag gets an error reply.

import type { Duplex } from 'node:stream';
import { CodecError } from '../codec/codec-error.js';
import { Framer } from '../codec/framer.js';
import { MsgType } from '../codec/msg-type.js';
import { TGETATTR_SIZE } from './getattr-now.js';
import { TREAD_SIZE } from './read-now.js';
import { RoundRobin, TURN_FRAMES, type TurnTaker } from './round-robin.js';
import type { FrameReply } from './reply.js';
import { Session, type SessionConfig } from './session.js';

/** Outstanding requests per connection before new ones wait in the backlog. */
export const MAX_PENDING = 64;
/** Bytes of waiting frames per connection before it stops being read. */
export const MAX_BACKLOG_BYTES = 1 << 20;
/** Reply bytes queued on the stream before it stops being read (several large Rreads). */
export const MAX_QUEUED_BYTES = 4 << 20;
/** How long a connection closed for a protocol error waits for its peer to take the last replies. */
export const LINGER_MS = 5000;

const EMPTY = Buffer.alloc(0);
/** Frames served in an epoch after which the connection asks for a new epoch (round-robin.ts). */
const TOUCH_AT = TURN_FRAMES / 2;
/** Replies up to this size are copied into the turn's batch: one stream write for all of them. */
const BATCH_MAX = 512;
/** The batch buffer; a new one is taken when the rest is too short. */
const BATCH_SIZE = 16384;

/** A served connection (NinepServer.accept): 9P on one stream until close() or the stream ends. */
export class Connection implements TurnTaker {
  /** The connection's 9P state. @internal */
  readonly session: Session;
  readonly #stream: Duplex;
  readonly #framer: Framer;
  readonly #rr: RoundRobin;
  #corked = false;
  /** Small replies of this turn not yet handed to the stream: #batch[#batchStart, #batchEnd). */
  #batch = EMPTY;
  #batchStart = 0;
  #batchEnd = 0;
  #drainWait = false;
  #pendingWait = false;
  /** No more requests are taken (closed, or closing after a protocol error). */
  #closed = false;
  #gone = false;
  /** Frames that arrived (in the chunk being split) while the connection was held back. */
  #backlog: Buffer[] = [];
  #backlogHead = 0;
  #backlogBytes = 0;
  #draining = false;
  /** The round-robin turn this connection last served in, and how many frames it served then. */
  #epoch = -1;
  #used = 0;
  readonly #onClose: (c: Connection) => void;

  /** @internal */
  constructor(stream: Duplex, config: SessionConfig, onClose: (c: Connection) => void = () => {}, rr = new RoundRobin()) {
    this.#stream = stream;
    this.#onClose = onClose;
    this.#rr = rr;
    this.session = new Session(config, {
      write: (buf, done) => this.#write(buf, done),
      writeFrame: (r) => this.#writeFrame(r),
    });
    this.session.onPending = (n) => this.#pendingChanged(n);
    this.#framer = new Framer((frame) => this.#frame(frame), {
      maxSize: this.session.msize,
      inPlace: (chunk, at, size) => this.#inPlace(chunk, at, size),
    });
    stream.on('data', (chunk: Buffer) => this.#data(chunk));
    stream.on('error', () => this.close());
    stream.on('close', () => this.close());
    // the client is done sending: answer what it sent, then end our side ('close' follows)
    stream.on('end', () => {
      if (this.#closed) return;
      this.#flushBatch();
      this.#stream.end();
    });
  }

  /** Closes the connection now: outstanding requests are dropped, every fid is clunked. */
  close(): void {
    this.#stop();
    this.#stream.destroy();
    this.#forget();
  }

  /** The server stops counting this connection (it serves nothing more). */
  #forget(): void {
    if (this.#gone) return;
    this.#gone = true;
    this.#onClose(this);
  }

  /** Serves this connection's waiting frames, up to its budget for the turn. */
  takeTurn(): void {
    this.#updateFlow();
  }

  /** Takes no more requests; outstanding ones are dropped, every fid is clunked. */
  #stop(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#rr.forget(this);
    this.session.hangup();
    this.#backlog = [];
    this.#backlogHead = 0;
    this.#backlogBytes = 0;
  }

  /**
   * A protocol error: the replies already written go out first (end() flushes them), what
   * the peer still sends is discarded, and the stream is destroyed when the peer closes
   * or after LINGER_MS.
   */
  #fail(): void {
    if (this.#closed) return;
    this.#stop();
    const s = this.#stream;
    const t = setTimeout(() => this.close(), LINGER_MS);
    t.unref?.();
    s.once('close', () => clearTimeout(t));
    this.#flushBatch();
    s.end();
    s.resume();
    this.#forget();
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
      this.#fail();
    }
  }

  #frame(frame: Buffer): void {
    if (this.#closed) return;
    // one chunk may hold thousands of small requests: hold them while flow control says wait
    if (this.#backlogHead < this.#backlog.length || this.#blocked() || !this.#hasBudget()) {
      if (!this.#drainWait && isTflush(frame)) {
        this.#flushNow(frame);
        return;
      }
      this.#backlog.push(frame);
      this.#backlogBytes += frame.length;
      if (!this.#blocked()) this.#rr.wait(this);
      if (this.#backlogBytes >= MAX_BACKLOG_BYTES) this.#stream.pause();
      return;
    }
    this.#serve(frame);
  }

  /** A Tgetattr or Tread served where it lies in the chunk when nothing holds it back; false sends it to #frame. */
  #inPlace(chunk: Buffer, at: number, size: number): boolean {
    const type = chunk[at + 4];
    const getattr = size === TGETATTR_SIZE && type === MsgType.Tgetattr;
    if (!getattr && (size !== TREAD_SIZE || type !== MsgType.Tread)) return false;
    if (this.#closed || this.#backlogHead < this.#backlog.length || this.#blocked() || !this.#hasBudget()) return false;
    if (!(getattr ? this.session.receiveGetattr(chunk, at) : this.session.receiveRead(chunk, at))) return false;
    if (++this.#used === TOUCH_AT) this.#rr.touch();
    return true;
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

  /** Frames left in this turn of the event loop (round-robin.ts). */
  #hasBudget(): boolean {
    if (this.#epoch !== this.#rr.epoch) {
      this.#epoch = this.#rr.epoch;
      this.#used = 0;
    }
    return this.#used < TURN_FRAMES;
  }

  #serve(frame: Buffer): void {
    // halfway through its budget a connection asks for the next turn to start fresh budgets:
    // light traffic never schedules a turn, and busy traffic is rarely cut short
    if (++this.#used === TOUCH_AT) this.#rr.touch();
    if (!this.session.receive(frame)) {
      this.session.config.trace?.(`-${this.session.config.id}- closing: malformed message`);
      this.#fail();
      return;
    }
    if (this.#framer.maxSize !== this.session.msize) this.#framer.maxSize = this.session.msize;
  }

  #write(buf: Uint8Array, done?: () => void): void {
    if (!this.#open()) {
      done?.();
      return;
    }
    if (done === undefined && buf.length <= BATCH_MAX) {
      this.#room(buf.length);
      this.#batch.set(buf, this.#batchEnd);
      this.#batchEnd += buf.length;
      return;
    }
    // a larger reply keeps its place after the small ones before it
    this.#flushBatch();
    this.#put(buf, done);
  }

  /** A small reply is laid out in the batch itself; the batch keeps it only once it is whole. */
  #writeFrame(r: FrameReply): void {
    const n = r.frameSize;
    if (n > BATCH_MAX) {
      const buf = Buffer.allocUnsafe(n);
      r.writeInto(buf, 0);
      this.#write(buf);
      return;
    }
    if (!this.#open()) return;
    this.#room(n);
    r.writeInto(this.#batch, this.#batchEnd);
    this.#batchEnd += n;
  }

  /** True while replies can be written; corks the stream until the next tick. */
  #open(): boolean {
    const s = this.#stream;
    if (this.#closed || s.destroyed || s.writableEnded) return false;
    if (!this.#corked) {
      this.#corked = true;
      s.cork();
      process.nextTick(() => {
        this.#corked = false;
        this.#flushBatch();
        s.uncork();
      });
    }
    return true;
  }

  /** Makes room for `n` (≤ BATCH_MAX) more bytes in the batch. */
  #room(n: number): void {
    if (this.#batchEnd + n > this.#batch.length) {
      this.#flushBatch();
      this.#batch = Buffer.allocUnsafe(BATCH_SIZE);
      this.#batchStart = this.#batchEnd = 0;
    }
  }

  /** Hands the batched small replies to the stream as one chunk. */
  #flushBatch(): void {
    if (this.#batchEnd === this.#batchStart) return;
    const chunk = this.#batch.subarray(this.#batchStart, this.#batchEnd);
    this.#batchStart = this.#batchEnd;
    const s = this.#stream;
    if (s.destroyed || s.writableEnded) return;
    this.#put(chunk);
  }

  #put(buf: Uint8Array, done?: () => void): void {
    const s = this.#stream;
    const ok = done ? s.write(buf, () => done()) : s.write(buf);
    // past the high-water mark write() says false, and 'drain' follows once all is written
    if (!ok && !this.#drainWait && s.writableLength >= MAX_QUEUED_BYTES) {
      this.#drainWait = true;
      this.#updateFlow();
      s.once('drain', () => {
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
    while (this.#backlogHead < this.#backlog.length && !this.#blocked() && !this.#closed && this.#hasBudget()) {
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
    } else if (!this.#blocked() && !this.#closed) {
      this.#rr.wait(this); // the turn is used up: the others go first
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
