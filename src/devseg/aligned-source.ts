// A Twrite's data is a view into the request frame at whatever address the socket chunk put
// it. V8 copies into a SharedArrayBuffer byte by byte when source and destination differ in
// alignment (65,512 bytes: ~19 µs, against ~3 µs aligned); one ordinary memcpy into a scratch
// buffer laid out at the destination's alignment, then an aligned copy, is ~3.6 µs.

/** Below this many bytes the misaligned copy is cheap enough. */
const MIN_BYTES = 1024;

let scratch = Buffer.allocUnsafeSlow(0);

/**
 * `data` itself when it is small or already at `offset`'s alignment modulo 8; otherwise a
 * copy of it in a reused scratch buffer at that alignment, valid until the next call.
 */
export function alignedSource(data: Uint8Array, offset: number): Uint8Array {
  if (data.length < MIN_BYTES || ((data.byteOffset - offset) & 7) === 0) return data;
  const lead = offset & 7;
  if (scratch.length < lead + data.length) scratch = Buffer.allocUnsafeSlow(Math.max(lead + data.length, 1 << 16));
  scratch.set(data, lead);
  return scratch.subarray(lead, lead + data.length);
}
