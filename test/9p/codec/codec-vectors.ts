// Golden vectors: every message of every dialect as an object and as bytes written out
// field by field (test/helpers/bytes.ts), plus the bytes Linux 6.1 v9fs sent and diod
// answered in a captured 9P2000.L session, verbatim.

import type { Dialect } from '../../../src/9p/codec/dialect.js';
import { MsgType, type Fcall, type Stat } from '../../../src/9p/codec/types.js';
import { Bytes, frame, hex } from '../../helpers/bytes.js';

export interface Vector {
  name: string;
  dialects: readonly Dialect[];
  msg: Fcall;
  bytes: Buffer;
}

const ALL: readonly Dialect[] = ['9P2000', '9P2000.u', '9P2000.L'];
const P9: readonly Dialect[] = ['9P2000'];
const U: readonly Dialect[] = ['9P2000.u'];
const L: readonly Dialect[] = ['9P2000.L'];
/** Same layout in 9P2000 and 9P2000.u, absent from .L. */
const LEGACY: readonly Dialect[] = ['9P2000', '9P2000.u'];
/** .u and .L share the n_uname tail of Tauth/Tattach. */
const UL: readonly Dialect[] = ['9P2000.u', '9P2000.L'];

const qdir = { type: 0x80, vers: 0, path: 0x21688fn };
const qfile = { type: 0x00, vers: 7, path: 0x0123456789abcdefn };
const qbig = { type: 0x02, vers: 0xffffffff, path: 0xffffffffffffffffn };
const MAX64 = 0xffffffffffffffffn;

const stat9p: Stat = {
  type: 0, dev: 0, qid: qfile, mode: 0o644, atime: 1700000000, mtime: 1700000001, length: 5000000000n,
  name: 'data', uid: 'glenda', gid: 'sys', muid: 'glenda',
};
const statU: Stat = { ...stat9p, name: 'lnk', mode: 0x02000000 | 0o777, extension: '/tmp/x', nUid: 1000, nGid: 100, nMuid: 0xffffffff };
/** Twstat "don't touch" everything: commit to stable storage (stat(5)). */
const statBlank: Stat = {
  type: 0xffff, dev: 0xffffffff, qid: { type: 0xff, vers: 0xffffffff, path: MAX64 }, mode: 0xffffffff,
  atime: 0xffffffff, mtime: 0xffffffff, length: MAX64, name: '', uid: '', gid: '', muid: '',
};

/** A stat record written field by field; `u` adds the 9P2000.u tail. */
function statBytes(s: Stat, u: boolean): Buffer {
  const b = new Bytes()
    .u16(s.type).u32(s.dev).qid(s.qid.type, s.qid.vers, s.qid.path).u32(s.mode).u32(s.atime).u32(s.mtime).u64(s.length)
    .str(s.name).str(s.uid).str(s.gid).str(s.muid);
  if (u) b.str(s.extension ?? '').u32(s.nUid ?? 0xffffffff).u32(s.nGid ?? 0xffffffff).u32(s.nMuid ?? 0xffffffff);
  const body = b.build();
  return new Bytes().u16(body.length).raw(body).build();
}

const payload = Buffer.from('hello, world\n');
const binary = Buffer.from([0, 1, 2, 0xff, 0xfe, 0x80]);
const direntBytes = new Bytes().qid(0x80, 0, 1n).u64(1n).u8(4).str('.').qid(0, 0, 2n).u64(2n).u8(8).str('f').build();

