// 9P2000.L directory entries, the packed contents of Rreaddir data (diod protocol.md):
// qid[13] offset[8] type[1] name[s]. Each offset is an opaque "resume after me" cookie.

import { CodecError } from './codec-error.js';
import { Reader } from './reader.js';
import { toBuffer } from './stat.js';
import type { Dirent } from './types.js';
import { Writer } from './writer.js';

const scratch = new Writer(256);

/** Writes one entry. */
export function writeDirent(w: Writer, d: Dirent): void {
  if (d === null || typeof d !== 'object') throw new CodecError('E9P_BAD_VALUE', 'cannot encode dirent: not an object');
  w.qid(d.qid, 'dirent.qid');
  w.u64(d.offset, 'dirent.offset');
  w.u8(d.type, 'dirent.type');
  w.str(d.name, 'dirent.name');
}

/** Reads one entry. */
export function readDirent(r: Reader): Dirent {
  return { qid: r.qid('dirent.qid'), offset: r.u64('dirent.offset'), type: r.u8('dirent.type'), name: r.str('dirent.name') };
}

/**
 * The encoded size of one entry: 24 bytes + the name.
 * @param d - the entry
 * @returns bytes
 */
export function direntSize(d: Dirent): number {
  return 13 + 8 + 1 + 2 + Buffer.byteLength(d.name);
}

/**
 * One entry in a fresh buffer.
 * @param d - the entry
 * @returns its bytes
 * @throws CodecError code 'E9P_BAD_VALUE' for a field that does not fit its wire width
 */
export function encodeDirent(d: Dirent): Buffer {
  scratch.reset();
  writeDirent(scratch, d);
  return Buffer.from(scratch.buf.subarray(0, scratch.pos));
}

/**
 * Writes one entry into `buf` at `offset` if it fits before `limit` (default the buffer's
 * end); returns the offset after it, or -1 (nothing written) when it does not fit, so a
 * Treaddir reply holds whole entries only.
 * @param d - the entry
 * @param buf - the destination
 * @param offset - where to write
 * @param limit - the end of the room
 * @returns the offset after the entry, or -1
 * @throws CodecError code 'E9P_BAD_VALUE' for a field that does not fit its wire width
 */
export function encodeDirentInto(d: Dirent, buf: Uint8Array, offset: number, limit = buf.length): number {
  scratch.reset();
  writeDirent(scratch, d);
  if (offset + scratch.pos > limit) return -1;
  buf.set(scratch.buf.subarray(0, scratch.pos), offset);
  return offset + scratch.pos;
}

/**
 * Decodes the entries of Rreaddir data (whole entries only).
 * @param data - the Rreaddir data
 * @returns the entries, in order
 * @throws CodecError code 'E9P_SHORT' for a cut entry, or a string's code
 */
export function decodeDirents(data: Uint8Array): Dirent[] {
  const r = new Reader(toBuffer(data));
  const out: Dirent[] = [];
  while (r.pos < r.end) out.push(readDirent(r));
  return out;
}
