// Tags of one connection (intro(5)): every outstanding request has its own, NOTAG is
// Tversion's only. A tag is free again only when release() is called: the client calls it
// when the reply has arrived and, for a flushed request, only after the Rflush (flush(5)).

import { NOTAG } from '../codec/constants.js';

/** Allocates tags 0..0xfffe, lowest freed first; waits when all are in use. */
export class TagPool {
  readonly #free: number[] = [];
  #next = 0;
  readonly #waiting: ((tag: number) => void)[] = [];

  /** Tags handed out and not yet released. */
  get inUse(): number {
    return this.#next - this.#free.length;
  }

  /** A free tag now, or once one is released. */
  acquire(): number | Promise<number> {
    const t = this.#take();
    if (t !== undefined) return t;
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  /** Makes `tag` available again; a waiter gets it first. */
  release(tag: number): void {
    const w = this.#waiting.shift();
    if (w !== undefined) w(tag);
    else this.#free.push(tag);
  }

  #take(): number | undefined {
    const t = this.#free.pop();
    if (t !== undefined) return t;
    if (this.#next < NOTAG) return this.#next++;
    return undefined;
  }
}
