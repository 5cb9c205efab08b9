// Splits the server's byte stream into replies, like the codec's Framer, with one difference
// that makes large reads cheap: an Rread whose request named a destination (readInto) never
// becomes a frame. Once its header (size[4] type[1] tag[2] count[4]) is in, its payload goes
// straight into the destination as it arrives, and nextBuffer() lets the socket read the rest
// of the payload right there (no copy at all).
//
// Copy rule for every other reply: a frame lying wholly inside a chunk the reader may keep is a
// view of it; inside a transient chunk (valid only during push) it is copied; a frame spanning
// chunks is gathered once into a buffer of its exact size (the socket reading its large rest
// straight into that buffer).

import { CodecError } from '../codec/codec-error.js';
import { MIN_MSG_SIZE } from '../codec/constants.js';
import { MsgType } from '../codec/msg-type.js';

/** size[4] type[1] tag[2] count[4]: the header of an Rread. */
const RREAD_HEADER = 11;
/** The socket reads into a destination only for at least this many bytes still to come. */
const DIRECT_MIN = 16 * 1024;

/** What the reader asks and tells its client. */
export interface ReplyHandler {
  /**
   * The memory for the payload of an Rread to `tag` carrying `count` bytes, or undefined to
   * take that Rread as a frame.
   * @throws when the request cannot take `count` bytes (the stream is then out of step)
   */
  destination(tag: number, count: number): Uint8Array | undefined;
  /** All `count` bytes of the Rread to `tag` are in its destination. */
  readDone(tag: number, count: number): void;
  /** A whole reply other than a destination's Rread, size[4] included; the handler's to keep. */
  frame(frame: Buffer): void;
}

/** A 9P reply splitter that routes Rread payloads into their destinations. */
export class ReplyReader {
  readonly #h: ReplyHandler;
  readonly #alloc: (size: number) => Buffer;
  #maxSize: number;
  /** The reply header gathered so far (up to 11 bytes). */
  readonly #head = Buffer.alloc(RREAD_HEADER);
  #headFilled = 0;
  /** size[4] of the reply whose header is being gathered. */
  #size = 0;
  /** A frame being gathered across chunks, exactly its size. */
  #frame: Buffer | null = null;
  #filled = 0;
  /** An Rread payload going into its destination. */
  #dest: Uint8Array | null = null;
  #destTag = 0;
  #destAt = 0;
  #destCount = 0;
  #failed: Error | null = null;

  /**
   * @param handler - where replies and payloads go
   * @param maxSize - the largest frame accepted (the msize once negotiated)
   * @param alloc - gives the buffer of a frame that is copied (exactly `size` bytes)
   */
  constructor(handler: ReplyHandler, maxSize: number, alloc: (size: number) => Buffer = Buffer.allocUnsafe) {
    this.#h = handler;
    this.#maxSize = maxSize;
    this.#alloc = alloc;
  }

  /** The largest frame accepted, for every size[4] read from now on. */
  set maxSize(n: number) {
    this.#maxSize = n;
  }

