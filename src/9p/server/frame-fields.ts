// Fields of a T-message read where its frame lies in a socket chunk, without decoding it (the
// fast paths of getattr-now.ts and read-now.ts): 9P's integers are little-endian.

/** The tag of the frame at frame[at…): size[4] type[1] tag[2]. */
export function frameTag(frame: Uint8Array, at = 0): number {
  return frame[at + 5]! | (frame[at + 6]! << 8);
}

/** The unsigned 32-bit integer at frame[at, at + 4). */
export function u32At(frame: Uint8Array, at: number): number {
  return (frame[at]! | (frame[at + 1]! << 8) | (frame[at + 2]! << 16) | (frame[at + 3]! << 24)) >>> 0;
}
