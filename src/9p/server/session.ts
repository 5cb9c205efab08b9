// One 9P connection's state machine, transport-free: frames in (receive), encoded replies out
// (the Outlet). It owns the negotiated dialect and msize, the fid table and the tag table, and
// is the only place a request is answered: respond() removes the tag *before* writing (so a
// fast client may reuse it at once), writes the reply unless the request was cancelled, drops
// the request's fid references, then answers the Tflushes queued on it, in order (flush(5)).
// A Tgetattr or Tread its device answers at once is answered before it is ever pending
// (getattr-now.ts, read-now.ts: receiveGetattr, receiveRead): nothing can flush it meanwhile.
//
// Flush design: a request waiting on a device *read* is cancelled by Tflush: it is dropped
// (no reply, ever) and the Rflush goes out at once, so a blocking read never wedges a client
// that waits for Rflush uninterruptibly. Any other request runs to completion; its reply goes
// out first and the Rflush right after (lib9p). An unknown, finished or self-referencing
// oldtag gets its Rflush immediately. Never Rerror.

import type { Dev } from '../../dev/dev.js';
import { Eduptag, Einval, Eio, Enosys, Enotversion, Eshort, Eshortstat, Plan9Error } from '../../lib9/errors.js';
import { decode, encode } from '../codec/codec.js';
import { CodecError } from '../codec/codec-error.js';
import { parseVersion, VERSION_UNKNOWN, type Dialect } from '../codec/dialect.js';
import { formatFcall } from '../codec/fcall-format.js';
import { isReply, MsgType } from '../codec/msg-type.js';
import type { Fcall, Tversion } from '../codec/types.js';
import { IOHDRSZ } from '../codec/constants.js';
import { FidTable, putFid, type Fid } from './fid.js';
import { RgetattrReply } from './getattr-reply.js';
import { fastGetattrFid, isTgetattr } from './getattr-now.js';
import { frameTag } from './frame-fields.js';
import { fastReadFid, isTread, treadCount, treadOffset } from './read-now.js';
import { dispatch } from './dispatch.js';
import { FrameReply, LATER, viewPayloadReply, type RawReply, type Reply } from './reply.js';
import { Req } from './req.js';
import type { SessionConfig, SessionState } from './session-state.js';
import { describe, errorReply } from './wire-error.js';

/** Replies up to this size are not worth a pooled msize buffer. */
const SMALL_REPLY = 4096;

/** The smallest msize a client may negotiate (9front lib9p's floor; an Rerror still fits). */
export const MIN_CLIENT_MSIZE = 256;

export type { SessionConfig } from './session-state.js';

/** Where a session's replies go. */
export interface Outlet {
  /** Writes one whole message; `done` runs once `buf` may be reused. */
  write(buf: Uint8Array, done?: () => void): void;
  /** Writes `r` (frameSize bytes, at most msize) straight into the outgoing buffer; throws, having written nothing, if it cannot be laid out. */
  writeFrame(r: FrameReply): void;
}

/** The per-connection 9P state: dialect, msize, fids, tags. */
export class Session implements SessionState {
  dialect: Dialect = '9P2000';
  /** Negotiated msize; before Tversion, the server's maximum. */
  msize: number;
  versioned = false;
  readonly fids: FidTable;
  readonly reqs = new Map<number, Req>();
  readonly config: SessionConfig;
  readonly #out: Outlet;
  readonly #pool: Buffer[] = [];
  #closed = false;
  /** Called when the number of outstanding requests changes (the transport's flow control). */
  onPending: ((n: number) => void) | undefined;

  constructor(config: SessionConfig, out: Outlet) {
    this.config = config;
    this.msize = config.msize;
    this.fids = new FidTable(config.maxFids);
    this.#out = out;
  }

  get dev(): Dev {
    return this.config.dev;
  }

  get iounit(): number {
    return this.msize - IOHDRSZ;
  }

  /** Requests received and not yet answered. */
  get pending(): number {
    return this.reqs.size;
  }

