// Copy-on-write: a private mapping reads its shadow until its first write, which gives it a
// copy of its own (the whole mapping at once); an eager mapping is copied when it is made.

import type { AddressSpace } from './address-space.js';
import { exclusiveAnon, type Mapping } from './mapping.js';
import type { Memory } from './memory.js';
import { mergeAll } from './merge.js';
import { piecesOf, type Piece } from './pieces.js';

/**
 * The copy: `m`'s bytes go to a new anon shadow that only it holds; a shadow nobody else
 * holds is simply taken over. The caller applies the merge rule.
 */
export function copyPrivate(mem: Memory, space: AddressSpace, m: Mapping): Mapping {
  if (m.copied) return m;
  let copy: Mapping;
  if (exclusiveAnon(m.shadow)) copy = m.derive({ isPrivate: true, copied: true });
  else {
    const mine = mem.newShadow(m.len);
    mine.copyFrom(m.shadow, m.offset, 0, m.len);
    copy = m.derive({ shadow: mine, offset: 0, isPrivate: true, copied: true });
  }
  mem.replace(space, [m], [copy]);
  return copy;
}

/**
 * Makes the copies of the private, not yet copied mappings over [addr, addr+len) of `space`
 * (which must be fully mapped) and returns the pieces as they are afterwards.
 */
export function materialize(mem: Memory, space: AddressSpace, addr: number, len: number): Piece[] {
  const copies: Mapping[] = [];
  for (const { mapping } of piecesOf(space, addr, len)) {
    if (mapping.isPrivate && !mapping.copied) copies.push(copyPrivate(mem, space, mapping));
  }
  if (copies.length === 0) return piecesOf(space, addr, len);
  mergeAll(mem, space, copies);
  return piecesOf(space, addr, len);
}
