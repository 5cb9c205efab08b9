// #g qid paths: devsegment.c's PATH(s, t) = s<<3 | t, widened so that every slot of the
// table is addressable and with the slot's generation folded in above, so a segment created
// again in a reused slot gets a new path (intro(5): a re-created file has a new qid.path).
//   path = gen << (SLOT_BITS + TYPE_BITS) | slot << TYPE_BITS | type
// With generation 0 the paths are 9front's: slot 0 gives 1, 2, 3; slot 1 gives 9, 10, 11.

import { NGLOBAL } from '../plan9/global-segments.js';

export const Qtopdir = 0;
export const Qsegdir = 1;
export const Qctl = 2;
export const Qdata = 3;

/** 9front's width for the file type (three bits, though four types need only two). */
export const TYPE_BITS = 3n;
/** Enough bits for every slot of the table: 7 for 100 slots (9front masks with 6). */
export const SLOT_BITS = BigInt((NGLOBAL - 1).toString(2).length);
if (1n << SLOT_BITS < BigInt(NGLOBAL) || Qdata >= 1 << Number(TYPE_BITS)) throw new Error('#g qid widths too small');

const TYPE_MASK = (1n << TYPE_BITS) - 1n;
const SLOT_MASK = (1n << SLOT_BITS) - 1n;

export function qpath(slot: number, gen: bigint, type: number): bigint {
  return (gen << (SLOT_BITS + TYPE_BITS)) | (BigInt(slot) << TYPE_BITS) | BigInt(type);
}

/** Paths up to here are read as numbers: no BigInt is made for a stat or a read. */
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const TYPES = 2 ** Number(TYPE_BITS);
const SLOTS = 2 ** Number(SLOT_BITS);

export function qtype(path: bigint): number {
  return path <= SAFE ? Number(path) % TYPES : Number(path & TYPE_MASK);
}

export function qslot(path: bigint): number {
  return path <= SAFE ? Math.floor(Number(path) / TYPES) % SLOTS : Number((path >> TYPE_BITS) & SLOT_MASK);
}

export function qgen(path: bigint): bigint {
  return path >> (SLOT_BITS + TYPE_BITS);
}

/** qgen(path) === gen, without making the BigInt when the path fits a number. */
export function qgenIs(path: bigint, gen: bigint): boolean {
  if (path > SAFE) return qgen(path) === gen;
  const n = Math.floor(Number(path) / (TYPES * SLOTS));
  return gen <= SAFE && Number(gen) === n;
}
