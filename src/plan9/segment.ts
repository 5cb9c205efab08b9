// A Plan 9 segment (9front's Segment): one piece of memory of a given type, shared by every
// slot that holds it. `ref` counts the holders: process slots, the #g table entry, and the
// #g data file's I/O process. The bytes live in a kernel Shadow of exactly top-base bytes.

import type { Shadow } from '../kernel/engine/shadow.js';
import { SG_TYPE } from './constants.js';
import type { ForeignSegment } from './foreign-segment.js';

export class Seg {
  /** Holders of this segment; it is freed (its shadow released) when this drops to 0. */
  ref = 1;
  /** segflush was called: the segment may be executed (9front's flushme). */
  flushme = false;
  /** A #g segment of another table (found by segattach's hook): its memory is there, `shadow` only holds its place. */
  foreign: ForeignSegment | undefined = undefined;

  constructor(
    /** SG_* type | flags. */
    public type: number,
    readonly base: number,
    public top: number,
    readonly shadow: Shadow,
    /** For a `fixed` #g segment: the simulated physical address of its first page. */
    readonly physaddr = 0,
  ) {}

  get kind(): number {
    return this.type & SG_TYPE;
  }

  get size(): number {
    return this.top - this.base;
  }
}
