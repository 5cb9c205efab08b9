// Shadow: a memory object ("shadow storage") backed by SharedArrayBuffers.
// Invariant: zero-filled at creation, size a page multiple. Memory is committed lazily twice
// over: the backing is cut into CHUNK-sized SharedArrayBuffers made on first touch, and the
// host kernel commits a buffer's pages only when written. A typed-array view cannot span
// more than 4 GiB in this Node, and one buffer of 64 GiB fails to allocate: hence chunks.
// Every chunk's bytes are charged to the kernel's MemoryBudget while the shadow holds it.

import { Enovmem, Plan9Error } from '../../lib9/errors.js';
import { PAGE } from '../constants.js';
import { MemoryBudget } from './memory-budget.js';

/**
 * Bytes per backing SharedArrayBuffer: the unit a touch commits. Above glibc's largest
 * mmap threshold (32 MiB), so every full chunk is its own mapping, unmapped when freed.
 */
export const CHUNK = 64 << 20;

const unlimited = new MemoryBudget(Infinity);

/** What a shadow holds: a layer's anonymous memory, a shared (global) segment, or a file's pages. */
export type ShadowKind = 'anon' | 'global' | 'file';

/** One contiguous piece of a shadow's memory: `length` bytes of `buffer` from `offset`. */
export interface ShadowPiece {
  buffer: SharedArrayBuffer;
  offset: number;
  length: number;
}

export class Shadow {
  /** Number of segments (all processes) plus external holders. */
  refs = 0;
  #size: number;
  #version = 0;
  #chunks: (SharedArrayBuffer | undefined)[] = [];
  #committed = 0;
  #freed = false;

  constructor(
    readonly id: number,
    size: number,
    public maxRights: number,
    readonly kind: ShadowKind,
    /** where its chunks are charged */
    readonly budget: MemoryBudget = unlimited,
  ) {
    checkSize(size);
    this.#size = size;
  }

  get size(): number {
    return this.#size;
  }

  /**
   * Grows with every change made through this object (write, zero, resize, copyFrom, and
   * pieces(), whose buffers may be written): equal versions mean equal contents.
   */
  get version(): number {
    return this.#version;
  }

  /** Bytes of backing store allocated so far (chunks made on first touch); metadata only. */
  get committed(): number {
    return this.#committed;
  }

