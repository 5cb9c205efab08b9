// The decoded form of every 9P message: one interface per message, joined in the `Fcall`
// discriminated union on `type`. Field names follow the manual pages (intro(5) … wstat(5),
// the 9P2000.u draft, diod's protocol.md for 9P2000.L) in camelCase: n_uname → nUname,
// request_mask → requestMask. Every 64-bit wire field is a bigint so nothing loses precision
// (Twstat's "don't touch" length is 2^64-1); 8-, 16- and 32-bit fields are numbers (unsigned).
//
// Dialect-only fields are optional: decoding a 9P2000 frame never sets them, decoding a
// 9P2000.u/.L frame always does, and encoding uses the documented default when one is absent.

import type { Dir, Qid } from '../../lib9/dir.js';
import { MsgType } from './msg-type.js';

export type { Dir, Qid } from '../../lib9/dir.js';
export { MsgType } from './msg-type.js';

/**
 * A stat structure (stat(5)): a Dir, whose `length` is a bigint because it is 64-bit on the
 * wire. The 9P2000.u fields are present after decoding a .u stat; when encoding for .u an
 * absent field is written as '' (extension) or ~0 (NONUNAME).
 */
export interface Stat extends Dir {
  /** 9P2000.u: symlink target, device "b|c major minor", or hard-link fid, per mode. */
  extension?: string;
  /** 9P2000.u numeric owner; ~0 when unknown. */
  nUid?: number;
  /** 9P2000.u numeric group; ~0 when unknown. */
  nGid?: number;
  /** 9P2000.u numeric last modifier; ~0 when unknown. */
  nMuid?: number;
}

/** A 9P2000.u stat with its extension fields all present (what decoding .u yields). */
export interface StatU extends Stat {
  /** 9P2000.u: symlink target, device spec or hard-link fid ('' for a plain file). */
  extension: string;
  /** 9P2000.u numeric owner; ~0 when unknown. */
  nUid: number;
  /** 9P2000.u numeric group; ~0 when unknown. */
  nGid: number;
  /** 9P2000.u numeric last modifier; ~0 when unknown. */
  nMuid: number;
}

/** One 9P2000.L directory entry inside Rreaddir data: qid[13] offset[8] type[1] name[s]. */
export interface Dirent {
  /** The entry's qid. */
  qid: Qid;
  /** Opaque cookie: a Treaddir at this offset resumes after this entry. */
  offset: bigint;
  /** The d_type of the entry (DT_DIR 4, DT_REG 8, …). */
  type: number;
  /** The entry's name. */
  name: string;
}

// ---- 9P2000 (and the 9P2000.u additions) ----

