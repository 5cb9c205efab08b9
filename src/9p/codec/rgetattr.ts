// Rgetattr encoded straight from numbers: the reply Linux asks for on every stat, so the
// server builds it without a BigInt per field. Every field is a u64 on the wire but exact as
// a number below 2^53 (sizes, times, counts); the qid path stays the bigint a Qid holds.
// The frame is the one encode() gives for the same Rgetattr.

import type { Qid } from '../../lib9/dir.js';
import { CodecError } from './codec-error.js';
import { MsgType } from './msg-type.js';

/** size[4] type[1] tag[2] valid[8] qid[13] mode[4] uid[4] gid[4] and 15 u64 fields. */
export const RGETATTR_SIZE = 7 + 8 + 13 + 12 + 15 * 8;

/** Rgetattr's fields, u64s as numbers. */
export interface GetattrNumbers {
  valid: number; qid: Qid; mode: number; uid: number; gid: number;
  nlink: number; rdev: number; size: number; blksize: number; blocks: number;
  atimeSec: number; atimeNsec: number; mtimeSec: number; mtimeNsec: number;
  ctimeSec: number; ctimeNsec: number; btimeSec: number; btimeNsec: number;
  gen: number; dataVersion: number;
}

/** Writes the whole Rgetattr frame into `buf` (at least RGETATTR_SIZE bytes); returns its length. */
export function encodeRgetattrInto(buf: Buffer, tag: number, a: GetattrNumbers): number {
  buf.writeUInt32LE(RGETATTR_SIZE, 0);
  buf[4] = MsgType.Rgetattr;
  buf.writeUInt16LE(tag, 5);
  u64(buf, 7, a.valid, 'valid');
  buf[15] = a.qid.type;
  buf.writeUInt32LE(a.qid.vers >>> 0, 16);
  buf.writeBigUInt64LE(a.qid.path, 20);
  buf.writeUInt32LE(a.mode >>> 0, 28);
  buf.writeUInt32LE(a.uid >>> 0, 32);
  buf.writeUInt32LE(a.gid >>> 0, 36);
  let o = 40;
  o = u64(buf, o, a.nlink, 'nlink');
  o = u64(buf, o, a.rdev, 'rdev');
  o = u64(buf, o, a.size, 'size');
  o = u64(buf, o, a.blksize, 'blksize');
  o = u64(buf, o, a.blocks, 'blocks');
  o = u64(buf, o, a.atimeSec, 'atimeSec');
  o = u64(buf, o, a.atimeNsec, 'atimeNsec');
  o = u64(buf, o, a.mtimeSec, 'mtimeSec');
  o = u64(buf, o, a.mtimeNsec, 'mtimeNsec');
  o = u64(buf, o, a.ctimeSec, 'ctimeSec');
  o = u64(buf, o, a.ctimeNsec, 'ctimeNsec');
  o = u64(buf, o, a.btimeSec, 'btimeSec');
  o = u64(buf, o, a.btimeNsec, 'btimeNsec');
  o = u64(buf, o, a.gen, 'gen');
  return u64(buf, o, a.dataVersion, 'dataVersion');
}

/** A u64 from a number exact as an integer (0 ≤ v < 2^53): low and high halves, byte by byte. */
function u64(buf: Buffer, at: number, v: number, field: string): number {
  if (!(v >= 0 && v <= Number.MAX_SAFE_INTEGER && Math.floor(v) === v)) {
    throw new CodecError('E9P_BAD_VALUE', `cannot encode ${field} = ${v}: not a u64 number`);
  }
  const lo = v >>> 0;
  const hi = (v - lo) / 0x100000000;
  buf[at] = lo;
  buf[at + 1] = lo >>> 8;
  buf[at + 2] = lo >>> 16;
  buf[at + 3] = lo >>> 24;
  buf[at + 4] = hi;
  buf[at + 5] = hi >>> 8;
  buf[at + 6] = hi >>> 16;
  buf[at + 7] = hi >>> 24;
  return at + 8;
}