  /** The first chunk a touch would make: what creating this shadow needs room for. */
  get firstChunk(): number {
    return Math.min(CHUNK, this.#size);
  }

  /** Drops every chunk and gives its bytes back to the budget: nothing holds this shadow any more. */
  free(): void {
    this.#freed = true;
    this.#drop(0);
  }

  /** Copies [off, off+dst.length) into dst; pages never written read as zeros. */
  read(off: number, dst: Uint8Array): void {
    this.#check(off, dst.length);
    spans(off, dst.length, (ci, co, n, done) => {
      const chunk = this.#chunks[ci];
      if (chunk === undefined) dst.fill(0, done, done + n);
      else dst.set(new Uint8Array(chunk, co, n), done);
    });
  }

  /**
   * [off, off+len) as views of the shadow's own memory, no copy and nothing committed: a
   * chunk never written is a view of shared zeros. A view shows the memory as it is when read.
   */
  views(off: number, len: number): Uint8Array[] {
    this.#check(off, len);
    const out: Uint8Array[] = [];
    spans(off, len, (ci, co, n) => {
      const chunk = this.#chunks[ci];
      out.push(chunk === undefined ? zeros(n) : new Uint8Array(chunk, co, n));
    });
    return out;
  }

  /** Copies src into [off, off+src.length). */
  write(off: number, src: Uint8Array): void {
    this.#check(off, src.length);
    this.#commit(off, src.length);
    this.#version++;
    spans(off, src.length, (ci, co, n, done) => {
      new Uint8Array(this.#chunk(ci), co, n).set(src.subarray(done, done + n));
    });
  }

  /** Zeroes [off, off+len) without committing chunks that were never touched. */
  zero(off: number, len: number): void {
    this.#check(off, len);
    this.#version++;
    spans(off, len, (ci, co, n) => {
      const chunk = this.#chunks[ci];
      if (chunk !== undefined) new Uint8Array(chunk, co, n).fill(0);
    });
  }

  /**
   * Grows or shrinks to `size`; bytes beyond the old size read as zeros after a grow.
   * A grow past a committed last chunk smaller than CHUNK grows a global shadow's chunk in
   * place (pieces() handed out before still alias it); any other shadow's chunk is replaced by
   * a larger copy, so its earlier pieces() no longer alias the shadow.
   */
  resize(size: number): void {
    checkSize(size);
    this.#version++;
    if (size < this.#size) {
      this.zero(size, this.#size - size);
      this.#drop(Math.ceil(size / CHUNK));
    } else {
      const ci = this.#chunks.length - 1;
      const last = this.#chunks[ci];
      const want = Math.min(CHUNK, size - ci * CHUNK);
      if (last !== undefined && last.byteLength < want && last.growable) {
        // A global shadow's buffers are mapped by other threads: grow in place, same memory.
        const more = want - last.byteLength;
        this.budget.charge(more);
        try {
          last.grow(want);
        } catch {
          this.budget.release(more);
          throw new Plan9Error(Enovmem);
        }
        this.#committed += more;
      } else if (last !== undefined && last.byteLength < want) {
        const bigger = this.#allocate(want, false);
        new Uint8Array(bigger).set(new Uint8Array(last));
        this.#chunks[ci] = bigger;
        this.#committed -= last.byteLength;
        this.budget.release(last.byteLength);
      }
    }
    this.#size = size;
  }

  /**
   * The memory of [off, off+len) as pieces of SharedArrayBuffers, committing chunks as
   * needed: what a zero-copy mapping hands to another thread. Pieces never cross a chunk.
   */
  pieces(off: number, len: number): ShadowPiece[] {
    this.#check(off, len);
    this.#commit(off, len);
    this.#version++;
    const out: ShadowPiece[] = [];
    spans(off, len, (ci, co, n) => {
      out.push({ buffer: this.#chunk(ci), offset: co, length: n });
    });
    return out;
  }

  /** Copies all of `from`'s bytes [fromOff, fromOff+len) to this shadow at `off`, chunk-aware. */
  copyFrom(from: Shadow, fromOff: number, off: number, len: number): void {
    from.#check(fromOff, len);
    this.#check(off, len);
    spans(fromOff, len, (ci, co, n, done) => {
      const chunk = from.#chunks[ci];
      if (chunk === undefined) this.zero(off + done, n);
      else this.write(off + done, new Uint8Array(chunk, co, n));
    });
  }

  #chunk(ci: number): SharedArrayBuffer {
    let chunk = this.#chunks[ci];
    if (chunk === undefined) {
      const bytes = Math.min(CHUNK, this.#size - ci * CHUNK);
      // #g segments (kind 'global') are handed to other threads by pieces() and can be grown
      // by segbrk: their last chunk is growable so those mappings stay the same memory.
      chunk = this.#allocate(bytes, this.kind === 'global' && bytes < CHUNK);
      this.#chunks[ci] = chunk;
    }
    return chunk;
  }

  /** A new buffer of `bytes` charged to the budget; Plan9Error(Enovmem) if it cannot be had. */
  #allocate(bytes: number, growable: boolean): SharedArrayBuffer {
    if (this.#freed) throw new Error(`shadow ${this.id} touched after it was freed`);
    this.budget.charge(bytes);
    try {
      const b = growable ? new SharedArrayBuffer(bytes, { maxByteLength: CHUNK }) : new SharedArrayBuffer(bytes);
      this.#committed += bytes;
      return b;
    } catch {
      this.budget.release(bytes);
      throw new Plan9Error(Enovmem);
    }
  }

  /** Makes every missing chunk of [off, off+len), or none of them (Enovmem). */
  #commit(off: number, len: number): void {
    const made: number[] = [];
    try {
      spans(off, len, (ci) => {
        if (this.#chunks[ci] !== undefined) return;
        this.#chunk(ci);
        made.push(ci);
      });
    } catch (e) {
      for (const ci of made) this.#release(ci);
      throw e;
    }
  }

  /** Drops chunks from index `from` on. */
  #drop(from: number): void {
    for (let ci = from; ci < this.#chunks.length; ci++) this.#release(ci);
    this.#chunks.length = Math.min(this.#chunks.length, from);
  }

  #release(ci: number): void {
    const chunk = this.#chunks[ci];
    if (chunk === undefined) return;
    this.#chunks[ci] = undefined;
    this.#committed -= chunk.byteLength;
    this.budget.release(chunk.byteLength);
  }

  #check(off: number, len: number): void {
    if (!Number.isSafeInteger(off) || !Number.isSafeInteger(len) || off < 0 || len < 0 || off + len > this.#size) {
      throw new RangeError(`shadow ${this.id}: range [${off}, +${len}) outside [0, ${this.#size})`);
    }
  }
}

/** Calls `fn` for each chunk-bounded piece of [off, off+len): chunk index, offset in it, length, bytes before it. */
function spans(off: number, len: number, fn: (ci: number, co: number, n: number, done: number) => void): void {
  let done = 0;
  while (done < len) {
    const pos = off + done;
    const ci = Math.floor(pos / CHUNK);
    const co = pos - ci * CHUNK;
    const n = Math.min(len - done, CHUNK - co);
    fn(ci, co, n, done);
    done += n;
  }
}

/** Zeros never written, shared by every views() of an untouched chunk; grown on demand. */
let zeroBytes = new Uint8Array(0);

function zeros(n: number): Uint8Array {
  if (zeroBytes.length < n) zeroBytes = new Uint8Array(Math.max(n, 1 << 16));
  return zeroBytes.subarray(0, n);
}

function checkSize(size: number): void {
  if (!Number.isSafeInteger(size) || size < 0 || size % PAGE !== 0) {
    throw new RangeError(`shadow size ${size} is not a page multiple`);
  }
}