/** version(5) request: negotiates the protocol and msize; resets the session. */
export interface Tversion { type: MsgType.Tversion; tag: number; msize: number; version: string }
/** version(5) reply: the msize and protocol the server accepts. */
export interface Rversion { type: MsgType.Rversion; tag: number; msize: number; version: string }
/** attach(5) Tauth: asks for an authentication file (segfs needs none). */
export interface Tauth {
  type: MsgType.Tauth; tag: number; afid: number; uname: string; aname: string;
  /** 9P2000.u/.L numeric user; encoded as NONUNAME (~0) when absent. */
  nUname?: number;
}
/** attach(5) Rauth: the authentication file's qid. */
export interface Rauth { type: MsgType.Rauth; tag: number; aqid: Qid }
/** attach(5) request: a fid for the root of tree `aname`, for user `uname`. */
export interface Tattach {
  type: MsgType.Tattach; tag: number; fid: number; afid: number; uname: string; aname: string;
  /** 9P2000.u/.L numeric user; encoded as NONUNAME (~0) when absent. */
  nUname?: number;
}
/** attach(5) reply: the root's qid. */
export interface Rattach { type: MsgType.Rattach; tag: number; qid: Qid }
/** error(5): the reply to a refused request (9P2000, 9P2000.u). */
export interface Rerror {
  type: MsgType.Rerror; tag: number; ename: string;
  /** 9P2000.u errno; encoded as 0 ("use the string") when absent. */
  errno?: number;
}
/** flush(5) request: abandon request `oldtag`. */
export interface Tflush { type: MsgType.Tflush; tag: number; oldtag: number }
/** flush(5) reply: `oldtag` is answered or abandoned; its tag may be reused. */
export interface Rflush { type: MsgType.Rflush; tag: number }
/** walk(5) request: walk `newfid` from `fid` through `wname`. */
export interface Twalk { type: MsgType.Twalk; tag: number; fid: number; newfid: number; wname: string[] }
/** walk(5) reply. */
export interface Rwalk { type: MsgType.Rwalk; tag: number; wqid: Qid[] }
/** open(5) request: open `fid` with `mode`. */
export interface Topen { type: MsgType.Topen; tag: number; fid: number; mode: number }
/** open(5) reply. */
export interface Ropen { type: MsgType.Ropen; tag: number; qid: Qid; iounit: number }
/** open(5) Tcreate: create `name` in directory `fid` and open it. */
export interface Tcreate {
  type: MsgType.Tcreate; tag: number; fid: number; name: string; perm: number; mode: number;
  /** 9P2000.u: symlink target or device spec; encoded as '' when absent. */
  extension?: string;
}
/** open(5) Rcreate. */
export interface Rcreate { type: MsgType.Rcreate; tag: number; qid: Qid; iounit: number }
/** read(5) request: `count` bytes at `offset` of `fid`. */
export interface Tread { type: MsgType.Tread; tag: number; fid: number; offset: bigint; count: number }
/** read(5) reply. `data` is a view into the decoded frame (not a copy); its length is the count. */
export interface Rread { type: MsgType.Rread; tag: number; data: Uint8Array }
/** read(5) Twrite: `data` at `offset` of `fid`. `data` is a view into the decoded frame (not a copy); its length is the count. */
export interface Twrite { type: MsgType.Twrite; tag: number; fid: number; offset: bigint; data: Uint8Array }
/** read(5) Rwrite. */
export interface Rwrite { type: MsgType.Rwrite; tag: number; count: number }
/** clunk(5) request: forget `fid`. */
export interface Tclunk { type: MsgType.Tclunk; tag: number; fid: number }
/** clunk(5) reply. */
export interface Rclunk { type: MsgType.Rclunk; tag: number }
/** remove(5) request: remove the file of `fid` and clunk it. */
export interface Tremove { type: MsgType.Tremove; tag: number; fid: number }
/** remove(5) reply. */
export interface Rremove { type: MsgType.Rremove; tag: number }
/** stat(5) request. */
export interface Tstat { type: MsgType.Tstat; tag: number; fid: number }
/** stat(5) reply. */
export interface Rstat { type: MsgType.Rstat; tag: number; stat: Stat }
/** stat(5) Twstat: change the fields of `stat` that are not "don't touch". */
export interface Twstat { type: MsgType.Twstat; tag: number; fid: number; stat: Stat }
/** stat(5) Rwstat. */
export interface Rwstat { type: MsgType.Rwstat; tag: number }

// ---- 9P2000.L ----

