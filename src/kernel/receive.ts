// What a take or a claim receives: the source's memory mapped into the receiver, at the
// source address when that is free there. A private source mapping not yet copied makes its
// copy first, so that the receiver never reaches memory the copy-on-write was to fence.

import type { AddressSpace } from './engine/address-space.js';
import { copyPrivate, materialize } from './engine/copy-on-write.js';
import { Mapping } from './engine/mapping.js';
import type { Memory } from './engine/memory.js';

/** Where received memory goes: the source address if free in `dst`, else auto placement; -1 if no room. */
export function placeReceived(dst: AddressSpace, srcAddr: number, len: number): number {
  if (dst.holds(srcAddr, len) && !dst.overlaps(srcAddr, len)) return srcAddr;
  return dst.place(len);
}

/**
 * Maps [srcAddr, srcAddr+len) of `src` (materialized first) into `dst` at `local` with
 * `rights` (its ceiling too) and returns the new mappings, not yet merged. They are private
 * if `isPrivate`, and then copied at once if `eager`.
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
  const made = materialize(mem, src, srcAddr, len).map(
    ({ mapping, lo, hi }) =>
      new Mapping({
        addr: local + (lo - srcAddr),
        len: hi - lo,
        rights,
        maxRights: rights,
        shadow: mapping.shadow,
        offset: mapping.offset + (lo - mapping.addr),
        isPrivate,
        copied: false,
        segmented: false,
        region: dst.region,
      }),
  );
  for (const m of made) mem.map(dst, m);
  return eager ? made.map((m) => (m.isPrivate ? copyPrivate(mem, dst, m) : m)) : made;
}
