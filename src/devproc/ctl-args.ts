// The argument syntax of the proc device's ctl commands: numbers as C writes them, flag words,
// and memory data. Every malformed argument is `bad arg in system call`; values the syntax
// accepts go to the kernel unchanged, so range and meaning errors are the kernel's.

import { Ebadarg, error } from '../lib9/errors.js';
import {
  PERM_R, PERM_W, PERM_X, SEG_COPIED, SEG_EAGER, SEG_PRIVATE, SEG_SEGMENTED, SEG_SHARED_REGION,
  VMO_DROP_R, VMO_DROP_W, VMO_DROP_X, VMO_DISOWN,
} from '../kernel/constants.js';
import { SG_CEXEC, SG_RONLY } from '../plan9/constants.js';
import type { Field } from './fields.js';

const numberSyntax = /^[+-]?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/;

/**
 * A number in C syntax: decimal, 0x hexadecimal or 0 octal, with an optional sign. Anything
 * else, or a value beyond 2^53-1, is `bad arg in system call`.
 */
export function num(s: string): number {
  if (!numberSyntax.test(s)) error(Ebadarg);
  const neg = s[0] === '-';
  const body = s[0] === '-' || s[0] === '+' ? s.slice(1) : s;
  let v: number;
  if (/^0[xX]/.test(body)) v = parseInt(body.slice(2), 16);
  else if (body.length > 1 && body[0] === '0') v = parseInt(body.slice(1), 8);
  else v = parseInt(body, 10);
  if (!Number.isSafeInteger(v)) error(Ebadarg);
  return neg ? -v : v;
}

/** Words of a flag set; letters r, w and x (in any combination) are added per kind. */
export type FlagWords = ReadonlyMap<string, number>;

const rwx = new Map<string, number>([['r', PERM_R], ['w', PERM_W], ['x', PERM_X]]);

/** Segment flags (segalloc, segprotect, segtake): rights letters and the SEG_* words. */
export const segWords: FlagWords = new Map([
  ['private', SEG_PRIVATE],
  ['eager', SEG_EAGER],
  ['shared', SEG_SHARED_REGION],
  ['copied', SEG_COPIED],
  ['segmented', SEG_SEGMENTED],
]);

/** Rights (segshare): letters only. */
export const rightsWords: FlagWords = new Map();

/** vm_offer flags: grant letters and the drop words. */
export const offerWords: FlagWords = new Map([
  ['disown', VMO_DISOWN],
  ['dropr', VMO_DROP_R],
  ['dropw', VMO_DROP_W],
  ['dropx', VMO_DROP_X],
]);

/** segattach attributes: Plan 9's SG_RONLY and SG_CEXEC by name. */
export const attrWords: FlagWords = new Map([
  ['ronly', SG_RONLY],
  ['cexec', SG_CEXEC],
]);

/**
 * A flag set: items separated by `,` or `|`, each a number (C syntax), `none` (0), a word of
 * `words`, or (unless `letters` is false) a run of the letters r, w, x for PERM_R/W/X (which
 * are also VMO_GRANT_R/W/X). The value is the OR of the items.
 */
export function flags(s: string, words: FlagWords, letters = true): number {
  let v = 0;
  for (const item of s.split(/[,|]/)) {
    if (item === '') error(Ebadarg);
    if (/^[+-]?[0-9]/.test(item)) {
      const n = num(item);
      if (n < 0) error(Ebadarg);
      v |= n;
      continue;
    }
    if (item === 'none') continue;
    const w = words.get(item);
    if (w !== undefined) {
      v |= w;
      continue;
    }
    if (!letters || !/^[rwx]+$/.test(item)) error(Ebadarg);
    for (const c of item) v |= rwx.get(c)!;
  }
  return v >>> 0;
}

/** The rights letters of `r` (PERM_* bits), `none` if there are none: `rw`, `r`, `rwx`. */
export function rightsText(r: number): string {
  const s = (r & PERM_R ? 'r' : '') + (r & PERM_W ? 'w' : '') + (r & PERM_X ? 'x' : '');
  return s === '' ? 'none' : s;
}

/** The symbolic form of `v` in the syntax `flags()` reads: rights letters, then the words of `words` that are set, then any other bits as a number. */
export function flagsText(v: number, words: FlagWords): string {
  const parts: string[] = [];
  if ((v & 7) !== 0) parts.push(rightsText(v & 7));
  let rest = v & ~7;
  for (const [w, bit] of words) {
    if ((rest & bit) === bit && bit !== 0) {
      parts.push(w);
      rest &= ~bit;
    }
  }
  if (rest !== 0) parts.push(`0x${rest.toString(16)}`);
  return parts.length === 0 ? 'none' : parts.join(',');
}

/**
 * Memory data for memwrite: a quoted field is its bytes as written (Latin-1); otherwise an
 * even number of hex digits (an optional 0x before them).
 */
export function data(f: Field): Uint8Array {
  if (f.quoted) return Buffer.from(f.text, 'latin1');
  const hex = /^0[xX]/.test(f.text) ? f.text.slice(2) : f.text;
  if (hex.length === 0 || hex.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(hex)) error(Ebadarg);
  return Buffer.from(hex, 'hex');
}