/** 9P2000.L error reply: a Linux errno. */
export interface Rlerror { type: MsgType.Rlerror; tag: number; ecode: number }
/** 9P2000.L statfs(2) request. */
export interface Tstatfs { type: MsgType.Tstatfs; tag: number; fid: number }
/** 9P2000.L statfs(2) reply. */
export interface Rstatfs {
  type: MsgType.Rstatfs; tag: number;
  /** f_type (u32) */
  fsType: number;
  bsize: number;
  blocks: bigint; bfree: bigint; bavail: bigint; files: bigint; ffree: bigint; fsid: bigint;
  namelen: number;
}
/** 9P2000.L open request, with Linux open flags. */
export interface Tlopen { type: MsgType.Tlopen; tag: number; fid: number; flags: number }
/** 9P2000.L open reply. */
export interface Rlopen { type: MsgType.Rlopen; tag: number; qid: Qid; iounit: number }
/** 9P2000.L create request: create `name` in directory `fid` and open it. */
export interface Tlcreate {
  type: MsgType.Tlcreate; tag: number; fid: number; name: string; flags: number; mode: number; gid: number;
}
/** 9P2000.L create reply. */
export interface Rlcreate { type: MsgType.Rlcreate; tag: number; qid: Qid; iounit: number }
/** 9P2000.L symlink request. */
export interface Tsymlink { type: MsgType.Tsymlink; tag: number; fid: number; name: string; symtgt: string; gid: number }
/** 9P2000.L symlink reply. */
export interface Rsymlink { type: MsgType.Rsymlink; tag: number; qid: Qid }
/** 9P2000.L mknod request. */
export interface Tmknod {
  type: MsgType.Tmknod; tag: number; dfid: number; name: string; mode: number; major: number; minor: number; gid: number;
}
/** 9P2000.L mknod reply. */
export interface Rmknod { type: MsgType.Rmknod; tag: number; qid: Qid }
/** 9P2000.L rename request: move `fid` to `name` in `dfid`. */
export interface Trename { type: MsgType.Trename; tag: number; fid: number; dfid: number; name: string }
/** 9P2000.L rename reply. */
export interface Rrename { type: MsgType.Rrename; tag: number }
/** 9P2000.L readlink request. */
export interface Treadlink { type: MsgType.Treadlink; tag: number; fid: number }
/** 9P2000.L readlink reply. */
export interface Rreadlink { type: MsgType.Rreadlink; tag: number; target: string }
/** 9P2000.L getattr request (stat(2)). */
export interface Tgetattr { type: MsgType.Tgetattr; tag: number; fid: number; requestMask: bigint }
/** 9P2000.L getattr reply: the attributes, times in seconds and nanoseconds. */
export interface Rgetattr {
  type: MsgType.Rgetattr; tag: number;
  valid: bigint; qid: Qid; mode: number; uid: number; gid: number;
  nlink: bigint; rdev: bigint; size: bigint; blksize: bigint; blocks: bigint;
  atimeSec: bigint; atimeNsec: bigint; mtimeSec: bigint; mtimeNsec: bigint;
  ctimeSec: bigint; ctimeNsec: bigint; btimeSec: bigint; btimeNsec: bigint;
  gen: bigint; dataVersion: bigint;
}
/** 9P2000.L setattr request: change the attributes `valid` names. */
export interface Tsetattr {
  type: MsgType.Tsetattr; tag: number; fid: number;
  valid: number; mode: number; uid: number; gid: number; size: bigint;
  atimeSec: bigint; atimeNsec: bigint; mtimeSec: bigint; mtimeNsec: bigint;
}
/** 9P2000.L setattr reply. */
export interface Rsetattr { type: MsgType.Rsetattr; tag: number }
/** 9P2000.L xattrwalk request: `newfid` for reading attribute `name` (or the list, for ''). */
export interface Txattrwalk { type: MsgType.Txattrwalk; tag: number; fid: number; newfid: number; name: string }
/** 9P2000.L xattrwalk reply. */
export interface Rxattrwalk { type: MsgType.Rxattrwalk; tag: number; size: bigint }
/** 9P2000.L xattrcreate request: `fid` becomes attribute `name` to write. */
export interface Txattrcreate {
  type: MsgType.Txattrcreate; tag: number; fid: number; name: string; attrSize: bigint; flags: number;
}
/** 9P2000.L xattrcreate reply. */
export interface Rxattrcreate { type: MsgType.Rxattrcreate; tag: number }
/** 9P2000.L readdir request: entries of directory `fid` after cookie `offset`. */
export interface Treaddir { type: MsgType.Treaddir; tag: number; fid: number; offset: bigint; count: number }
/**
 * `data` is the packed entries (see encodeDirent/decodeDirents), a view into the decoded
 * frame; its length is the count.
 */
