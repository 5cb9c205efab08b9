// Number formatting as Plan 9's print(2) verbs write it.

/**
 * `v` in lowercase hexadecimal with a 0x prefix. Style 'p' is Plan 9's %#p, which prefixes
 * every value (`0x0`); style 'x' is C's %#x, which prints zero bare (`0`).
 */
export function hex(v: number | bigint, style: 'p' | 'x' = 'p'): string {
  if (style === 'x' && (v === 0 || v === 0n)) return '0';
  return `0x${v.toString(16)}`;
}
