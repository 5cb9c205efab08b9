// A Plan 9 process's own state (9front Proc's seg[] and notes), kept beside the core process.

import { ESEG, NSEG } from './constants.js';
import type { Seg } from './segment.js';

export class Proc9 {
  /** seg[SSEG..NSEG-1]: slot i holds the segment or nothing. */
  readonly seg: (Seg | undefined)[] = new Array<Seg | undefined>(NSEG).fill(undefined);
  /** Notes posted to the process, oldest first (faults: `sys: trap: fault write addr=0x…`). */
  readonly notes: string[] = [];

  constructor(
    readonly pid: number,
    /** The user the process runs as (permission checks on #g segments). */
    public user: string,
    /** The program the process runs: processes running the same one share its text. */
    public image: string,
  ) {}

  /** The first slot, in index order, whose segment overlaps [va, va+len) (9front isoverlap). */
  isoverlap(va: number, len: number): Seg | undefined {
    const newtop = va + len;
    for (const s of this.seg) if (s !== undefined && newtop > s.base && va < s.top) return s;
    return undefined;
  }

  /**
   * The slot segattach may use: the first free one after ESEG (exec's). The stack, text, data
   * and bss slots are the image's and never handed out, not even in a process made by
   * spawn(), which has none of them. -1 if all are taken.
   */
  freeSlot(): number {
    for (let i = ESEG + 1; i < NSEG; i++) if (this.seg[i] === undefined) return i;
    return -1;
  }

  /** The first slot index holding a segment with base <= addr < top, or -1. */
  slotOf(addr: number): number {
    return this.seg.findIndex((s) => s !== undefined && addr >= s.base && addr < s.top);
  }
}
