// Formatting as Plan 9's print(2) verbs write it: numbers in hex, strings quoted.

/**
 * `v` in lowercase hexadecimal with a 0x prefix. Style 'p' is Plan 9's %#p, which prefixes
 * every value (`0x0`); style 'x' is C's %#x, which prints zero bare (`0`).
 */
export function hex(v: number | bigint, style: 'p' | 'x' = 'p'): string {
  if (style === 'x' && (v === 0 || v === 0n)) return '0';
  return `0x${v.toString(16)}`;
}

/** Plan 9's %q (quote(2)): quoted when empty or holding a space, quote or control character, with ' doubled. */
export function quote(s: string): string {
  return s !== '' && !/[\x00-\x20'\x7f]/.test(s) ? s : `'${s.replace(/'/g, "''")}'`;
}
