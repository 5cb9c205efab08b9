// Making and releasing Plan 9 segments (9front segment.c newseg/putseg, fixedseg) on the
// kernel's shadows, and the global segment table they can be listed in.

import { PAGE } from '../kernel/constants.js';
import { GlobalSegments } from './global-segments.js';
import type { MemoryHost } from './memory-host.js';
import { SG_FIXED, SG_TYPE } from './constants.js';
import { Seg } from './segment.js';

/** Where the simulated physical memory handed to `fixed` segments starts. */
export const PHYS_BASE = 0x10000000;

export class SegmentStore {
  readonly globals: GlobalSegments;
  #nextPhys = PHYS_BASE;

  constructor(readonly host: MemoryHost) {
    this.globals = new GlobalSegments((s) => this.putseg(s));
  }

  /**
   * newseg: a segment of `type` over [base, top) with ref 1, zero-filled, on a new shadow of
   * kind `memory` ('global' for #g segments). A fixed segment also gets a simulated physical
   * address. Memory is committed when touched, for fixed and sticky segments too: their
   * pages read as zeros either way, and a 64 GiB sticky segment must not take 64 GiB at once.
   */
  newseg(type: number, base: number, top: number, memory: 'anon' | 'global' = 'anon'): Seg {
    const shadow = this.host.newShadow(top - base, memory);
    let phys = 0;
    if ((type & SG_TYPE) === SG_FIXED) {
      phys = this.#nextPhys;
      this.#nextPhys += top - base + PAGE;
    }
    return new Seg(type, base, top, shadow, phys);
  }

  /** incref: one more holder. */
  incref(s: Seg): Seg {
    s.ref++;
    return s;
  }

  /** putseg: drops one holder; the last one releases the memory (a foreign segment's too). */
  putseg(s: Seg): void {
    // a foreign segment's table holds it while a slot does: the last slot's put drops both
    if (s.foreign !== undefined && s.ref === 2) s.ref = 1;
    if (--s.ref > 0) return;
    this.host.releaseShadow(s.shadow);
    s.foreign?.release();
  }
}
