// Splits a byte stream (socket chunks of any size) into whole 9P frames.
//
// Copy rule: a frame lying wholly inside one chunk is handed out as a view of that chunk
// (no copy). A frame spanning chunks is copied exactly once, into a buffer of exactly its
// size allocated when its size[4] is known; later chunks are copied straight into it. So a
// 1 MiB frame arriving in 64 KiB chunks costs one allocation and one pass over its bytes,
// never the quadratic re-concatenation of a growing pending buffer.
//
// size[4] is checked (>= 7, <= maxSize) as soon as its four bytes are in, before any of the
// body is buffered. After an error the stream is out of step and the framer refuses all
// further input (the connection must be closed).

import { MIN_MSG_SIZE } from './constants.js';
import { CodecError } from './codec-error.js';

/**
 * Called with each whole frame, size[4] included. The buffer is the caller's to keep (it may
 * be a view of the pushed chunk). A handler should not throw: an exception propagates out of
 * push() and the rest of that chunk is lost.
 */
export type FrameHandler = (frame: Buffer) => void;

/** Options of `new Framer()`. */
export interface FramerOptions {
  /**
   * Largest frame accepted, in bytes (size[4] included). Set it to the negotiated msize once
   * Tversion is done. Default 8192, enough for any Tversion/Rversion.
   */
  maxSize?: number;
  /** Gives the buffer for a frame that spans chunks (exactly `size` bytes). Default Buffer.allocUnsafe. */
  alloc?: (size: number) => Buffer;
  /**
   * Offered each frame lying wholly inside a chunk, at chunk[at, at + size), before a view of
   * it is made: returning true means it was consumed there (the handler does not see it; the
   * bytes must not be kept), false hands it to the handler as usual. A server's hot request
   * is then served without allocating a view. Default: none.
   */
  inPlace?: (chunk: Buffer, at: number, size: number) => boolean;
}

/** Default frame limit before version negotiation. */
export const DEFAULT_MAX_FRAME = 8192;

/**
 * An incremental 9P frame splitter: push() socket chunks of any size, get whole frames.
 *
 * @example
 * ```ts
 * import { Framer, encode, decode, MsgType } from 'segfs/9p';
 * const framer = new Framer((frame) => console.log(decode(frame, '9P2000').type)); // 120 (Tclunk)
 * const bytes = encode({ type: MsgType.Tclunk, tag: 1, fid: 0 }, '9P2000');
 * framer.push(bytes.subarray(0, 3)); // nothing yet
 * framer.push(bytes.subarray(3));    // the handler runs
 * ```
 */
export class Framer {
  #onFrame: FrameHandler;
  #maxSize: number;
  /** The frame being assembled across chunks, exactly its size; null between frames. */
  #pending: Buffer | null = null;
  #filled = 0;
  /** Bytes of a size[4] split across chunks. */
  #head = Buffer.alloc(4);
  #headFilled = 0;
  #failed: CodecError | null = null;
  readonly #alloc: (size: number) => Buffer;
  readonly #inPlace: ((chunk: Buffer, at: number, size: number) => boolean) | undefined;

  /**
   * @param onFrame - called with each whole frame, in order
   * @param options - the largest frame accepted (default 8192)
   * @throws RangeError for a maxSize outside [7, 2^32-1]
   */
  constructor(onFrame: FrameHandler, options: FramerOptions = {}) {
    this.#onFrame = onFrame;
    this.#alloc = options.alloc ?? Buffer.allocUnsafe;
    this.#inPlace = options.inPlace;
    this.#maxSize = DEFAULT_MAX_FRAME;
    this.maxSize = options.maxSize ?? DEFAULT_MAX_FRAME;
  }

  /** The largest frame accepted; applies to every frame whose size[4] is read from now on. */
  get maxSize(): number {
    return this.#maxSize;
  }

  /**
   * Sets the largest frame accepted (the negotiated msize, once Tversion is done).
   * @param n - bytes, size[4] included
   * @throws RangeError for a value outside [7, 2^32-1]
   */
  set maxSize(n: number) {
    if (!Number.isInteger(n) || n < MIN_MSG_SIZE || n > 0xffffffff) {
      throw new RangeError(`Framer.maxSize must be an integer in [7, 2^32-1], got ${n}`);
    }
    this.#maxSize = n;
  }

  /** Bytes received but not yet handed out as a frame. */
  get buffered(): number {
    return this.#pending ? this.#filled : this.#headFilled;
  }

  /**
   * Feeds one chunk; calls the handler for every frame it completes, in order. Throws
   * CodecError 'E9P_MSG_TOO_SMALL' or 'E9P_MSG_TOO_LARGE' on a bad size[4] (frames completed
   * before it in the same chunk have been handed out already), and the same error again on
   * any later push.
   * @param chunk - the next bytes of the stream
   * @throws CodecError code 'E9P_MSG_TOO_SMALL' or 'E9P_MSG_TOO_LARGE'; what the handler throws
   */
  push(chunk: Uint8Array): void {
    if (this.#failed) throw this.#failed;
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const len = buf.length;
    let off = 0;
    while (off < len) {
      const pending = this.#pending;
      if (pending) {
        const n = Math.min(pending.length - this.#filled, len - off);
        buf.copy(pending, this.#filled, off, off + n);
        this.#filled += n;
        off += n;
        if (this.#filled === pending.length) {
          this.#pending = null;
          this.#filled = 0;
          this.#onFrame(pending);
        }
        continue;
      }
      if (this.#headFilled > 0 || len - off < 4) {
        // size[4] itself is split across chunks: gather it in #head.
        const n = Math.min(4 - this.#headFilled, len - off);
        buf.copy(this.#head, this.#headFilled, off, off + n);
        this.#headFilled += n;
        off += n;
        if (this.#headFilled < 4) return;
        this.#headFilled = 0;
        const size = this.#check(this.#head.readUInt32LE(0));
        const frame = this.#alloc(size);
        this.#head.copy(frame, 0);
        this.#pending = frame;
        this.#filled = 4;
        continue;
      }
      const size = this.#check(buf.readUInt32LE(off));
      if (len - off >= size) {
        const at = off;
        off += size;
        if (this.#inPlace === undefined || !this.#inPlace(buf, at, size)) this.#onFrame(buf.subarray(at, off));
      } else {
        const frame = this.#alloc(size);
        buf.copy(frame, 0, off, len);
        this.#pending = frame;
        this.#filled = len - off;
        off = len;
      }
    }
  }

  /** Drops any partial frame and clears a failure: the next byte starts a new frame. */
  reset(): void {
    this.#pending = null;
    this.#filled = 0;
    this.#headFilled = 0;
    this.#failed = null;
  }

  #check(size: number): number {
    if (size < MIN_MSG_SIZE) {
      this.#failed = new CodecError('E9P_MSG_TOO_SMALL', `message too small: size ${size} is below the 7-byte header`);
      throw this.#failed;
    }
    if (size > this.#maxSize) {
      this.#failed = new CodecError('E9P_MSG_TOO_LARGE', `message too large: size ${size} exceeds the maximum ${this.#maxSize}`);
      throw this.#failed;
    }
    return size;
  }
}