  /**
   * Handles one frame (size[4] included). Returns false when the frame is so malformed that
   * the connection must be closed (longer than msize, no tag to answer to, or an R-message
   * from the client).
   */
  receive(frame: Uint8Array): boolean {
    // a frame above the negotiated msize breaks the contract of version(5)
    if (this.#closed || frame.length > this.msize) return false;
    if (isTgetattr(frame) && this.receiveGetattr(frame, 0)) return true;
    if (isTread(frame) && this.receiveRead(frame, 0)) return true;
    let f: Fcall;
    try {
      f = decode(frame, this.dialect);
    } catch (e) {
      if (!(e instanceof CodecError)) throw e;
      return this.#undecodable(frame, e);
    }
    if (this.config.trace) this.config.trace(`<-${this.config.id}- ${formatFcall(f)}`);
    if (isReply(f.type)) return false;
    if (f.type === MsgType.Tversion) {
      this.#version(f);
      return true;
    }
    if (this.reqs.has(f.tag)) {
      // a client bug; answered like lib9p, through the normal path but without the tag table
      const dup = new Req(f.tag, f.type);
      this.#send(dup, errorReply(f.tag, new Plan9Error(Eduptag), this.dialect));
      return true;
    }
    const req = new Req(f.tag, f.type);
    this.reqs.set(f.tag, req);
    this.onPending?.(this.reqs.size);
    if (!this.versioned) {
      this.respond(req, new Plan9Error(Enotversion));
      return true;
    }
    let r: Reply | typeof LATER | Promise<Reply | typeof LATER>;
    try {
      r = dispatch(this, req, f);
    } catch (e) {
      this.respond(req, e);
      return true;
    }
    if (r instanceof Promise) r.then((v) => { if (v !== LATER) this.respond(req, v); }, (e: unknown) => this.respond(req, e));
    else if (r !== LATER) this.respond(req, r);
    return true;
  }

  /**
   * Answers `req` with `r` (a message, a raw pooled frame, DROP, or a thrown error), then the
   * Tflushes queued on it. A request already answered or cancelled is ignored.
   */
  respond(req: Req, r: Reply | unknown): void {
    // the handler is done with its fids once it hands back a result (DROP comes from a
    // cancellation while the device may still be using them)
    if (r !== DROP) {
      const held = req.takeFids();
      for (let i = 0; i < held.length; i++) putFid(held[i]!);
    }
    if (req.responded) {
      if (isRaw(r)) this.#release(r);
      return;
    }
    req.responded = true;
    // remove the tag before the write: the client may reuse it as soon as it sees the reply
    if (this.reqs.get(req.tag) === req) this.reqs.delete(req.tag);
    if (!req.cancelled && r !== DROP) {
      if (r instanceof FrameReply) this.#sendFrame(req, r);
      else if (isRaw(r)) this.#sendRaw(r);
      else if (isFcall(r)) this.#send(req, r);
      else this.#send(req, this.#errorFor(req, r));
    } else if (isRaw(r)) {
      this.#release(r);
    }
    const flushes = req.takeFlushes();
    for (let i = 0; i < flushes.length; i++) this.respond(flushes[i]!, { type: MsgType.Rflush, tag: flushes[i]!.tag });
    this.onPending?.(this.reqs.size);
  }

  /**
   * The Tgetattr frame at frame[at, at + 19) (size[4] already checked) served by getattr-now.ts's
   * fast path; false, having done nothing, when it must go through receive() instead.
   */
  receiveGetattr(frame: Uint8Array, at: number): boolean {
    if (this.#closed || !this.versioned) return false;
    const tag = frameTag(frame, at);
    if (this.reqs.has(tag)) return false;
    const fid = fastGetattrFid(this, frame, at);
    if (fid === undefined) return false;
    this.#getattrNow(tag, fid);
    return true;
  }

  /**
   * Tgetattr on `fid` (not ref'd) by getattr-now.ts's fast path: a synchronous stat is answered
   * at once without a Req or a tag-table entry; a Promise makes it an ordinary pending request.
   */
  #getattrNow(tag: number, fid: Fid): void {
    let r: RgetattrReply;
    try {
      const d = this.dev.stat(fid.chan);
      if (d instanceof Promise) {
        const req = this.#pending(tag, MsgType.Tgetattr, fid);
        d.then((v) => this.respond(req, new RgetattrReply(tag, v, this.config.users, this.msize)), (e: unknown) => this.respond(req, e));
        return;
      }
      r = new RgetattrReply(tag, d, this.config.users, this.msize);
    } catch (e) {
      this.#refuse(tag, MsgType.Tgetattr, e);
      return;
    }
    // RGETATTR_SIZE is below MIN_CLIENT_MSIZE: the reply always fits the negotiated msize
    try {
      this.#out.writeFrame(r);
    } catch (e) {
      this.#refuse(tag, MsgType.Tgetattr, e);
    }
  }

  /**
   * The Tread frame at frame[at, at + 23) (size[4] already checked) served by read-now.ts's
   * fast path; false, having done nothing, when it must go through receive() instead.
   */
  receiveRead(frame: Uint8Array, at: number): boolean {
    if (this.#closed || !this.versioned) return false;
    const tag = frameTag(frame, at);
    if (this.reqs.has(tag)) return false;
    const offset = treadOffset(frame, at);
    if (offset < 0) return false;
    const fid = fastReadFid(this, frame, at);
    if (fid === undefined) return false;
    const count = Math.min(treadCount(frame, at), this.iounit);
    let views: ReturnType<NonNullable<Dev['readViews']>>;
    try {
      views = this.dev.readViews!(fid.chan, offset, count);
    } catch (e) {
      this.#refuse(tag, MsgType.Tread, e);
      return true;
    }
    // undefined: the file does not lend its memory, and readViews did nothing (Dev.readViews)
    if (views === undefined) return false;
    if (views instanceof Promise) {
      // a read that waits is an ordinary pending request: Tflush may cancel it (flush())
      const req = this.#pending(tag, MsgType.Tread, fid);
      req.cancellable = true;
      views.then((v) => {
        req.cancellable = false;
        this.respond(req, viewPayloadReply(MsgType.Rread, tag, v, count));
      }, (e: unknown) => this.respond(req, e));
      return true;
    }
    this.#sendRaw(viewPayloadReply(MsgType.Rread, tag, views, count));
    return true;
  }

  /** A fast-path request whose device answers later: an ordinary pending request, holding `fid` (not yet ref'd) until answered. */
  #pending(tag: number, type: MsgType, fid: Fid): Req {
    const req = new Req(tag, type);
    this.reqs.set(tag, req);
    this.onPending?.(this.reqs.size);
    fid.ref++;
    req.hold(fid);
    return req;
  }

  /** The error reply to a fast-path request that never became pending. */
  #refuse(tag: number, type: MsgType, e: unknown): void {
    const req = new Req(tag, type);
    this.#send(req, this.#errorFor(req, e));
  }

