// Fork's memory over the engine alone, for the engine's tests: gives an empty space the
// mappings of another, one choice per mapping: 'share' the same memory, 'cow' a copy-on-write
// copy (both sides become private, copied on first write), 'copy' an eager copy, 'omit'.

import { EINVAL } from '../../../src/lib9/errno.js';
import type { AddressSpace } from '../../../src/kernel/engine/address-space.js';
import { copyPrivate, materialize } from '../../../src/kernel/engine/copy-on-write.js';
import type { Mapping } from '../../../src/kernel/engine/mapping.js';
import type { Memory } from '../../../src/kernel/engine/memory.js';
import { mergeAll } from '../../../src/kernel/engine/merge.js';
import { shadowOffset } from '../../../src/kernel/engine/pieces.js';
import { run } from '../../../src/kernel/engine/transaction.js';

export type ForkChoice = 'share' | 'cow' | 'copy' | 'omit';

export function forkSpace(mem: Memory, from: AddressSpace, to: AddressSpace, choose: (m: Mapping) => ForkChoice): number {
  if (to.count !== 0) return -EINVAL;
  const plan = [...from.mappings].map((m) => [m, choose(m)] as const);
  return run(mem, () => {
    const touched: Mapping[] = [];
    for (const [orig, how] of plan) {
      if (how === 'omit') continue;
      let m = orig;
      if (how === 'share' && m.isPrivate && !m.copied) {
        m = copyPrivate(mem, from, m);
        touched.push(m);
      }
      if (how === 'cow' && !(m.isPrivate && !m.copied)) {
        const cow = m.derive({ isPrivate: true, copied: false });
        mem.replace(from, [m], [cow]);
        touched.push(cow);
        m = cow;
      }
      if (how === 'copy') {
        const mine = mem.newShadow(m.len);
        mine.copyFrom(m.shadow, m.offset, 0, m.len);
        mem.map(to, m.derive({ shadow: mine, offset: 0, isPrivate: false, copied: false }));
      } else mem.map(to, m.derive({}));
    }
    mergeAll(mem, from, touched);
    mergeAll(mem, to, [...to.mappings]);
    return 0;
  });
}

/** A store into `space` at `addr` (copy-on-write first), as memWrite makes it. */
export function store(mem: Memory, space: AddressSpace, addr: number, data: Uint8Array): void {
  run(mem, () => {
    for (const pc of materialize(mem, space, addr, data.length)) pc.mapping.shadow.write(shadowOffset(pc, pc.lo), data.subarray(pc.lo - addr, pc.hi - addr));
    return 0;
  });
}

/** `len` bytes of `space` at `addr`, which one mapping holds. */
export function load(space: AddressSpace, addr: number, len: number): Uint8Array {
  const m = space.find(addr)!;
  const out = new Uint8Array(len);
  m.shadow.read(m.offset + (addr - m.addr), out);
  return out;
}
