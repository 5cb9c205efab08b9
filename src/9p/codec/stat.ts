// The stat structure (stat(5)) per dialect, and sequences of them as 9P2000 directory reads
// return them. Layout: size[2] type[2] dev[4] qid[13] mode[4] atime[4] mtime[4] length[8]
// name[s] uid[s] gid[s] muid[s], and for 9P2000.u also extension[s] n_uid[4] n_gid[4]
// n_muid[4]. `size` counts the bytes after itself. 9P2000.L has no stat messages; it is
// treated like 9P2000 here.
//
// Inside Rstat and Twstat the stat is wrapped once more: n[2] stat[n], so n = size + 2
// (stat(5) BUGS) — that wrapper is handled by the message codec, not here.

import { NONUNAME } from './constants.js';
import { CodecError } from './codec-error.js';
import type { Dialect } from './dialect.js';
import { Reader } from './reader.js';
import type { Stat, StatU } from './types.js';
import { Writer } from './writer.js';

const scratch = new Writer(512);

/** Writes one stat record, size[2] included. */
export function writeStat(w: Writer, st: Stat, dialect: Dialect): void {
  if (st === null || typeof st !== 'object') throw new CodecError('E9P_BAD_VALUE', 'cannot encode stat: not an object');
  const start = w.pos;
  w.u16(0, 'stat.size');
  w.u16(st.type, 'stat.type');
  w.u32(st.dev, 'stat.dev');
  w.qid(st.qid, 'stat.qid');
  w.u32(st.mode, 'stat.mode');
  w.u32(st.atime, 'stat.atime');
  w.u32(st.mtime, 'stat.mtime');
  w.u64(st.length, 'stat.length');
  w.str(st.name, 'stat.name');
  w.str(st.uid, 'stat.uid');
  w.str(st.gid, 'stat.gid');
  w.str(st.muid, 'stat.muid');
  if (dialect === '9P2000.u') {
    w.str(st.extension ?? '', 'stat.extension');
    w.u32(st.nUid ?? NONUNAME, 'stat.nUid');
    w.u32(st.nGid ?? NONUNAME, 'stat.nGid');
    w.u32(st.nMuid ?? NONUNAME, 'stat.nMuid');
  }
  const size = w.pos - start - 2;
  if (size > 0xffff) throw new CodecError('E9P_BAD_VALUE', `cannot encode stat of ${st.name}: ${size} bytes exceed size[2]`);
  w.buf.writeUInt16LE(size, start);
}

/** Reads one stat record, size[2] included, which must end exactly where its size says. */
export function readStat(r: Reader, dialect: Dialect): Stat {
  const size = r.u16('stat.size');
  if (size > r.remaining) {
    throw r.error('E9P_BAD_STAT', `bad stat: size ${size} at offset ${r.pos - 2} runs past the end (${r.remaining} bytes left)`);
  }
  const outerEnd = r.end;
  const end = r.pos + size;
  r.end = end;
  const st: Stat = {
    type: r.u16('stat.type'),
    dev: r.u32('stat.dev'),
    qid: r.qid('stat.qid'),
    mode: r.u32('stat.mode'),
    atime: r.u32('stat.atime'),
    mtime: r.u32('stat.mtime'),
    length: r.u64('stat.length'),
    name: r.str('stat.name'),
    uid: r.str('stat.uid'),
    gid: r.str('stat.gid'),
    muid: r.str('stat.muid'),
  };
  if (dialect === '9P2000.u') {
    st.extension = r.str('stat.extension');
    st.nUid = r.u32('stat.nUid');
    st.nGid = r.u32('stat.nGid');
    st.nMuid = r.u32('stat.nMuid');
  }
  if (r.pos !== end) {
    throw r.error('E9P_BAD_STAT', `bad stat: ${end - r.pos} bytes left over inside stat of size ${size}`);
  }
  r.end = outerEnd;
  return st;
}

/**
 * The encoded size of a stat record, size[2] included.
 * @param st - the stat
 * @param dialect - 9P2000.u adds its fields
 * @returns bytes
 */
export function statSize(st: Stat, dialect: Dialect): number {
  let n = 2 + 2 + 4 + 13 + 4 + 4 + 4 + 8 + 8;
  n += Buffer.byteLength(st.name) + Buffer.byteLength(st.uid) + Buffer.byteLength(st.gid) + Buffer.byteLength(st.muid);
  if (dialect === '9P2000.u') n += 2 + Buffer.byteLength(st.extension ?? '') + 12;
  return n;
}

/**
 * One stat record (size[2] first) in a fresh buffer.
 * @param st - the stat
 * @param dialect - 9P2000.u adds its fields
 * @returns the record
 * @throws CodecError code 'E9P_BAD_VALUE' for a field that does not fit its wire width
 */
export function encodeStat(st: Stat, dialect: Dialect): Buffer {
  scratch.reset();
  writeStat(scratch, st, dialect);
  return Buffer.from(scratch.buf.subarray(0, scratch.pos));
}

/**
 * Writes one stat record into `buf` at `offset` if it fits before `limit` (default the
 * buffer's end); returns the offset after it, or -1 (nothing written) when it does not fit.
 * A 9P2000 directory read packs whole records this way: no entry is ever split.
 * @param st - the stat
 * @param dialect - 9P2000.u adds its fields
 * @param buf - the destination
 * @param offset - where to write
 * @param limit - the end of the room
 * @returns the offset after the record, or -1
 * @throws CodecError code 'E9P_BAD_VALUE' for a field that does not fit its wire width
 */
export function encodeStatInto(st: Stat, dialect: Dialect, buf: Uint8Array, offset: number, limit = buf.length): number {
  scratch.reset();
  writeStat(scratch, st, dialect);
  if (offset + scratch.pos > limit) return -1;
  buf.set(scratch.buf.subarray(0, scratch.pos), offset);
  return offset + scratch.pos;
}

/**
 * Decodes exactly one stat record occupying all of `data`.
 * @param data - the record, size[2] first
 * @param dialect - 9P2000.u has more fields
 * @returns the stat
 * @throws CodecError code 'E9P_SHORT', 'E9P_BAD_STAT', 'E9P_TRAILING' or a string's code
 */
export function decodeStat(data: Uint8Array, dialect: Dialect): Stat {
  const r = new Reader(toBuffer(data));
  const st = readStat(r, dialect);
  if (r.pos !== r.end) throw r.error('E9P_TRAILING', `trailing bytes: ${r.end - r.pos} after the stat`);
  return st;
}

/**
 * Decodes the stat records of a 9P2000 directory read (integral records, nothing else).
 * @param data - the Rread data
 * @param dialect - 9P2000.u has more fields
 * @returns the stats, in order
 * @throws CodecError as decodeStat
 */
export function decodeStats(data: Uint8Array, dialect: Dialect): Stat[] {
  const r = new Reader(toBuffer(data));
  const out: Stat[] = [];
  while (r.pos < r.end) out.push(readStat(r, dialect));
  return out;
}

/**
 * True when a decoded stat carries all the 9P2000.u fields.
 * @param st - a stat
 * @returns whether it is a StatU
 */
export function isStatU(st: Stat): st is StatU {
  return st.extension !== undefined && st.nUid !== undefined && st.nGid !== undefined && st.nMuid !== undefined;
}

/** A Buffer view of `data` (no copy). */
export function toBuffer(data: Uint8Array): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}
