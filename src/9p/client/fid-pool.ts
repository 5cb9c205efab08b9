// Fid numbers of one connection. Fid 0 is valid (Linux's first); NOFID never is. A number is
// reused only after its Tclunk or Tremove has been answered (the fid is gone on the server
// even when they fail: clunk(5), remove(5)).

import { NOFID } from '../codec/constants.js';

export class FidPool {
  readonly #free: number[] = [];
  #next = 0;

  /** A fid number not in use on this connection. */
  alloc(): number {
    const f = this.#free.pop();
    if (f !== undefined) return f;
    if (this.#next >= NOFID) throw new RangeError('9P client: out of fids');
    return this.#next++;
  }

  free(fid: number): void {
    this.#free.push(fid);
  }
}
