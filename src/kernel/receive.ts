// What a take or a claim receives: the source's memory mapped into the receiver, at the
// source address when that is free there. The source is never copied for it: a private
// mapping not yet copied hands over its shadow as it is, and a write right the source holds
// only privately reaches the receiver only as a private (copy-on-write) right, so no write
// ever reaches a shadow through a right its giver held only privately.

import type { AddressSpace } from './engine/address-space.js';
import { copyPrivate } from './engine/copy-on-write.js';
import { Mapping } from './engine/mapping.js';
import type { Memory } from './engine/memory.js';
import { piecesOf } from './engine/pieces.js';
import { PERM_W } from './constants.js';

/** Where received memory goes: the source address if free in `dst`, else auto placement; -1 if no room. */
export function placeReceived(dst: AddressSpace, srcAddr: number, len: number): number {
  if (dst.holds(srcAddr, len) && !dst.overlaps(srcAddr, len)) return srcAddr;
  return dst.place(len);
}

/**
 * Maps [srcAddr, srcAddr+len) of `src` into `dst` at `local` with `rights` (its ceiling too),
 * each piece on the source's shadow at the source's offset, and returns the new mappings, not
 * yet merged. A piece is private if `isPrivate` asks for it, or if it gets W from a source
 * mapping that is private and not yet copied. A private piece is copied at once if `eager`.
 */
export function mapReceived(
  mem: Memory,
  src: AddressSpace,
  srcAddr: number,
  len: number,
  dst: AddressSpace,
  local: number,
  rights: number,
  isPrivate: boolean,
  eager: boolean,
): Mapping[] {
  const made = piecesOf(src, srcAddr, len).map(
    ({ mapping, lo, hi }) =>
      new Mapping({
        addr: local + (lo - srcAddr),
        len: hi - lo,
        rights,
        maxRights: rights,
        shadow: mapping.shadow,
        offset: mapping.offset + (lo - mapping.addr),
        isPrivate: isPrivate || ((rights & PERM_W) !== 0 && mapping.isPrivate && !mapping.copied),
        copied: false,
        segmented: false,
        region: dst.region,
      }),
  );
  for (const m of made) mem.map(dst, m);
  return eager ? made.map((m) => (m.isPrivate ? copyPrivate(mem, dst, m) : m)) : made;
}
