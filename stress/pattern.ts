// The known contents of every stress segment: each byte is a hash of its offset and the
// segment's key, so a byte read from the wrong offset or the wrong segment does not match.

/** The byte at `offset` of the segment with `key`. */
export function patternByte(key: number, offset: number): number {
  return ((Math.imul(offset >>> 0, 0x9e3779b1) >>> 24) ^ (Math.floor(offset / 0x100000000) * 97) ^ key) & 0xff;
}

/** `length` bytes of segment `key`'s pattern from `offset`. */
export function pattern(key: number, offset: number, length: number): Buffer {
  const b = Buffer.allocUnsafe(length);
  for (let i = 0; i < length; i++) b[i] = patternByte(key, offset + i);
  return b;
}

/** The first offset (relative) where `data` differs from the pattern, or -1. */
export function mismatchAt(key: number, offset: number, data: Uint8Array): number {
  for (let i = 0; i < data.length; i++) if (data[i] !== patternByte(key, offset + i)) return i;
  return -1;
}
