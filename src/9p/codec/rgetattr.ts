// Rgetattr encoded straight from numbers: the reply Linux asks for on every stat, so the
// server builds it without a BigInt per field. Every field is a u64 on the wire but exact as
// a number below 2^53 (sizes, times, counts); the qid path stays the bigint a Qid holds.
// The frame is the one encode() gives for the same Rgetattr.

import type { Qid } from '../../lib9/dir.js';
import { CodecError } from './codec-error.js';
import { GETATTR_BASIC } from './linux.js';
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

/**
 * Writes the whole Rgetattr frame into `buf` at `at` (RGETATTR_SIZE bytes from there); returns
 * the offset just past it (its length when `at` is 0). Throws before the last byte is written
 * for a value that does not fit, so a caller that commits only on return never sends a torn frame.
 */
export function encodeRgetattrInto(buf: Buffer, tag: number, a: GetattrNumbers, at = 0): number {
  u32(buf, at, RGETATTR_SIZE);
  buf[at + 4] = MsgType.Rgetattr;
  buf[at + 5] = tag;
  buf[at + 6] = tag >>> 8;
  u64(buf, at + 7, a.valid, 'valid');
  buf[at + 15] = a.qid.type;
  u32(buf, at + 16, a.qid.vers);
  const path = a.qid.path;
  if (path <= SAFE_PATH && path >= 0n) u64(buf, at + 20, Number(path), 'qid.path');
  else buf.writeBigUInt64LE(path, at + 20);
  u32(buf, at + 28, a.mode);
  u32(buf, at + 32, a.uid);
  u32(buf, at + 36, a.gid);
  let o = at + 40;
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

/** A qid path below this is written from a number. */
const SAFE_PATH = BigInt(Number.MAX_SAFE_INTEGER);

/** The low 32 bits of `v`, little-endian, byte by byte (as writeUInt32LE(v >>> 0)). */
function u32(buf: Buffer, at: number, v: number): void {
  buf[at] = v;
  buf[at + 1] = v >>> 8;
  buf[at + 2] = v >>> 16;
  buf[at + 3] = v >>> 24;
}

/** A u64 from a number exact as an integer (0 ≤ v < 2^53): low and high halves, byte by byte. */
function u64(buf: Buffer, at: number, v: number, field: string): number {
  if ((v >>> 0) === v) {
    // the common case, a u32: the high half is zero
    u32(buf, at, v);
    buf[at + 4] = 0;
    buf[at + 5] = 0;
    buf[at + 6] = 0;
    buf[at + 7] = 0;
    return at + 8;
  }
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

/** The fields of an Rgetattr whose others are fixed: valid P9_GETATTR_BASIC, and rdev, the nanoseconds, btime, gen and data_version all 0. */
export type BasicAttrs = Pick<GetattrNumbers, 'qid' | 'mode' | 'uid' | 'gid' | 'nlink' | 'size' | 'blksize' | 'blocks' | 'atimeSec' | 'mtimeSec' | 'ctimeSec'>;

/** An Rgetattr with the fixed fields of BasicAttrs and zero in every other. */
const BASIC_TEMPLATE = Buffer.alloc(RGETATTR_SIZE);
encodeRgetattrInto(BASIC_TEMPLATE, 0, {
  valid: Number(GETATTR_BASIC), qid: { type: 0, vers: 0, path: 0n }, mode: 0, uid: 0, gid: 0,
  nlink: 0, rdev: 0, size: 0, blksize: 0, blocks: 0, atimeSec: 0, atimeNsec: 0, mtimeSec: 0, mtimeNsec: 0,
  ctimeSec: 0, ctimeNsec: 0, btimeSec: 0, btimeNsec: 0, gen: 0, dataVersion: 0,
});

const MAX_U64 = (1n << 64n) - 1n;

/** The frame being encoded: the template, whose varying fields each call overwrites, then copies out whole. */
const SCRATCH = Buffer.alloc(RGETATTR_SIZE);
SCRATCH.set(BASIC_TEMPLATE);
/** A constant view of SCRATCH: its stores compile to single machine stores (twice as fast as byte-wise ones). */
const VIEW = new DataView(SCRATCH.buffer, SCRATCH.byteOffset, RGETATTR_SIZE);

/**
 * encodeRgetattrInto for the fixed fields of BasicAttrs: only the fields that vary are written,
 * into a private copy of the template, which is then copied to `buf` at `at` in one piece.
 */
export function encodeRgetattrBasicInto(buf: Buffer, tag: number, a: BasicAttrs, at = 0): number {
  const v = VIEW;
  v.setUint16(5, tag, true);
  v.setUint8(15, a.qid.type);
  v.setUint32(16, a.qid.vers, true);
  const path = a.qid.path;
  if (path <= SAFE_PATH && path >= 0n) low(20, Number(path), 'qid.path');
  else if (path >= 0n && path <= MAX_U64) v.setBigUint64(20, path, true);
  else throw new CodecError('E9P_BAD_VALUE', `cannot encode qid.path = ${path}: not a u64`);
  v.setUint32(28, a.mode, true);
  v.setUint32(32, a.uid, true);
  v.setUint32(36, a.gid, true);
  low(40, a.nlink, 'nlink');
  low(56, a.size, 'size');
  low(64, a.blksize, 'blksize');
  low(72, a.blocks, 'blocks');
  low(80, a.atimeSec, 'atimeSec');
  low(96, a.mtimeSec, 'mtimeSec');
  low(112, a.ctimeSec, 'ctimeSec');
  buf.set(SCRATCH, at);
  return at + RGETATTR_SIZE;
}

/** A u64 at byte `o` of the scratch frame from a number exact as an integer (0 ≤ n < 2^53). */
function low(o: number, n: number, field: string): void {
  if ((n >>> 0) === n) {
    VIEW.setUint32(o, n, true);
    VIEW.setUint32(o + 4, 0, true);
    return;
  }
  if (!(n >= 0 && n <= Number.MAX_SAFE_INTEGER && Math.floor(n) === n)) {
    throw new CodecError('E9P_BAD_VALUE', `cannot encode ${field} = ${n}: not a u64 number`);
  }
  const lo = n >>> 0;
  VIEW.setUint32(o, lo, true);
  VIEW.setUint32(o + 4, (n - lo) / 0x100000000, true);
}
