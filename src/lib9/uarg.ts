// System call arguments as C sees them: unsigned 64-bit values, on BigInts, so that the
// wrap-around checks (`va+len < va`, `top <= va`) behave as in the kernel.

import { Ebadarg, error } from './errors.js';
import { BY2PG } from './mem.js';

/** 2^64 − 1: the largest unsigned 64-bit value, and 9P's "don't touch" for 64-bit fields. */
export const U64 = (1n << 64n) - 1n;
export const PGMASK = BigInt(BY2PG - 1);

/** A user-supplied address or length as C's 64-bit unsigned: negative values wrap. */
export type Uarg = number | bigint;

/** `x` as an unsigned 64-bit value; a number that is not finite is `bad arg in system call`. */
export function u64(x: Uarg): bigint {
  if (typeof x === 'bigint') return BigInt.asUintN(64, x);
  if (!Number.isFinite(x)) error(Ebadarg);
  return BigInt.asUintN(64, BigInt(Math.trunc(x)));
}

/** PGROUND: rounded up to a page, wrapping at 2^64. */
export function pground(x: bigint): bigint {
  return (x + PGMASK) & ~PGMASK & U64;
}
