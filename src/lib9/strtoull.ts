// libc's strtoull (9front libc/port/strtoull.c) on unsigned 64-bit BigInts: what the #g ctl
// file uses to read its addresses and lengths.

import { U64 } from './uarg.js';

function digit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x7a) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x5a) return c - 0x41 + 10;
  return 99;
}

/**
 * strtoull(s, 0, 0): skips leading white space, takes an optional sign (a negative value
 * wraps modulo 2^64), reads `0x`/`0X` as hex, a leading `0` as octal, else decimal, and stops
 * at the first character that is not a digit of the base. No digits give 0; overflow gives
 * 2^64-1 whatever the sign.
 */
export function strtoull(s: string): bigint {
  let p = 0;
  while (p < s.length && ' \t\n\f\r\v'.includes(s[p]!)) p++;
  let neg = false;
  if (s[p] === '-' || s[p] === '+') neg = s[p++] === '-';
  let base = 10n;
  if (s[p] === '0') {
    base = 8n;
    if (s[p + 1] === 'x' || s[p + 1] === 'X') {
      p += 2;
      base = 16n;
    }
  }
  let n = 0n;
  for (; p < s.length; p++) {
    const v = digit(s.charCodeAt(p));
    if (v >= Number(base)) break;
    n = n * base + BigInt(v);
    if (n > U64) return U64;
  }
  return neg ? (-n) & U64 : n;
}
