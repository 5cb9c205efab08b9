// AddressSpace: one region of user addresses and the segments mapped in it (kernel.md §4.2).
// A normal process has one; a share group's prototype sees only the group's shared space; a
// member sees its own restricted space and the group's shared space.

import type { Region, Segment } from './segment.js';
import { SegmentList } from './segment-list.js';

export class AddressSpace {
  /** sorted, disjoint, all inside [base, top) */
  readonly segments = new SegmentList();

  constructor(
    readonly region: Region,
    readonly base: number,
    readonly top: number,
  ) {}

  get count(): number {
    return this.segments.size;
  }

  /** Whether [addr, addr+len) lies inside this space's region. */
  holds(addr: number, len: number): boolean {
    return addr >= this.base && len >= 0 && addr + len <= this.top;
  }

  /** The segment containing `addr`. */
  find(addr: number): Segment | undefined {
    return this.segments.find(addr);
  }

  /** Whether any segment overlaps [addr, addr+len). */
  overlaps(addr: number, len: number): boolean {
    const s = this.segments.floor(addr + len - 1);
    return s !== undefined && s.end > addr;
  }

  /**
   * The segments covering [addr, addr+len) without a hole, in order, or undefined if some
   * byte of the range is not mapped here.
   */
  covering(addr: number, len: number): Segment[] | undefined {
    const segs = this.segments.overlapping(addr, addr + len);
    if (segs.length === 0 || segs[0]!.addr > addr || segs[segs.length - 1]!.end < addr + len) return undefined;
    for (let i = 1; i < segs.length; i++) if (segs[i - 1]!.end !== segs[i]!.addr) return undefined;
    return segs;
  }

  /** Auto placement (kernel.md §4.2): the highest free page range of `len` bytes, or -1. */
  place(len: number): number {
    return this.segments.highestFit(this.base, this.top, len);
  }
}