export const vectors: Vector[] = [
  // ---- 9P2000 messages, in every dialect that shares their layout ----
  {
    name: 'Tversion', dialects: ALL,
    msg: { type: MsgType.Tversion, tag: 0xffff, msize: 8192, version: '9P2000' },
    bytes: frame(100, 0xffff, (b) => b.u32(8192).str('9P2000')),
  },
  {
    name: 'Rversion unknown', dialects: ALL,
    msg: { type: MsgType.Rversion, tag: 0xffff, msize: 8192, version: 'unknown' },
    bytes: frame(101, 0xffff, (b) => b.u32(8192).str('unknown')),
  },
  {
    name: 'Tauth', dialects: P9,
    msg: { type: MsgType.Tauth, tag: 1, afid: 5, uname: 'glenda', aname: '' },
    bytes: frame(102, 1, (b) => b.u32(5).str('glenda').str('')),
  },
  {
    name: 'Tauth n_uname', dialects: UL,
    msg: { type: MsgType.Tauth, tag: 1, afid: 5, uname: 'glenda', aname: '/', nUname: 1000 },
    bytes: frame(102, 1, (b) => b.u32(5).str('glenda').str('/').u32(1000)),
  },
  {
    name: 'Rauth', dialects: ALL,
    msg: { type: MsgType.Rauth, tag: 1, aqid: { type: 0x08, vers: 0, path: 1n } },
    bytes: frame(103, 1, (b) => b.qid(0x08, 0, 1n)),
  },
  {
    name: 'Tattach', dialects: P9,
    msg: { type: MsgType.Tattach, tag: 2, fid: 0, afid: 0xffffffff, uname: 'glenda', aname: '' },
    bytes: frame(104, 2, (b) => b.u32(0).u32(0xffffffff).str('glenda').str('')),
  },
  {
    name: 'Tattach n_uname', dialects: UL,
    msg: { type: MsgType.Tattach, tag: 2, fid: 1, afid: 0xffffffff, uname: '', aname: '/g', nUname: 0 },
    bytes: frame(104, 2, (b) => b.u32(1).u32(0xffffffff).str('').str('/g').u32(0)),
  },
  {
    name: 'Rattach', dialects: ALL,
    msg: { type: MsgType.Rattach, tag: 2, qid: qdir },
    bytes: frame(105, 2, (b) => b.qid(0x80, 0, 0x21688fn)),
  },
  {
    name: 'Rerror', dialects: P9,
    msg: { type: MsgType.Rerror, tag: 3, ename: 'file does not exist' },
    bytes: frame(107, 3, (b) => b.str('file does not exist')),
  },
  {
    name: 'Rerror errno', dialects: U,
    msg: { type: MsgType.Rerror, tag: 3, ename: 'No such file or directory', errno: 2 },
    bytes: frame(107, 3, (b) => b.str('No such file or directory').u32(2)),
  },
  {
    name: 'Tflush', dialects: ALL,
    msg: { type: MsgType.Tflush, tag: 4, oldtag: 3 },
    bytes: frame(108, 4, (b) => b.u16(3)),
  },
  { name: 'Rflush', dialects: ALL, msg: { type: MsgType.Rflush, tag: 4 }, bytes: frame(109, 4) },
  {
    name: 'Twalk', dialects: ALL,
    msg: { type: MsgType.Twalk, tag: 5, fid: 0, newfid: 1, wname: ['seg1', 'ctl', 'ünïcode'] },
    bytes: frame(110, 5, (b) => b.u32(0).u32(1).u16(3).str('seg1').str('ctl').str('ünïcode')),
  },
  {
    name: 'Twalk clone', dialects: ALL,
    msg: { type: MsgType.Twalk, tag: 5, fid: 0, newfid: 1, wname: [] },
    bytes: frame(110, 5, (b) => b.u32(0).u32(1).u16(0)),
  },
  {
    name: 'Rwalk', dialects: ALL,
    msg: { type: MsgType.Rwalk, tag: 5, wqid: [qdir, qfile] },
    bytes: frame(111, 5, (b) => b.u16(2).qid(0x80, 0, 0x21688fn).qid(0, 7, 0x0123456789abcdefn)),
  },
  { name: 'Rwalk empty', dialects: ALL, msg: { type: MsgType.Rwalk, tag: 5, wqid: [] }, bytes: frame(111, 5, (b) => b.u16(0)) },
  {
    name: 'Topen', dialects: LEGACY,
    msg: { type: MsgType.Topen, tag: 6, fid: 1, mode: 0x12 },
    bytes: frame(112, 6, (b) => b.u32(1).u8(0x12)),
  },
  {
    name: 'Ropen', dialects: LEGACY,
    msg: { type: MsgType.Ropen, tag: 6, qid: qfile, iounit: 0 },
    bytes: frame(113, 6, (b) => b.qid(0, 7, 0x0123456789abcdefn).u32(0)),
  },
  {
    name: 'Tcreate', dialects: P9,
    msg: { type: MsgType.Tcreate, tag: 7, fid: 1, name: 'seg2', perm: 0x800001fd, mode: 0 },
    bytes: frame(114, 7, (b) => b.u32(1).str('seg2').u32(0x800001fd).u8(0)),
  },
  {
    name: 'Tcreate extension', dialects: U,
    msg: { type: MsgType.Tcreate, tag: 7, fid: 1, name: 'lnk', perm: 0x02000000 | 0o777, mode: 0, extension: '/tmp/x' },
    bytes: frame(114, 7, (b) => b.u32(1).str('lnk').u32(0x020001ff).u8(0).str('/tmp/x')),
  },
  {
    name: 'Rcreate', dialects: LEGACY,
    msg: { type: MsgType.Rcreate, tag: 7, qid: qdir, iounit: 8168 },
    bytes: frame(115, 7, (b) => b.qid(0x80, 0, 0x21688fn).u32(8168)),
  },
  {
    name: 'Tread', dialects: ALL,
    msg: { type: MsgType.Tread, tag: 8, fid: 2, offset: 0x100000000n, count: 8192 },
    bytes: frame(116, 8, (b) => b.u32(2).u64(0x100000000n).u32(8192)),
  },
  {
    name: 'Rread', dialects: ALL,
    msg: { type: MsgType.Rread, tag: 8, data: payload },
    bytes: frame(117, 8, (b) => b.u32(payload.length).raw(payload)),
  },
  { name: 'Rread empty', dialects: ALL, msg: { type: MsgType.Rread, tag: 8, data: Buffer.alloc(0) }, bytes: frame(117, 8, (b) => b.u32(0)) },
  {
    name: 'Twrite', dialects: ALL,
    msg: { type: MsgType.Twrite, tag: 9, fid: 2, offset: MAX64, data: binary },
    bytes: frame(118, 9, (b) => b.u32(2).u64(MAX64).u32(binary.length).raw(binary)),
  },
  { name: 'Rwrite', dialects: ALL, msg: { type: MsgType.Rwrite, tag: 9, count: 6 }, bytes: frame(119, 9, (b) => b.u32(6)) },
  { name: 'Tclunk', dialects: ALL, msg: { type: MsgType.Tclunk, tag: 10, fid: 2 }, bytes: frame(120, 10, (b) => b.u32(2)) },
  { name: 'Rclunk', dialects: ALL, msg: { type: MsgType.Rclunk, tag: 10 }, bytes: frame(121, 10) },
  { name: 'Tremove', dialects: ALL, msg: { type: MsgType.Tremove, tag: 11, fid: 3 }, bytes: frame(122, 11, (b) => b.u32(3)) },
  { name: 'Rremove', dialects: ALL, msg: { type: MsgType.Rremove, tag: 11 }, bytes: frame(123, 11) },
  { name: 'Tstat', dialects: LEGACY, msg: { type: MsgType.Tstat, tag: 12, fid: 1 }, bytes: frame(124, 12, (b) => b.u32(1)) },
  {
    // n[2] is the stat's size[2] + 2 (stat(5) BUGS)
    name: 'Rstat', dialects: P9,
    msg: { type: MsgType.Rstat, tag: 12, stat: stat9p },
    bytes: frame(125, 12, (b) => { const s = statBytes(stat9p, false); b.u16(s.length).raw(s); }),
  },
  {
    name: 'Rstat .u', dialects: U,
    msg: { type: MsgType.Rstat, tag: 12, stat: statU },
    bytes: frame(125, 12, (b) => { const s = statBytes(statU, true); b.u16(s.length).raw(s); }),
  },
  {
    name: 'Twstat', dialects: P9,
    msg: { type: MsgType.Twstat, tag: 13, fid: 1, stat: statBlank },
    bytes: frame(126, 13, (b) => { const s = statBytes(statBlank, false); b.u32(1).u16(s.length).raw(s); }),
  },
  {
    name: 'Twstat .u', dialects: U,
    msg: { type: MsgType.Twstat, tag: 13, fid: 1, stat: { ...statBlank, extension: '', nUid: 0xffffffff, nGid: 0xffffffff, nMuid: 0xffffffff } },
    bytes: frame(126, 13, (b) => { const s = statBytes(statBlank, true); b.u32(1).u16(s.length).raw(s); }),
  },
  { name: 'Rwstat', dialects: LEGACY, msg: { type: MsgType.Rwstat, tag: 13 }, bytes: frame(127, 13) },

  // ---- 9P2000.L ----
  { name: 'Rlerror', dialects: L, msg: { type: MsgType.Rlerror, tag: 1, ecode: 95 }, bytes: frame(7, 1, (b) => b.u32(95)) },
  { name: 'Tstatfs', dialects: L, msg: { type: MsgType.Tstatfs, tag: 1, fid: 0 }, bytes: frame(8, 1, (b) => b.u32(0)) },
  {
    name: 'Rstatfs', dialects: L,
    msg: {
      type: MsgType.Rstatfs, tag: 1, fsType: 0x01021997, bsize: 4096, blocks: 1n << 40n, bfree: 12345n, bavail: 12000n,
      files: 1000n, ffree: 999n, fsid: MAX64, namelen: 255,
    },
    bytes: frame(9, 1, (b) => b.u32(0x01021997).u32(4096).u64(1n << 40n).u64(12345n).u64(12000n).u64(1000n).u64(999n).u64(MAX64).u32(255)),
  },
  {
    name: 'Rlopen', dialects: L,
    msg: { type: MsgType.Rlopen, tag: 1, qid: qfile, iounit: 0 },
    bytes: frame(13, 1, (b) => b.qid(0, 7, 0x0123456789abcdefn).u32(0)),
  },
  {
    name: 'Rlcreate', dialects: L,
    msg: { type: MsgType.Rlcreate, tag: 1, qid: qfile, iounit: 0 },
    bytes: frame(15, 1, (b) => b.qid(0, 7, 0x0123456789abcdefn).u32(0)),
  },
  {
    name: 'Tsymlink', dialects: L,
    msg: { type: MsgType.Tsymlink, tag: 1, fid: 2, name: 'l', symtgt: '../target', gid: 100 },
    bytes: frame(16, 1, (b) => b.u32(2).str('l').str('../target').u32(100)),
  },
  { name: 'Rsymlink', dialects: L, msg: { type: MsgType.Rsymlink, tag: 1, qid: qbig }, bytes: frame(17, 1, (b) => b.qid(2, 0xffffffff, MAX64)) },
  {
    name: 'Tmknod', dialects: L,
    msg: { type: MsgType.Tmknod, tag: 1, dfid: 2, name: 'null', mode: 0o20666, major: 1, minor: 3, gid: 0 },
    bytes: frame(18, 1, (b) => b.u32(2).str('null').u32(0o20666).u32(1).u32(3).u32(0)),
  },
  { name: 'Rmknod', dialects: L, msg: { type: MsgType.Rmknod, tag: 1, qid: qfile }, bytes: frame(19, 1, (b) => b.qid(0, 7, 0x0123456789abcdefn)) },
  {
    name: 'Trename', dialects: L,
    msg: { type: MsgType.Trename, tag: 1, fid: 3, dfid: 2, name: 'new' },
    bytes: frame(20, 1, (b) => b.u32(3).u32(2).str('new')),
  },
  { name: 'Rrename', dialects: L, msg: { type: MsgType.Rrename, tag: 1 }, bytes: frame(21, 1) },
  { name: 'Treadlink', dialects: L, msg: { type: MsgType.Treadlink, tag: 1, fid: 3 }, bytes: frame(22, 1, (b) => b.u32(3)) },
  {
    name: 'Rreadlink', dialects: L,
    msg: { type: MsgType.Rreadlink, tag: 1, target: '/dev/null' },
    bytes: frame(23, 1, (b) => b.str('/dev/null')),
  },
  {
    name: 'Rgetattr', dialects: L,
    msg: {
      type: MsgType.Rgetattr, tag: 1, valid: 0x7ffn, qid: qfile, mode: 0o100644, uid: 1000, gid: 100,
      nlink: 1n, rdev: 0n, size: 6n, blksize: 131072n, blocks: 1n,
      atimeSec: 1700000000n, atimeNsec: 1n, mtimeSec: 1700000002n, mtimeNsec: 999999999n,
      ctimeSec: 1700000003n, ctimeNsec: 3n, btimeSec: 0n, btimeNsec: 0n, gen: 0n, dataVersion: MAX64,
    },
    bytes: frame(25, 1, (b) => b.u64(0x7ffn).qid(0, 7, 0x0123456789abcdefn).u32(0o100644).u32(1000).u32(100)
      .u64(1n).u64(0n).u64(6n).u64(131072n).u64(1n)
      .u64(1700000000n).u64(1n).u64(1700000002n).u64(999999999n).u64(1700000003n).u64(3n).u64(0n).u64(0n).u64(0n).u64(MAX64)),
  },
  {
    name: 'Txattrwalk', dialects: L,
    msg: { type: MsgType.Txattrwalk, tag: 1, fid: 4, newfid: 5, name: 'security.capability' },
    bytes: frame(30, 1, (b) => b.u32(4).u32(5).str('security.capability')),
  },
  { name: 'Rxattrwalk', dialects: L, msg: { type: MsgType.Rxattrwalk, tag: 1, size: 20n }, bytes: frame(31, 1, (b) => b.u64(20n)) },
  {
    name: 'Txattrcreate', dialects: L,
    msg: { type: MsgType.Txattrcreate, tag: 1, fid: 5, name: 'user.x', attrSize: 3n, flags: 1 },
    bytes: frame(32, 1, (b) => b.u32(5).str('user.x').u64(3n).u32(1)),
  },
  { name: 'Rxattrcreate', dialects: L, msg: { type: MsgType.Rxattrcreate, tag: 1 }, bytes: frame(33, 1) },
  {
    name: 'Treaddir', dialects: L,
    msg: { type: MsgType.Treaddir, tag: 1, fid: 3, offset: 0x7fffffffffffffffn, count: 65512 },
    bytes: frame(40, 1, (b) => b.u32(3).u64(0x7fffffffffffffffn).u32(65512)),
  },
  {
    // two entries of qid[13] offset[8] type[1] name[s]: 25 bytes each
    name: 'Rreaddir', dialects: L,
    msg: { type: MsgType.Rreaddir, tag: 1, data: direntBytes },
    bytes: frame(41, 1, (b) => b.u32(50).qid(0x80, 0, 1n).u64(1n).u8(4).str('.').qid(0, 0, 2n).u64(2n).u8(8).str('f')),
  },
  { name: 'Tfsync', dialects: L, msg: { type: MsgType.Tfsync, tag: 1, fid: 3, datasync: 1 }, bytes: frame(50, 1, (b) => b.u32(3).u32(1)) },
  { name: 'Rfsync', dialects: L, msg: { type: MsgType.Rfsync, tag: 1 }, bytes: frame(51, 1) },
  {
    name: 'Tlock', dialects: L,
    msg: { type: MsgType.Tlock, tag: 1, fid: 3, lockType: 1, flags: 1, start: 0n, length: 0n, procId: 4242, clientId: 'host' },
    bytes: frame(52, 1, (b) => b.u32(3).u8(1).u32(1).u64(0n).u64(0n).u32(4242).str('host')),
  },
  { name: 'Rlock', dialects: L, msg: { type: MsgType.Rlock, tag: 1, status: 0 }, bytes: frame(53, 1, (b) => b.u8(0)) },
  {
    name: 'Tgetlock', dialects: L,
    msg: { type: MsgType.Tgetlock, tag: 1, fid: 3, lockType: 0, start: 10n, length: MAX64, procId: 1, clientId: 'host' },
    bytes: frame(54, 1, (b) => b.u32(3).u8(0).u64(10n).u64(MAX64).u32(1).str('host')),
  },
  {
    name: 'Rgetlock', dialects: L,
    msg: { type: MsgType.Rgetlock, tag: 1, lockType: 2, start: 10n, length: 20n, procId: 7, clientId: 'other' },
    bytes: frame(55, 1, (b) => b.u8(2).u64(10n).u64(20n).u32(7).str('other')),
  },
  {
    name: 'Tlink', dialects: L,
    msg: { type: MsgType.Tlink, tag: 1, dfid: 2, fid: 3, name: 'hard' },
    bytes: frame(70, 1, (b) => b.u32(2).u32(3).str('hard')),
  },
  { name: 'Rlink', dialects: L, msg: { type: MsgType.Rlink, tag: 1 }, bytes: frame(71, 1) },
  {
    name: 'Trenameat', dialects: L,
    msg: { type: MsgType.Trenameat, tag: 1, olddirfid: 2, oldname: 'a', newdirfid: 3, newname: 'b' },
    bytes: frame(74, 1, (b) => b.u32(2).str('a').u32(3).str('b')),
  },
  { name: 'Rrenameat', dialects: L, msg: { type: MsgType.Rrenameat, tag: 1 }, bytes: frame(75, 1) },
  { name: 'Runlinkat', dialects: L, msg: { type: MsgType.Runlinkat, tag: 1 }, bytes: frame(77, 1) },

  // ---- captured from Linux 6.1 v9fs ↔ diod 1.0.24, verbatim ----
  {
    name: 'Linux Tversion', dialects: ALL,
    msg: { type: MsgType.Tversion, tag: 0xffff, msize: 131072, version: '9P2000.L' },
    bytes: hex('15000000 64 ffff 00000200 0800 395032303030 2e4c'),
  },
  {
    name: 'diod Rversion', dialects: ALL,
    msg: { type: MsgType.Rversion, tag: 0xffff, msize: 65536, version: '9P2000.L' },
    bytes: hex('15000000 65 ffff 00000100 0800 395032303030 2e4c'),
  },
  {
    name: 'Linux Tattach', dialects: L,
    msg: { type: MsgType.Tattach, tag: 0, fid: 0, afid: 0xffffffff, uname: 'root', aname: '/g', nUname: 0xffffffff },
    bytes: hex('1d000000 68 0000 00000000 ffffffff 0400 726f6f74 0200 2f67 ffffffff'),
  },
  {
    name: 'diod Rattach', dialects: L,
    msg: { type: MsgType.Rattach, tag: 0, qid: { type: 0x80, vers: 0, path: 0x21688fn } },
    bytes: hex('14000000 69 0000 80 00000000 8f68210000000000'),
  },
  {
    name: 'Linux Tgetattr', dialects: L,
    msg: { type: MsgType.Tgetattr, tag: 0, fid: 0, requestMask: 0x7ffn },
    bytes: hex('13000000 18 0000 00000000 ff07000000000000'),
  },
  {
    name: 'Linux Twalk', dialects: L,
    msg: { type: MsgType.Twalk, tag: 0, fid: 1, newfid: 2, wname: ['d1'] },
    bytes: hex('15000000 6e 0000 01000000 02000000 0100 0200 6431'),
  },
  {
    name: 'diod Rlerror', dialects: L,
    msg: { type: MsgType.Rlerror, tag: 0, ecode: 2 },
    bytes: hex('0b000000 07 0000 02000000'),
  },
  {
    name: 'Linux Tmkdir', dialects: L,
    msg: { type: MsgType.Tmkdir, tag: 0, dfid: 1, name: 'd1', mode: 0o40755, gid: 0 },
    bytes: hex('17000000 48 0000 01000000 0200 6431 ed410000 00000000'),
  },
  {
    name: 'diod Rmkdir', dialects: L,
    msg: { type: MsgType.Rmkdir, tag: 0, qid: { type: 0x80, vers: 0, path: 0x21a1dbn } },
    bytes: hex('14000000 49 0000 80 00000000 dba1210000000000'),
  },
  {
    name: 'diod Rwalk', dialects: L,
    msg: { type: MsgType.Rwalk, tag: 0, wqid: [{ type: 0x80, vers: 0, path: 0x21a1dbn }] },
    bytes: hex('16000000 6f 0000 0100 80 00000000 dba1210000000000'),
  },
  {
    name: 'Linux Tlcreate', dialects: L,
    msg: { type: MsgType.Tlcreate, tag: 0, fid: 3, name: 'f', flags: 0x8041, mode: 0o100644, gid: 0 },
    bytes: hex('1a000000 0e 0000 03000000 0100 66 41800000 a4810000 00000000'),
  },
  {
    name: 'Linux Tlopen', dialects: L,
    msg: { type: MsgType.Tlopen, tag: 0, fid: 4, flags: 0o100000 },
    bytes: hex('0f000000 0c 0000 04000000 00800000'),
  },
  {
    name: 'Linux Tsetattr', dialects: L,
    msg: {
      type: MsgType.Tsetattr, tag: 0, fid: 4, valid: 0x68, mode: 0, uid: 0xffffffff, gid: 0xffffffff, size: 0n,
      atimeSec: 0n, atimeNsec: 0n, mtimeSec: 0n, mtimeNsec: 0n,
    },
    bytes: hex(`43000000 1a 0000 04000000 68000000 00000000 ffffffff ffffffff 0000000000000000
                0000000000000000 0000000000000000 0000000000000000 0000000000000000`),
  },
  { name: 'diod Rsetattr', dialects: L, msg: { type: MsgType.Rsetattr, tag: 0 }, bytes: hex('07000000 1b 0000') },
  {
    name: 'Linux Tunlinkat', dialects: L,
    msg: { type: MsgType.Tunlinkat, tag: 0, dirfid: 2, name: 'f', flags: 0 },
    bytes: hex('12000000 4c 0000 02000000 0100 66 00000000'),
  },
];

/** Every (vector, dialect) pair. */
export function cases(): { v: Vector; dialect: Dialect }[] {
  return vectors.flatMap((v) => v.dialects.map((dialect) => ({ v, dialect })));
}
