// The 9P2000.L requests, as Linux v9fs sends them, turned into the same Dev calls
// as their 9P2000 twins: Tlopen → open, Tlcreate → create, Tmkdir → create with DMDIR on a
// clone, Tgetattr → stat, Tsetattr → wstat, Treaddir → readdir, Tunlinkat → walk + remove.
// `echo … > ctl` arrives as Tlopen(O_WRONLY|O_CREAT), Txattrwalk, Tsetattr(size 0), Twrite:
// O_CREAT is ignored, the xattr walk fails with ENODATA (Linux goes on), and truncation to 0
// is a no-op, as Plan 9's OTRUNC is on synthetic files.

import type { DirChanges } from '../../lib9/dir.js';
import { Eisdir, Enodata, Enosys, Enotdir, Enotsup, error } from '../../lib9/errors.js';
import { DMDIR, OREAD, QTDIR } from '../../lib9/modes.js';
import { MsgType } from '../codec/msg-type.js';
import type {
  Fcall, Tgetattr, Tgetlock, Tlcreate, Tmkdir, Tsetattr, Tunlinkat,
} from '../codec/types.js';
import { readdirL } from './dir-read.js';
import { closeChan } from './fid.js';
import { checkName, copyQid, createIn, open } from './handlers.js';
import {
  AT_REMOVEDIR, NOVAL32, omodeFromLinux, SETATTR_GID,
  SETATTR_MODE, SETATTR_SIZE, SETATTR_UID, V9FS_MAGIC,
} from '../codec/linux.js';
import { always, then, type Maybe } from './maybe.js';
import { RgetattrReply } from './getattr-reply.js';
import type { Reply } from './reply.js';
import type { Req } from './req.js';
import type { SessionState as Session } from './session-state.js';

/** P9_LOCK_SUCCESS, and F_UNLCK for Rgetlock: locks are advisory and always granted. */
const LOCK_SUCCESS = 0;
const LOCK_TYPE_UNLCK = 2;

/** Routes a 9P2000.L-only request. */
export function dispatchDotl(s: Session, req: Req, f: Fcall): Maybe<Reply> {
  switch (f.type) {
    case MsgType.Tlopen:	return open(s, req, f.fid, omodeFromLinux(f.flags), MsgType.Rlopen);
    case MsgType.Tlcreate:	return lcreate(s, req, f);
    case MsgType.Tmkdir:	return mkdir(s, req, f);
    case MsgType.Tgetattr:	return getattr(s, req, f);
    case MsgType.Tsetattr:	return setattr(s, req, f);
    case MsgType.Treaddir:	return readdir(s, req, f.fid, f.offset, f.count);
    case MsgType.Tstatfs:	return statfs(s, req, f.fid);
    case MsgType.Tfsync:	return done(s, req, f.fid, MsgType.Rfsync);
    case MsgType.Tlock:	return lock(s, req, f.fid);
    case MsgType.Tgetlock:	return getlock(s, req, f);
    case MsgType.Txattrwalk:	return xattrwalk(s, req, f.fid, f.name);
    case MsgType.Tunlinkat:	return unlinkat(s, req, f);
    // known, and not offered by a Plan 9 device: EOPNOTSUPP makes Linux fall back or fail cleanly
    case MsgType.Txattrcreate:
    case MsgType.Trenameat:
    case MsgType.Trename:
    case MsgType.Tsymlink:
    case MsgType.Tmknod:
    case MsgType.Treadlink:
    case MsgType.Tlink:
      error(Enotsup);
    default:
      error(Enosys);
  }
}

function lcreate(s: Session, req: Req, f: Tlcreate): Maybe<Reply> {
  return createIn(s, req, f.fid, f.name, f.mode & 0o777, omodeFromLinux(f.flags), MsgType.Rlcreate);
}

/** Tmkdir leaves dfid as it is: the directory is created through a clone, then let go. */
function mkdir(s: Session, req: Req, f: Tmkdir): Maybe<Reply> {
  const dir = req.hold(s.fids.get(f.dfid));
  if (!dir.isDir) error(Enotdir);
  checkName(f.name);
  return then(s.dev.walk(dir.chan, []), (res) => {
    const clone = res.chan;
    if (clone === undefined) error(Enotdir);
    return always(
      () => then(s.dev.create(clone, f.name, OREAD, (DMDIR | (f.mode & 0o777)) >>> 0),
        (): Reply => ({ type: MsgType.Rmkdir, tag: f.tag, qid: copyQid(clone.qid) })),
      () => closeChan(clone));
  });
}