export interface Rreaddir { type: MsgType.Rreaddir; tag: number; data: Uint8Array }
/** 9P2000.L fsync request. */
export interface Tfsync { type: MsgType.Tfsync; tag: number; fid: number; datasync: number }
/** 9P2000.L fsync reply. */
export interface Rfsync { type: MsgType.Rfsync; tag: number }
/** 9P2000.L lock request (fcntl F_SETLK). */
export interface Tlock {
  type: MsgType.Tlock; tag: number; fid: number;
  /** P9_LOCK_TYPE_RDLCK 0, WRLCK 1, UNLCK 2 */
  lockType: number;
  flags: number; start: bigint; length: bigint; procId: number; clientId: string;
}
/** 9P2000.L lock reply. */
export interface Rlock {
  type: MsgType.Rlock; tag: number;
  /** P9_LOCK_SUCCESS 0, BLOCKED 1, ERROR 2, GRACE 3 */
  status: number;
}
/** 9P2000.L getlock request (fcntl F_GETLK). */
export interface Tgetlock {
  type: MsgType.Tgetlock; tag: number; fid: number;
  lockType: number; start: bigint; length: bigint; procId: number; clientId: string;
}
/** 9P2000.L getlock reply: the lock that would block, or UNLCK. */
export interface Rgetlock {
  type: MsgType.Rgetlock; tag: number;
  lockType: number; start: bigint; length: bigint; procId: number; clientId: string;
}
/** 9P2000.L link request: a hard link `name` in `dfid` to `fid`. */
export interface Tlink { type: MsgType.Tlink; tag: number; dfid: number; fid: number; name: string }
/** 9P2000.L link reply. */
export interface Rlink { type: MsgType.Rlink; tag: number }
/** 9P2000.L mkdir request. */
export interface Tmkdir { type: MsgType.Tmkdir; tag: number; dfid: number; name: string; mode: number; gid: number }
/** 9P2000.L mkdir reply. */
export interface Rmkdir { type: MsgType.Rmkdir; tag: number; qid: Qid }
/** 9P2000.L renameat request. */
export interface Trenameat {
  type: MsgType.Trenameat; tag: number; olddirfid: number; oldname: string; newdirfid: number; newname: string;
}
/** 9P2000.L renameat reply. */
export interface Rrenameat { type: MsgType.Rrenameat; tag: number }
/** 9P2000.L unlinkat request: remove `name` from `dirfid`. */
export interface Tunlinkat {
  type: MsgType.Tunlinkat; tag: number; dirfid: number; name: string;
  /** AT_REMOVEDIR 0x200 */
  flags: number;
}
/** 9P2000.L unlinkat reply. */
export interface Runlinkat { type: MsgType.Runlinkat; tag: number }

/** Messages common to all dialects, or with a per-dialect layout (Tauth, Tattach, Rerror). */
export type Fcall9P2000 =
  | Tversion | Rversion | Tauth | Rauth | Tattach | Rattach | Rerror | Tflush | Rflush
  | Twalk | Rwalk | Topen | Ropen | Tcreate | Rcreate | Tread | Rread | Twrite | Rwrite
  | Tclunk | Rclunk | Tremove | Rremove | Tstat | Rstat | Twstat | Rwstat;

/** Messages only 9P2000.L defines. */
export type Fcall9P2000L =
  | Rlerror | Tstatfs | Rstatfs | Tlopen | Rlopen | Tlcreate | Rlcreate | Tsymlink | Rsymlink
  | Tmknod | Rmknod | Trename | Rrename | Treadlink | Rreadlink | Tgetattr | Rgetattr
  | Tsetattr | Rsetattr | Txattrwalk | Rxattrwalk | Txattrcreate | Rxattrcreate
  | Treaddir | Rreaddir | Tfsync | Rfsync | Tlock | Rlock | Tgetlock | Rgetlock
  | Tlink | Rlink | Tmkdir | Rmkdir | Trenameat | Rrenameat | Tunlinkat | Runlinkat;

/** Any 9P message, discriminated by `type`. */
export type Fcall = Fcall9P2000 | Fcall9P2000L;

/** The message interface for one type number: `FcallOf<MsgType.Tread>` is `Tread`. */
export type FcallOf<T extends MsgType> = Extract<Fcall, { type: T }>;

/** Messages whose payload can be written separately from their header (encodeHeader). */
export type PayloadFcall = Rread | Twrite | Rreaddir;
