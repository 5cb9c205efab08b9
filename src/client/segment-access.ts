// How a client process reaches the memory of a segment it attached from a mount: the memory
// itself (SharedArrayBuffers handed over by an in-process or worker server) or the segment's
// data file over 9P (any socket). Offsets are from the segment's base; callers have checked
// that every range lies inside the segment.

import type { ClientFid } from '../9p/client/fid.js';
import { Eio, Plan9Error } from '../lib9/errors.js';
import type { ShadowPiece } from '../kernel/engine/shadow.js';

export interface SegmentAccess {
  /** True when the memory is shared with the server (views and Atomics work). */
  readonly shared: boolean;
  read(off: number, len: number): Promise<Uint8Array>;
  write(off: number, data: Uint8Array): Promise<void>;
  /** Zeroes [off, off+len) for every holder (segfree). */
  zero(off: number, len: number): Promise<void>;
  /** A view of [off, off+len), zero-copy; only when `shared`. */
  view(off: number, len: number): Uint8Array;
  /** Lets the segment go (clunks the data fid). */
  release(): Promise<void>;
}

/** The handed-over memory: pieces of SharedArrayBuffers covering [0, size). */
export class SharedAccess implements SegmentAccess {
  readonly shared = true;

  constructor(readonly pieces: readonly ShadowPiece[], readonly data: ClientFid) {}

  async read(off: number, len: number): Promise<Uint8Array> {
    const out = new Uint8Array(len);
    this.#each(off, len, (u, at) => out.set(u, at));
    return out;
  }

  async write(off: number, data: Uint8Array): Promise<void> {
    this.#each(off, data.length, (u, at) => u.set(data.subarray(at, at + u.length)));
  }

  async zero(off: number, len: number): Promise<void> {
    this.#each(off, len, (u) => u.fill(0));
  }

  view(off: number, len: number): Uint8Array {
    let base = 0;
    for (const p of this.pieces) {
      if (off >= base && off + len <= base + p.length) return new Uint8Array(p.buffer, p.offset + (off - base), len);
      base += p.length;
    }
    throw new RangeError(`no single view of [${off}, +${len}): it crosses a 1 GiB piece of the segment`);
  }

  release(): Promise<void> {
    return this.data.clunk();
  }

  /** Calls f with the view of each piece's part of [off, off+len) and its offset in the range. */
  #each(off: number, len: number, f: (u: Uint8Array, at: number) => void): void {
    let base = 0;
    for (const p of this.pieces) {
      const lo = Math.max(off, base);
      const hi = Math.min(off + len, base + p.length);
      if (lo < hi) f(new Uint8Array(p.buffer, p.offset + (lo - base), hi - lo), lo - off);
      base += p.length;
    }
  }
}

/** The segment's data file, open ORDWR: every access is 9P reads and writes at the offset. */
export class RemoteAccess implements SegmentAccess {
  readonly shared = false;
  static readonly #zeros = new Uint8Array(1 << 16);

  constructor(readonly data: ClientFid) {}

  async read(off: number, len: number): Promise<Uint8Array> {
    const r = await this.data.readAt(off, len);
    if (r.length !== len) throw new Plan9Error(Eio);
    return r;
  }

  async write(off: number, data: Uint8Array): Promise<void> {
    const n = await this.data.writeAt(off, data);
    if (n !== data.length) throw new Plan9Error(Eio);
  }

  async zero(off: number, len: number): Promise<void> {
    const z = RemoteAccess.#zeros;
    const jobs: Promise<void>[] = [];
    for (let at = 0; at < len; at += z.length) jobs.push(this.write(off + at, z.subarray(0, Math.min(z.length, len - at))));
    await Promise.all(jobs);
  }

  view(): Uint8Array {
    throw new RangeError('segment is attached through its data file: no zero-copy view (use read/write)');
  }

  release(): Promise<void> {
    return this.data.clunk();
  }
}