  /** Tflush: see the file comment. */
  flush(req: Req, oldtag: number): Reply | typeof LATER {
    const old = this.reqs.get(oldtag);
    if (old === undefined || old === req) return { type: MsgType.Rflush, tag: req.tag };
    old.queueFlush(req);
    if (old.cancellable) {
      old.cancelled = true;
      this.respond(old, DROP);
    }
    return LATER;
  }

  /**
   * A buffer for a reply frame of up to `size` bytes (≤ msize): small ones come from Node's
   * shared slab, large ones from this connection's pool of msize buffers, to which a
   * RawReply returns them once written.
   */
  takeBuffer(size: number): Buffer {
    if (size <= SMALL_REPLY) return Buffer.allocUnsafe(size);
    return this.#pool.pop() ?? Buffer.allocUnsafe(this.msize);
  }

  /** The connection is gone: cancel everything, clunk every fid. */
  hangup(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#reset();
  }

  #version(f: Tversion): void {
    // version(5): a successful Tversion aborts all outstanding I/O and clunks all fids
    const req = new Req(f.tag, f.type);
    if (f.msize < MIN_CLIENT_MSIZE) {
      this.#send(req, errorReply(f.tag, new Plan9Error(Einval), this.dialect));
      return;
    }
    const dialect = parseVersion(f.version);
    this.#reset();
    this.#pool.length = 0;
    if (dialect === undefined) {
      this.versioned = false;
      this.dialect = '9P2000';
      this.msize = this.config.msize;
      this.#send(req, { type: MsgType.Rversion, tag: f.tag, msize: Math.min(f.msize, this.config.msize), version: VERSION_UNKNOWN });
      return;
    }
    this.versioned = true;
    this.dialect = dialect;
    this.msize = Math.min(f.msize, this.config.msize);
    this.#send(req, { type: MsgType.Rversion, tag: f.tag, msize: this.msize, version: dialect });
  }

  /** Drops every outstanding request unanswered (each lets go of its fids when its handler ends). */
  #reset(): void {
    const all = [...this.reqs.values()];
    this.reqs.clear();
    for (const r of all) {
      r.cancelled = true;
      r.responded = true;
      for (const fl of r.flushes) { fl.cancelled = true; fl.responded = true; }
    }
    this.fids.clear();
    this.onPending?.(0);
  }

  #undecodable(frame: Uint8Array, e: CodecError): boolean {
    if (this.config.trace) this.config.trace(`<-${this.config.id}- bad frame: ${e.message}`);
    if (e.tag === undefined || e.msgType === undefined || isReply(e.msgType) || this.reqs.has(e.tag)) return false;
    if (frame.length < 7) return false;
    const req = new Req(e.tag, e.msgType);
    const err = e.code === 'E9P_UNKNOWN_TYPE' ? new Plan9Error(Enosys) : new Plan9Error(Einval);
    this.#send(req, errorReply(e.tag, err, this.dialect));
    return true;
  }

  #errorFor(req: Req, e: unknown): Fcall {
    const d = describe(e);
    if (d.internal) this.config.log(`segfs: ${this.config.id}: internal error in ${MsgType[req.type] ?? req.type}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    return errorReply(req.tag, e, this.dialect);
  }

  /**
   * Encodes and writes `f`. A reply never exceeds msize (version(5)): one that would, or that
   * cannot be encoded at all, becomes an error for its request alone.
   */
  #send(req: Req, f: Fcall): void {
    let buf: Buffer;
    try {
      buf = encode(f, this.dialect);
    } catch (e) {
      // a device returned something the wire cannot carry (a name of more than 65535 bytes…)
      this.config.log(`segfs: ${this.config.id}: cannot encode ${MsgType[f.type]}: ${e instanceof Error ? e.message : String(e)}`);
      f = errorReply(req.tag, new Plan9Error(Eio), this.dialect);
      buf = encode(f, this.dialect);
    }
    if (buf.length > this.msize) {
      if (this.config.trace) this.config.trace(`-${this.config.id}- ${MsgType[f.type]} of ${buf.length} bytes exceeds msize ${this.msize}`);
      f = errorReply(req.tag, new Plan9Error(f.type === MsgType.Rstat ? Eshortstat : Eshort), this.dialect);
      buf = encode(f, this.dialect);
    }
    if (this.config.trace) this.config.trace(`-${this.config.id}-> ${formatFcall(f)}`);
    this.#out.write(buf);
  }

  /** A reply that cannot be laid out becomes an error for its request alone (as in #send). */
  #sendFrame(req: Req, r: FrameReply): void {
    if (this.config.trace) {
      const b = Buffer.alloc(r.frameSize);
      try {
        r.writeInto(b, 0);
        this.config.trace(`-${this.config.id}-> ${formatFcall(decode(b, this.dialect))}`);
      } catch { /* the error reply below is traced */ }
    }
    if (r.frameSize > this.msize) {
      this.#send(req, errorReply(req.tag, new Plan9Error(Eshort), this.dialect));
      return;
    }
    try {
      this.#out.writeFrame(r);
    } catch (e) {
      this.#send(req, this.#errorFor(req, e));
    }
  }

  #sendRaw(r: RawReply): void {
    const frame = r.buf.subarray(0, r.length);
    const views = r.views;
    if (this.config.trace) {
      const whole = views === undefined ? frame : Buffer.concat([frame, ...views]);
      this.config.trace(`-${this.config.id}-> ${formatFcall(decode(whole, this.dialect))}`);
    }
    if (views === undefined) {
      this.#out.write(frame, () => this.#release(r));
      return;
    }
    // header, then the payload's views: the connection corks them into one writev
    this.#out.write(frame);
    for (const v of views) this.#out.write(v);
  }

  #release(r: RawReply): void {
    if (r.buf.length === this.msize && this.#pool.length < 4) this.#pool.push(r.buf);
  }
}

/** respond() without a reply: the request was cancelled. */
const DROP: unique symbol = Symbol('dropped');

function isRaw(r: unknown): r is RawReply {
  return typeof r === 'object' && r !== null && 'raw' in r;
}

function isFcall(r: unknown): r is Fcall {
  return typeof r === 'object' && r !== null && 'type' in r && typeof (r as { type: unknown }).type === 'number' && 'tag' in r;
}