function getattr(s: Session, req: Req, f: Tgetattr): Maybe<Reply> {
  const fid = req.hold(s.fids.get(f.fid));
  const d = s.dev.stat(fid.chan);
  // the common synchronous answer needs no closure
  return d instanceof Promise
    ? d.then((v) => new RgetattrReply(f.tag, v, s.config.users, s.msize))
    : new RgetattrReply(f.tag, d, s.config.users, s.msize);
}

/**
 * Tsetattr as a wstat: mode (permission bits; DMDIR kept as the file has it), uid and gid
 * (numbers mapped to names). Size 0 is accepted and does nothing (Linux's truncate for
 * `echo > file`; Plan 9 devices truncate on open, if at all); another size is passed on as
 * the wstat length. Times are ignored: Plan 9 devices keep their own.
 */
function setattr(s: Session, req: Req, f: Tsetattr): Maybe<Reply> {
  const fid = req.hold(s.fids.get(f.fid));
  const u = s.config.users;
  const ch: DirChanges = {};
  if ((f.valid & SETATTR_UID) && f.uid !== NOVAL32) ch.uid = u.nameOf(f.uid);
  if ((f.valid & SETATTR_GID) && f.gid !== NOVAL32) ch.gid = u.nameOf(f.gid);
  if ((f.valid & SETATTR_SIZE) && f.size !== 0n) ch.length = f.size;
  const done = (): Reply => ({ type: MsgType.Rsetattr, tag: f.tag });
  const apply = (): Maybe<Reply> => (Object.keys(ch).length > 0 ? then(s.dev.wstat(fid.chan, ch), done) : done());
  if ((f.valid & SETATTR_MODE) === 0) return apply();
  return then(s.dev.stat(fid.chan), (d) => {
    ch.mode = ((d.mode & DMDIR) | (f.mode & 0o777)) >>> 0;
    return apply();
  });
}

function readdir(s: Session, req: Req, fidno: number, offset: bigint, count: number): Maybe<Reply> {
  const fid = req.hold(s.fids.get(fidno));
  return readdirL(s, req, fid, offset, Math.min(count, s.iounit));
}

function statfs(s: Session, req: Req, fidno: number): Reply {
  req.hold(s.fids.get(fidno));
  return {
    type: MsgType.Rstatfs, tag: req.tag, fsType: V9FS_MAGIC, bsize: s.iounit,
    blocks: 0n, bfree: 0n, bavail: 0n, files: 0n, ffree: 0n, fsid: 0n, namelen: 127,
  };
}

/** Requests that only need a valid fid (Tfsync: nothing is cached). */
function done(s: Session, req: Req, fidno: number, type: MsgType.Rfsync): Reply {
  req.hold(s.fids.get(fidno));
  return { type, tag: req.tag };
}

function lock(s: Session, req: Req, fidno: number): Reply {
  req.hold(s.fids.get(fidno));
  return { type: MsgType.Rlock, tag: req.tag, status: LOCK_SUCCESS };
}

function getlock(s: Session, req: Req, f: Tgetlock): Reply {
  req.hold(s.fids.get(f.fid));
  return {
    type: MsgType.Rgetlock, tag: f.tag, lockType: LOCK_TYPE_UNLCK,
    start: f.start, length: f.length, procId: f.procId, clientId: f.clientId,
  };
}

/** No extended attributes: a named one is ENODATA (Linux then writes on), a listing EOPNOTSUPP. */
function xattrwalk(s: Session, req: Req, fidno: number, name: string): Reply {
  req.hold(s.fids.get(fidno));
  if (name === '') error(Enotsup);
  error(Enodata);
}

/** unlink/rmdir: walk to the name, check its type against AT_REMOVEDIR, remove. */
function unlinkat(s: Session, req: Req, f: Tunlinkat): Maybe<Reply> {
  const dir = req.hold(s.fids.get(f.dirfid));
  if (!dir.isDir) error(Enotdir);
  checkName(f.name);
  return then(s.dev.walk(dir.chan, [f.name]), (res) => {
    const c = res.chan;
    if (c === undefined) error(Enotdir);
    return always(() => {
      const isDir = (c.qid.type & QTDIR) !== 0;
      if ((f.flags & AT_REMOVEDIR) !== 0 && !isDir) error(Enotdir);
      if ((f.flags & AT_REMOVEDIR) === 0 && isDir) error(Eisdir);
      return then(s.dev.remove(c), (): Reply => ({ type: MsgType.Runlinkat, tag: f.tag }));
    }, () => closeChan(c));
  });
}
