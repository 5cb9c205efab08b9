// A range of addresses cut at mapping boundaries: each piece is the part [lo, hi) of one mapping.

import type { AddressSpace } from './address-space.js';
import type { Mapping } from './mapping.js';
import { PERM_RWX } from '../constants.js';

export interface Piece {
  mapping: Mapping;
  lo: number;
  hi: number;
}

/** The pieces of [from, to) over `maps`, which cover it in address order. */
export function toPieces(maps: Mapping[], from: number, to: number): Piece[] {
  return maps.map((mapping) => ({ mapping, lo: Math.max(from, mapping.addr), hi: Math.min(to, mapping.end) }));
}

/** The pieces of [addr, addr+len), which must be fully mapped in `space`. */
export function piecesOf(space: AddressSpace, addr: number, len: number): Piece[] {
  const maps = space.covering(addr, len);
  if (maps === undefined) throw new Error(`[0x${addr.toString(16)}, +0x${len.toString(16)}) is not fully mapped`);
  return toPieces(maps, addr, addr + len);
}

/** The rights every piece has. */
export function minRights(pieces: Piece[]): number {
  let r = PERM_RWX;
  for (const { mapping } of pieces) r &= mapping.rights;
  return r;
}

/** Where `addr` (inside the piece) lies in the piece's shadow. */
export function shadowOffset(p: Piece, addr: number): number {
  return p.mapping.offset + (addr - p.mapping.addr);
}