  /**
   * Where the socket should read next: the rest of a large payload or frame in place, or
   * undefined for the socket's own buffer.
   * @returns a view of the memory still to fill, or undefined
   */
  nextBuffer(): Uint8Array | undefined {
    if (this.#failed) return undefined;
    if (this.#dest !== null && this.#destCount - this.#destAt >= DIRECT_MIN) {
      return this.#dest.subarray(this.#destAt, this.#destCount);
    }
    const f = this.#frame;
    if (f !== null && f.length - this.#filled >= DIRECT_MIN) return f.subarray(this.#filled);
    return undefined;
  }

  /**
   * Feeds the next bytes; hands out every reply they complete, in order. After a bad size[4]
   * or a refused destination the stream is out of step: that error is thrown again on any
   * later push.
   * @param chunk - the next bytes of the stream
   * @param transient - the chunk is valid only during this call (frames inside it are copied)
   * @throws CodecError 'E9P_MSG_TOO_SMALL' or 'E9P_MSG_TOO_LARGE'; what the handler throws
   */
  push(chunk: Uint8Array, transient: boolean): void {
    if (this.#failed) throw this.#failed;
    try {
      this.#push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength), transient);
    } catch (e) {
      this.#failed = e as Error;
      throw e;
    }
  }

  #push(buf: Buffer, transient: boolean): void {
    const len = buf.length;
    let off = 0;
    while (off < len) {
      const dest = this.#dest;
      if (dest !== null) {
        const n = Math.min(this.#destCount - this.#destAt, len - off);
        // the socket may have read it in place already (nextBuffer)
        if (buf.buffer !== dest.buffer || buf.byteOffset + off !== dest.byteOffset + this.#destAt) {
          dest.set(buf.subarray(off, off + n), this.#destAt);
        }
        this.#destAt += n;
        off += n;
        if (this.#destAt === this.#destCount) this.#endPayload();
        continue;
      }
      const frame = this.#frame;
      if (frame !== null) {
        const n = Math.min(frame.length - this.#filled, len - off);
        if (buf.buffer !== frame.buffer || buf.byteOffset + off !== frame.byteOffset + this.#filled) {
          buf.copy(frame, this.#filled, off, off + n);
        }
        this.#filled += n;
        off += n;
        if (this.#filled === frame.length) {
          this.#frame = null;
          this.#h.frame(frame);
        }
        continue;
      }
      if (this.#headFilled === 0 && len - off >= 4) {
        const size = this.#check(buf.readUInt32LE(off));
        if (len - off >= Math.min(size, RREAD_HEADER)) {
          // the header is in this chunk: no gathering
          off += this.#begin(buf, off, size, len - off, transient);
          continue;
        }
      }
      // gather the header: size[4] first, then as much of the 11 bytes as the frame has
      if (this.#headFilled < 4) {
        const n = Math.min(4 - this.#headFilled, len - off);
        buf.copy(this.#head, this.#headFilled, off, off + n);
        this.#headFilled += n;
        off += n;
        if (this.#headFilled < 4) continue;
        this.#size = this.#check(this.#head.readUInt32LE(0));
      }
      const need = Math.min(this.#size, RREAD_HEADER);
      const n = Math.min(need - this.#headFilled, len - off);
      buf.copy(this.#head, this.#headFilled, off, off + n);
      this.#headFilled += n;
      off += n;
      if (this.#headFilled < need) continue;
      this.#headFilled = 0;
      this.#begin(this.#head, 0, this.#size, need, true);
    }
  }

  /**
   * Starts the reply of `size` bytes whose first `have` bytes (at least its header) are at
   * src[at…]. Returns how many of them it consumed.
   */
  #begin(src: Buffer, at: number, size: number, have: number, transient: boolean): number {
    if (size >= RREAD_HEADER && src[at + 4] === MsgType.Rread) {
      const count = src.readUInt32LE(at + 7);
      const tag = src.readUInt16LE(at + 5);
      // a count that disagrees with size[4] is left to the decoder to refuse
      const dest = count === size - RREAD_HEADER ? this.#h.destination(tag, count) : undefined;
      if (dest !== undefined) {
        this.#dest = dest;
        this.#destTag = tag;
        this.#destAt = 0;
        this.#destCount = count;
        if (count === 0) this.#endPayload();
        return RREAD_HEADER;
      }
    }
    if (have >= size) {
      const view = src.subarray(at, at + size);
      if (!transient) this.#h.frame(view);
      else {
        const copy = this.#alloc(size);
        view.copy(copy);
        this.#h.frame(copy);
      }
      return size;
    }
    const frame = this.#alloc(size);
    src.copy(frame, 0, at, at + have);
    this.#frame = frame;
    this.#filled = have;
    return have;
  }

  #endPayload(): void {
    const tag = this.#destTag;
    const count = this.#destCount;
    this.#dest = null;
    this.#destAt = 0;
    this.#destCount = 0;
    this.#h.readDone(tag, count);
  }

  #check(size: number): number {
    if (size < MIN_MSG_SIZE) throw new CodecError('E9P_MSG_TOO_SMALL', `message too small: size ${size} is below the 7-byte header`);
    if (size > this.#maxSize) throw new CodecError('E9P_MSG_TOO_LARGE', `message too large: size ${size} exceeds the maximum ${this.#maxSize}`);
    return size;
  }
}
