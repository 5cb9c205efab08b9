// Which segments a load or store goes through (9front's fault path: seg() finds the segment
// of each address; none, an SG_FAULT segment, or a store to SG_RONLY memory is a fault).

import { SG_FAULT, SG_RONLY } from './constants.js';
import type { Proc9 } from './proc9.js';
import type { Seg } from './segment.js';

/** One segment's part [lo, hi) of an access. */
export interface SegmentSpan {
  readonly seg: Seg;
  readonly lo: number;
  readonly hi: number;
}

/** The parts of an access in address order, up to the first address that faults (if one does). */
export interface AccessWalk {
  readonly spans: SegmentSpan[];
  readonly fault: number | undefined;
}

/** Walks a load (or, when `write`, a store) of [addr, addr+len) through the slots of `p`. */
export function accessWalk(p: Proc9, addr: number, len: number, write: boolean): AccessWalk {
  const spans: SegmentSpan[] = [];
  if (!Number.isSafeInteger(addr) || !Number.isSafeInteger(len) || addr < 0 || len < 0) {
    return { spans, fault: Math.max(0, Math.trunc(addr) || 0) };
  }
  for (let a = addr; a < addr + len;) {
    const i = p.slotOf(a);
    if (i < 0) return { spans, fault: a };
    const seg = p.seg[i]!;
    if ((seg.type & SG_FAULT) !== 0 || (write && (seg.type & SG_RONLY) !== 0)) return { spans, fault: a };
    const hi = Math.min(seg.top, addr + len);
    spans.push({ seg, lo: a, hi });
    a = hi;
  }
  return { spans, fault: undefined };
}
