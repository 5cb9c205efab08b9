// The 9P2000.L messages (diod protocol.md, Linux net/9p/client.c formats). A .L session
// also uses Tversion, Tauth, Tattach (with n_uname), Tflush, Twalk, Tread, Twrite, Tclunk
// and Tremove from 9P2000; it never uses Topen, Tcreate, Tstat, Twstat or Rerror.

import { CodecError } from './codec-error.js';
import { TYPES_9P2000, base } from './msg-9p2000.js';
import { isBytes } from './msg-codec.js';
import { MsgType } from './msg-type.js';

const L = base;

L.def(MsgType.Rlerror, {
  enc(w, m) { w.u32(m.ecode, 'ecode'); },
  dec(r, tag) { return { type: MsgType.Rlerror, tag, ecode: r.u32('ecode') }; },
});
L.def(MsgType.Tstatfs, {
  enc(w, m) { w.u32(m.fid, 'fid'); },
  dec(r, tag) { return { type: MsgType.Tstatfs, tag, fid: r.u32('fid') }; },
});
L.def(MsgType.Rstatfs, {
  enc(w, m) {
    w.u32(m.fsType, 'fsType'); w.u32(m.bsize, 'bsize');
    w.u64(m.blocks, 'blocks'); w.u64(m.bfree, 'bfree'); w.u64(m.bavail, 'bavail');
    w.u64(m.files, 'files'); w.u64(m.ffree, 'ffree'); w.u64(m.fsid, 'fsid');
    w.u32(m.namelen, 'namelen');
  },
  dec(r, tag) {
    return {
      type: MsgType.Rstatfs, tag, fsType: r.u32('fsType'), bsize: r.u32('bsize'),
      blocks: r.u64('blocks'), bfree: r.u64('bfree'), bavail: r.u64('bavail'),
      files: r.u64('files'), ffree: r.u64('ffree'), fsid: r.u64('fsid'), namelen: r.u32('namelen'),
    };
  },
});
L.def(MsgType.Tlopen, {
  enc(w, m) { w.u32(m.fid, 'fid'); w.u32(m.flags, 'flags'); },
  dec(r, tag) { return { type: MsgType.Tlopen, tag, fid: r.u32('fid'), flags: r.u32('flags') }; },
});
L.def(MsgType.Rlopen, {
  enc(w, m) { w.qid(m.qid, 'qid'); w.u32(m.iounit, 'iounit'); },
  dec(r, tag) { return { type: MsgType.Rlopen, tag, qid: r.qid('qid'), iounit: r.u32('iounit') }; },
});
L.def(MsgType.Tlcreate, {
  enc(w, m) { w.u32(m.fid, 'fid'); w.str(m.name, 'name'); w.u32(m.flags, 'flags'); w.u32(m.mode, 'mode'); w.u32(m.gid, 'gid'); },
  dec(r, tag) {
    return { type: MsgType.Tlcreate, tag, fid: r.u32('fid'), name: r.str('name'), flags: r.u32('flags'), mode: r.u32('mode'), gid: r.u32('gid') };
  },
});
L.def(MsgType.Rlcreate, {
  enc(w, m) { w.qid(m.qid, 'qid'); w.u32(m.iounit, 'iounit'); },
  dec(r, tag) { return { type: MsgType.Rlcreate, tag, qid: r.qid('qid'), iounit: r.u32('iounit') }; },
});
L.def(MsgType.Tsymlink, {
  enc(w, m) { w.u32(m.fid, 'fid'); w.str(m.name, 'name'); w.str(m.symtgt, 'symtgt'); w.u32(m.gid, 'gid'); },
  dec(r, tag) {
    return { type: MsgType.Tsymlink, tag, fid: r.u32('fid'), name: r.str('name'), symtgt: r.str('symtgt'), gid: r.u32('gid') };
  },
});
L.def(MsgType.Rsymlink, {
  enc(w, m) { w.qid(m.qid, 'qid'); },
  dec(r, tag) { return { type: MsgType.Rsymlink, tag, qid: r.qid('qid') }; },
});
L.def(MsgType.Tmknod, {
  enc(w, m) {
    w.u32(m.dfid, 'dfid'); w.str(m.name, 'name'); w.u32(m.mode, 'mode');
    w.u32(m.major, 'major'); w.u32(m.minor, 'minor'); w.u32(m.gid, 'gid');
  },
  dec(r, tag) {
    return {
      type: MsgType.Tmknod, tag, dfid: r.u32('dfid'), name: r.str('name'), mode: r.u32('mode'),
      major: r.u32('major'), minor: r.u32('minor'), gid: r.u32('gid'),
    };
  },
});
L.def(MsgType.Rmknod, {
  enc(w, m) { w.qid(m.qid, 'qid'); },
  dec(r, tag) { return { type: MsgType.Rmknod, tag, qid: r.qid('qid') }; },
});
L.def(MsgType.Trename, {
  enc(w, m) { w.u32(m.fid, 'fid'); w.u32(m.dfid, 'dfid'); w.str(m.name, 'name'); },
  dec(r, tag) { return { type: MsgType.Trename, tag, fid: r.u32('fid'), dfid: r.u32('dfid'), name: r.str('name') }; },
});
L.def(MsgType.Rrename, {
  enc() {},
  dec(_r, tag) { return { type: MsgType.Rrename, tag }; },
});
L.def(MsgType.Treadlink, {
  enc(w, m) { w.u32(m.fid, 'fid'); },
  dec(r, tag) { return { type: MsgType.Treadlink, tag, fid: r.u32('fid') }; },
});
L.def(MsgType.Rreadlink, {
  enc(w, m) { w.str(m.target, 'target'); },
  dec(r, tag) { return { type: MsgType.Rreadlink, tag, target: r.str('target') }; },
});
L.def(MsgType.Tgetattr, {
  enc(w, m) { w.u32(m.fid, 'fid'); w.u64(m.requestMask, 'requestMask'); },
  dec(r, tag) { return { type: MsgType.Tgetattr, tag, fid: r.u32('fid'), requestMask: r.u64('requestMask') }; },
});
L.def(MsgType.Rgetattr, {
  enc(w, m) {
    w.u64(m.valid, 'valid'); w.qid(m.qid, 'qid');
    w.u32(m.mode, 'mode'); w.u32(m.uid, 'uid'); w.u32(m.gid, 'gid');
    w.u64(m.nlink, 'nlink'); w.u64(m.rdev, 'rdev'); w.u64(m.size, 'size');
    w.u64(m.blksize, 'blksize'); w.u64(m.blocks, 'blocks');
    w.u64(m.atimeSec, 'atimeSec'); w.u64(m.atimeNsec, 'atimeNsec');
    w.u64(m.mtimeSec, 'mtimeSec'); w.u64(m.mtimeNsec, 'mtimeNsec');
    w.u64(m.ctimeSec, 'ctimeSec'); w.u64(m.ctimeNsec, 'ctimeNsec');
    w.u64(m.btimeSec, 'btimeSec'); w.u64(m.btimeNsec, 'btimeNsec');
    w.u64(m.gen, 'gen'); w.u64(m.dataVersion, 'dataVersion');
  },
  dec(r, tag) {
    return {
      type: MsgType.Rgetattr, tag,
      valid: r.u64('valid'), qid: r.qid('qid'), mode: r.u32('mode'), uid: r.u32('uid'), gid: r.u32('gid'),
      nlink: r.u64('nlink'), rdev: r.u64('rdev'), size: r.u64('size'), blksize: r.u64('blksize'), blocks: r.u64('blocks'),
      atimeSec: r.u64('atimeSec'), atimeNsec: r.u64('atimeNsec'), mtimeSec: r.u64('mtimeSec'), mtimeNsec: r.u64('mtimeNsec'),
      ctimeSec: r.u64('ctimeSec'), ctimeNsec: r.u64('ctimeNsec'), btimeSec: r.u64('btimeSec'), btimeNsec: r.u64('btimeNsec'),
      gen: r.u64('gen'), dataVersion: r.u64('dataVersion'),
    };
  },
});
L.def(MsgType.Tsetattr, {
  enc(w, m) {
    w.u32(m.fid, 'fid'); w.u32(m.valid, 'valid'); w.u32(m.mode, 'mode'); w.u32(m.uid, 'uid'); w.u32(m.gid, 'gid');
    w.u64(m.size, 'size');
    w.u64(m.atimeSec, 'atimeSec'); w.u64(m.atimeNsec, 'atimeNsec');
    w.u64(m.mtimeSec, 'mtimeSec'); w.u64(m.mtimeNsec, 'mtimeNsec');
  },
  dec(r, tag) {
    return {
      type: MsgType.Tsetattr, tag, fid: r.u32('fid'), valid: r.u32('valid'), mode: r.u32('mode'),
      uid: r.u32('uid'), gid: r.u32('gid'), size: r.u64('size'),
      atimeSec: r.u64('atimeSec'), atimeNsec: r.u64('atimeNsec'), mtimeSec: r.u64('mtimeSec'), mtimeNsec: r.u64('mtimeNsec'),
    };
  },
});
L.def(MsgType.Rsetattr, {
  enc() {},
  dec(_r, tag) { return { type: MsgType.Rsetattr, tag }; },
});
L.def(MsgType.Txattrwalk, {
  enc(w, m) { w.u32(m.fid, 'fid'); w.u32(m.newfid, 'newfid'); w.str(m.name, 'name'); },
  dec(r, tag) { return { type: MsgType.Txattrwalk, tag, fid: r.u32('fid'), newfid: r.u32('newfid'), name: r.str('name') }; },
});
L.def(MsgType.Rxattrwalk, {
  enc(w, m) { w.u64(m.size, 'size'); },
  dec(r, tag) { return { type: MsgType.Rxattrwalk, tag, size: r.u64('size') }; },
});
L.def(MsgType.Txattrcreate, {
  enc(w, m) { w.u32(m.fid, 'fid'); w.str(m.name, 'name'); w.u64(m.attrSize, 'attrSize'); w.u32(m.flags, 'flags'); },
  dec(r, tag) {
    return { type: MsgType.Txattrcreate, tag, fid: r.u32('fid'), name: r.str('name'), attrSize: r.u64('attrSize'), flags: r.u32('flags') };
  },
});
L.def(MsgType.Rxattrcreate, {
  enc() {},
  dec(_r, tag) { return { type: MsgType.Rxattrcreate, tag }; },
});
L.def(MsgType.Treaddir, {
  enc(w, m) { w.u32(m.fid, 'fid'); w.u64(m.offset, 'offset'); w.u32(m.count, 'count'); },
  dec(r, tag) { return { type: MsgType.Treaddir, tag, fid: r.u32('fid'), offset: r.u64('offset'), count: r.u32('count') }; },
});
L.def(MsgType.Rreaddir, {
  enc(w, m) {
    if (!isBytes(m.data)) throw new CodecError('E9P_BAD_VALUE', 'cannot encode Rreaddir.data: not a Uint8Array');
    w.u32(m.data.length, 'count');
  },
  dec(r, tag) {
    const count = r.u32('count');
    return { type: MsgType.Rreaddir, tag, data: r.bytes(count, 'data') };
  },
  payload(m) { return m.data; },
});
L.def(MsgType.Tfsync, {
  enc(w, m) { w.u32(m.fid, 'fid'); w.u32(m.datasync, 'datasync'); },
  dec(r, tag) { return { type: MsgType.Tfsync, tag, fid: r.u32('fid'), datasync: r.u32('datasync') }; },
});
L.def(MsgType.Rfsync, {
  enc() {},
  dec(_r, tag) { return { type: MsgType.Rfsync, tag }; },
});
L.def(MsgType.Tlock, {
  enc(w, m) {
    w.u32(m.fid, 'fid'); w.u8(m.lockType, 'lockType'); w.u32(m.flags, 'flags');
    w.u64(m.start, 'start'); w.u64(m.length, 'length'); w.u32(m.procId, 'procId'); w.str(m.clientId, 'clientId');
  },
  dec(r, tag) {
    return {
      type: MsgType.Tlock, tag, fid: r.u32('fid'), lockType: r.u8('lockType'), flags: r.u32('flags'),
      start: r.u64('start'), length: r.u64('length'), procId: r.u32('procId'), clientId: r.str('clientId'),
    };
  },
});
L.def(MsgType.Rlock, {
  enc(w, m) { w.u8(m.status, 'status'); },
  dec(r, tag) { return { type: MsgType.Rlock, tag, status: r.u8('status') }; },
});
L.def(MsgType.Tgetlock, {
  enc(w, m) {
    w.u32(m.fid, 'fid'); w.u8(m.lockType, 'lockType');
    w.u64(m.start, 'start'); w.u64(m.length, 'length'); w.u32(m.procId, 'procId'); w.str(m.clientId, 'clientId');
  },
  dec(r, tag) {
    return {
      type: MsgType.Tgetlock, tag, fid: r.u32('fid'), lockType: r.u8('lockType'),
      start: r.u64('start'), length: r.u64('length'), procId: r.u32('procId'), clientId: r.str('clientId'),
    };
  },
});
L.def(MsgType.Rgetlock, {
  enc(w, m) {
    w.u8(m.lockType, 'lockType'); w.u64(m.start, 'start'); w.u64(m.length, 'length');
    w.u32(m.procId, 'procId'); w.str(m.clientId, 'clientId');
  },
  dec(r, tag) {
    return {
      type: MsgType.Rgetlock, tag, lockType: r.u8('lockType'),
      start: r.u64('start'), length: r.u64('length'), procId: r.u32('procId'), clientId: r.str('clientId'),
    };
  },
});
L.def(MsgType.Tlink, {
  enc(w, m) { w.u32(m.dfid, 'dfid'); w.u32(m.fid, 'fid'); w.str(m.name, 'name'); },
  dec(r, tag) { return { type: MsgType.Tlink, tag, dfid: r.u32('dfid'), fid: r.u32('fid'), name: r.str('name') }; },
});
L.def(MsgType.Rlink, {
  enc() {},
  dec(_r, tag) { return { type: MsgType.Rlink, tag }; },
});
L.def(MsgType.Tmkdir, {
  enc(w, m) { w.u32(m.dfid, 'dfid'); w.str(m.name, 'name'); w.u32(m.mode, 'mode'); w.u32(m.gid, 'gid'); },
  dec(r, tag) { return { type: MsgType.Tmkdir, tag, dfid: r.u32('dfid'), name: r.str('name'), mode: r.u32('mode'), gid: r.u32('gid') }; },
});
L.def(MsgType.Rmkdir, {
  enc(w, m) { w.qid(m.qid, 'qid'); },
  dec(r, tag) { return { type: MsgType.Rmkdir, tag, qid: r.qid('qid') }; },
});
L.def(MsgType.Trenameat, {
  enc(w, m) { w.u32(m.olddirfid, 'olddirfid'); w.str(m.oldname, 'oldname'); w.u32(m.newdirfid, 'newdirfid'); w.str(m.newname, 'newname'); },
  dec(r, tag) {
    return {
      type: MsgType.Trenameat, tag, olddirfid: r.u32('olddirfid'), oldname: r.str('oldname'),
      newdirfid: r.u32('newdirfid'), newname: r.str('newname'),
    };
  },
});
L.def(MsgType.Rrenameat, {
  enc() {},
  dec(_r, tag) { return { type: MsgType.Rrenameat, tag }; },
});
L.def(MsgType.Tunlinkat, {
  enc(w, m) { w.u32(m.dirfid, 'dirfid'); w.str(m.name, 'name'); w.u32(m.flags, 'flags'); },
  dec(r, tag) { return { type: MsgType.Tunlinkat, tag, dirfid: r.u32('dirfid'), name: r.str('name'), flags: r.u32('flags') }; },
});
L.def(MsgType.Runlinkat, {
  enc() {},
  dec(_r, tag) { return { type: MsgType.Runlinkat, tag }; },
});

/** The 9P2000 messages a .L session keeps using. */
const KEPT_FROM_9P2000: readonly MsgType[] = [
  MsgType.Tversion, MsgType.Rversion, MsgType.Tauth, MsgType.Rauth, MsgType.Tattach, MsgType.Rattach,
  MsgType.Tflush, MsgType.Rflush, MsgType.Twalk, MsgType.Rwalk, MsgType.Tread, MsgType.Rread,
  MsgType.Twrite, MsgType.Rwrite, MsgType.Tclunk, MsgType.Rclunk, MsgType.Tremove, MsgType.Rremove,
];

/** The messages only 9P2000.L defines. */
export const TYPES_L_ONLY: readonly MsgType[] = [...L.entries.keys()].filter((t) => !TYPES_9P2000.includes(t));

/** Every message type of a 9P2000.L session. */
export const TYPES_9P2000L: readonly MsgType[] = [...KEPT_FROM_9P2000, ...TYPES_L_ONLY];
