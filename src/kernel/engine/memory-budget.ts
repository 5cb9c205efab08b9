// MemoryBudget: one kernel's committed segment memory (the bytes of every shadow chunk made)
// against a limit. A chunk that would pass the limit is refused with Plan 9's `virtual memory
// allocation failed` before it is made; a freed chunk's bytes come back at once, and a full
// collection returns them to the host (collector.ts) soon after, or at once when the freed
// but uncollected bytes plus a new chunk would pass the limit.

import { totalmem } from 'node:os';
import { Enovmem, Plan9Error } from '../../lib9/errors.js';
import { collectGarbage, collections } from './collector.js';

/** Freed bytes that are collected as soon as the current event is done. */
export const COLLECT_AT = 64 << 20;
/** Fewer freed bytes than COLLECT_AT (but at least this many) are collected after IDLE_MS. */
const COLLECT_LATER = 1 << 20;
const IDLE_MS = 1000;

/** How much of a memory budget is in use. */
export interface MemoryUse {
  /** The budget, in bytes. */
  readonly max: number;
  /** Bytes the shadows hold now (chunks made on first touch). */
  readonly committed: number;
}

/**
 * The default memory budget of a kernel.
 * @returns half of the machine's memory (or of the control group's limit, if lower), in bytes
 */
export function defaultMaxMemory(): number {
  const total = totalmem();
  const limit = process.constrainedMemory?.() ?? 0;
  return Math.floor((limit > 0 && limit < total ? limit : total) / 2);
}

export class MemoryBudget {
  #committed = 0;
  /** bytes freed since collection number #gen */
  #uncollected = 0;
  #gen = collections();
  #soon = false;
  #later = false;

  /** @param max most bytes of chunks all shadows may hold together (Infinity: no limit) */
  constructor(readonly max: number = defaultMaxMemory()) {
    if (!(Number.isSafeInteger(max) || max === Infinity) || max < 0) throw new RangeError(`maxMemory must be a byte count, not ${max}`);
  }

  /** Bytes of chunks held now. */
  get committed(): number {
    return this.#committed;
  }

  /** Bytes freed but not yet collected (any collection in the process counts). */
  get uncollected(): number {
    if (this.#gen !== collections()) {
      this.#gen = collections();
      this.#uncollected = 0;
    }
    return this.#uncollected;
  }

  /** Whether `n` more bytes fit now. */
  fits(n: number): boolean {
    return this.#committed + n <= this.max;
  }

  /** Takes `n` bytes for a new chunk, or throws Plan9Error(Enovmem) and takes nothing. */
  charge(n: number): void {
    if (!this.fits(n)) throw new Plan9Error(Enovmem);
    if (this.#committed + this.uncollected + n > this.max) this.collect();
    this.#committed += n;
  }

  /** Gives back the `n` bytes of a chunk no shadow holds any more. */
  release(n: number): void {
    this.#committed -= n;
    this.#uncollected = this.uncollected + n;
    if (this.#uncollected >= COLLECT_AT && !this.#soon) {
      this.#soon = true;
      setImmediate(() => {
        this.#soon = false;
        this.collect();
      }).unref();
    } else if (this.#uncollected >= COLLECT_LATER && !this.#later) {
      this.#later = true;
      setTimeout(() => {
        this.#later = false;
        this.collect();
      }, IDLE_MS).unref();
    }
  }

  /** Runs a full collection if anything freed waits for one. */
  collect(): void {
    if (this.uncollected > 0 && collectGarbage()) this.#uncollected = 0;
  }
}
