// Reply frames of large reads, reused: a 1 MiB Rread arrives in 64 KiB socket chunks and is
// gathered into one buffer; allocating a fresh one per reply costs page faults on every
// reply and leaves tens of MiB of garbage waiting for a collection. A consumer that is done
// with a reply's data gives it back (Client.recycle) and the next large frame reuses it.

/** Frames smaller than this come from Node's allocator as before. */
const MIN_POOLED = 64 * 1024;
/** Free buffers kept at most (each up to msize). */
const MAX_FREE = 16;

export class FramePool {
  readonly #free: ArrayBuffer[] = [];
  /** Buffers handed out and not yet given back: only those may be recycled, once. */
  readonly #out = new WeakSet<ArrayBuffer>();
  /** Size of a new pooled buffer: the negotiated msize, so any frame fits. */
  capacity = 0;

  /** A buffer of exactly `size` bytes for one frame. */
  alloc(size: number): Buffer {
    if (size < MIN_POOLED) return Buffer.allocUnsafe(size);
    let ab = this.#free.pop();
    while (ab !== undefined && ab.byteLength < size) ab = this.#free.pop();
    ab ??= new ArrayBuffer(Math.max(size, this.capacity));
    this.#out.add(ab);
    return Buffer.from(ab, 0, size);
  }

  /** Takes back the buffer under `data` if it is a pooled frame still out; anything else is ignored. */
  recycle(data: Uint8Array): void {
    const ab = data.buffer;
    if (!(ab instanceof ArrayBuffer) || !this.#out.has(ab)) return;
    this.#out.delete(ab);
    if (this.#free.length < MAX_FREE && ab.byteLength >= this.capacity) this.#free.push(ab);
  }
}
