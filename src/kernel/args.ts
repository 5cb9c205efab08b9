// Shape checks of system call arguments: whole numbers, page alignment, flag words, ranges.

import { PAGE } from './constants.js';
import type { Proc } from './proc.js';

/** A safe integer >= 0. */
export function isNat(x: number): boolean {
  return Number.isSafeInteger(x) && x >= 0;
}

/** A safe integer >= 0 that is a page multiple. */
export function isAligned(x: number): boolean {
  return Number.isSafeInteger(x) && x >= 0 && x % PAGE === 0;
}

/** `flags` is an integer with no bits outside `allowed`. */
export function isFlags(flags: number, allowed: number): boolean {
  return Number.isSafeInteger(flags) && flags >= 0 && (flags & ~allowed) === 0;
}

/**
 * The range a call acts on: [addr, addr+len) page-aligned, not empty, and between the lowest
 * base and the highest top of p's regions.
 */
export function isUserRange(p: Proc, addr: number, len: number): boolean {
  if (!isAligned(addr) || !isAligned(len) || len === 0) return false;
  const spaces = p.spaces();
  if (spaces.length === 0) return false;
  return addr >= spaces[0]!.base && addr + len <= spaces[spaces.length - 1]!.top;
}
