// The s-steps and r-steps of every 9P2000 / 9P2000.u request (lib9p's sX/rX): protocol checks
// before the device is called, connection state updated after it returns. Each handler holds
// the fids it uses (Req.hold) until Session.respond answers it, and touches no state once its
// request has been cancelled. dispatch.ts routes to them; the 9P2000.L requests are in
// handlers-dotl.ts.

import type { Chan, WalkResult } from '../../dev/dev.js';
import type { DirChanges } from '../../lib9/dir.js';
import {
  Ebadchar, Ebadusefid, Edupfid, Eexist, Einval, Eisdir, Enegoff, Enonexist, Enotdir,
  Eunknownfid, Ewstatdir, error,
} from '../../lib9/errors.js';
import { MAXWELEM, NOFID, NONUNAME } from '../codec/constants.js';
import { DMDIR, OEXEC, OREAD, ORCLOSE, OTRUNC, OWRITE } from '../../lib9/modes.js';
import { MsgType } from '../codec/msg-type.js';
import { U64 } from '../../lib9/uarg.js';
import type {
  Qid, Tattach, Tcreate, Tread, Twalk, Twrite, Twstat,
} from '../codec/types.js';
import { readdir9p } from './dir-read.js';
import { toStat } from './wire-stat.js';
import { closeChan, putFid, type Fid } from './fid.js';
import { always, then, type Maybe } from './maybe.js';
import { PAYLOAD_HDRSZ, rawPayloadReply, viewPayloadReply, type Reply } from './reply.js';
import type { Req } from './req.js';
import type { SessionState as Session } from './session-state.js';

const OFFSET_SIGN = 1n << 63n;

/** The user an attach names: uname, or for 9P2000.u/.L with an empty uname the n_uname's name. */
function attachUser(s: Session, uname: string, nUname: number | undefined): string {
  const n = nUname ?? NONUNAME;
  if (uname !== '') {
    s.config.users.bind(uname, n);
    return uname;
  }
  return n === NONUNAME ? 'none' : s.config.users.nameOf(n);
}

export function attach(s: Session, req: Req, f: Tattach): Maybe<Reply> {
  if (f.afid !== NOFID) error(Eunknownfid);
  if (s.fids.has(f.fid)) error(Edupfid);
  if (!s.config.anames.has(f.aname)) error(Enonexist);
  const user = attachUser(s, f.uname, f.nUname);
  return then(s.dev.attach(f.aname, user), (c) => {
    if (req.cancelled) { closeChan(c); return ignored(f.tag); }
    try {
      s.fids.add(f.fid, c, user);
    } catch (e) {
      closeChan(c);
      throw e;
    }
    return { type: MsgType.Rattach, tag: f.tag, qid: copyQid(c.qid) };
  });
}

export function walk(s: Session, req: Req, f: Twalk): Maybe<Reply> {
  const fid = req.hold(s.fids.get(f.fid));
  if (f.wname.length > MAXWELEM) error(Einval);
  if (f.newfid !== f.fid && s.fids.has(f.newfid)) error(Edupfid);
  // walk(5): fid == newfid with no names changes nothing
  if (f.newfid === f.fid && f.wname.length === 0) return { type: MsgType.Rwalk, tag: f.tag, wqid: [] };
  // Linux walks from open fids, always to another newfid: allowed; in place is not
  if (f.newfid === f.fid && (fid.isOpen || fid.opening)) error(Ebadusefid);
  if (f.wname.length > 0 && !fid.isDir) error(Enotdir);
  return then(s.dev.walk(fid.chan, f.wname), (res) => walked(s, req, f, fid, res));
}

function walked(s: Session, req: Req, f: Twalk, fid: Fid, res: WalkResult): Reply {
  if (res.chan === undefined) {
    // a later name failed: the names walked so far, no error, fids untouched (walk(5))
    if (res.qids.length === 0 || res.qids.length >= f.wname.length) error(Enonexist);
    return { type: MsgType.Rwalk, tag: f.tag, wqid: res.qids.map(copyQid) };
  }
  if (req.cancelled) { closeChan(res.chan); return ignored(f.tag); }
  if (f.newfid === f.fid) {
    const old = fid.chan;
    fid.chan = res.chan;
    fid.dirEntries = undefined;
    fid.dirL = undefined;
    closeChan(old);
  } else {
    try {
      s.fids.add(f.newfid, res.chan, fid.user);
    } catch (e) {
      closeChan(res.chan);
      throw e;
    }
  }
  return { type: MsgType.Rwalk, tag: f.tag, wqid: res.qids.map(copyQid) };
}

/** Topen and Tlopen: `mode` is a Plan 9 open mode. */
export function open(s: Session, req: Req, fidno: number, mode: number, replyType: MsgType.Ropen | MsgType.Rlopen): Maybe<Reply> {
  const fid = req.hold(s.fids.get(fidno));
  if (fid.isOpen || fid.opening) error(Ebadusefid);
  const omode = mode & (3 | OTRUNC | ORCLOSE);
  // open(5): a directory may only be opened for reading (remove-on-close aside)
  if (fid.isDir && (omode & ~ORCLOSE) !== OREAD) error(Eisdir);
  fid.opening = true;
  const opened = always(() => s.dev.open(fid.chan, omode), () => { fid.opening = false; });
  return then(opened, (c: Chan) => {
    fid.chan = c;
    fid.omode = omode & 3;
    fid.dirEntries = undefined;
    fid.dirL = undefined;
    fid.dirOffset = 0n;
    fid.dirIndex = 0;
    return { type: replyType, tag: req.tag, qid: copyQid(c.qid), iounit: 0 };
  });
}

export function create(s: Session, req: Req, f: Tcreate): Maybe<Reply> {
  return createIn(s, req, f.fid, f.name, f.perm, f.mode, MsgType.Rcreate);
}

/** Tcreate and Tlcreate: afterwards the fid is the new file, open (create(5)). */
export function createIn(s: Session, req: Req, fidno: number, name: string, perm: number, mode: number,
  replyType: MsgType.Rcreate | MsgType.Rlcreate): Maybe<Reply> {
  const fid = req.hold(s.fids.get(fidno));
  if (fid.isOpen || fid.opening) error(Ebadusefid);
  if (!fid.isDir) error(Enotdir);
  checkName(name);
  const omode = mode & (3 | OTRUNC | ORCLOSE);
  fid.opening = true;
  const created = always(() => s.dev.create(fid.chan, name, omode, perm >>> 0), () => { fid.opening = false; });
  return then(created, () => {
    fid.omode = omode & 3;
    fid.dirEntries = undefined;
    fid.dirL = undefined;
    return { type: replyType, tag: req.tag, qid: copyQid(fid.chan.qid), iounit: 0 };
  });
}

/** A name a create may use: not `.`/`..` (they exist), not empty, no `/`. */
export function checkName(name: string): void {
  if (name === '.' || name === '..') error(Eexist);
  if (name === '' || name.includes('/')) error(Ebadchar);
}

export function read(s: Session, req: Req, f: Tread): Maybe<Reply> {
  const fid = req.hold(s.fids.get(f.fid));
  if (!fid.isOpen || fid.omode === OWRITE) error(Ebadusefid);
  const count = Math.min(f.count, s.iounit);
  if (fid.isDir) return readdir9p(s, req, fid, f.offset, count);
  const offset = ioOffset(f.offset);
  // a device that lends its memory: header + views, written together, no copy
  const views = s.dev.readViews?.(fid.chan, offset, count);
  if (views !== undefined) {
    if (views instanceof Promise) req.cancellable = true;
    return then(views, (v) => {
      req.cancellable = false;
      return viewPayloadReply(MsgType.Rread, f.tag, v, count);
    });
  }
  const buf = s.takeBuffer(PAYLOAD_HDRSZ + count);
  const r = s.dev.read(fid.chan, buf.subarray(PAYLOAD_HDRSZ, PAYLOAD_HDRSZ + count), offset);
  // a read that waits may be cancelled by Tflush (Session.flush)
  if (r instanceof Promise) req.cancellable = true;
  return then(r, (n) => {
    req.cancellable = false;
    // never more than asked: Linux fails a longer Rread with EIO
    if (!(n >= 0)) n = 0;
    if (n > count) n = count;
    return rawPayloadReply(buf, MsgType.Rread, f.tag, n);
  });
}

export function write(s: Session, req: Req, f: Twrite): Maybe<Reply> {
  const fid = req.hold(s.fids.get(f.fid));
  if (!fid.isOpen || fid.omode === OREAD || fid.omode === OEXEC) error(Ebadusefid);
  if (fid.isDir) error(Eisdir);
  const offset = ioOffset(f.offset);
  return then(s.dev.write(fid.chan, f.data, offset), (n) => {
    if (!(n >= 0)) n = 0;
    if (n > f.data.length) n = f.data.length;
    return { type: MsgType.Rwrite, tag: f.tag, count: n };
  });
}

export function clunk(s: Session, req: Req, fidno: number): Reply {
  // clunk(5): the fid is gone whatever happens; the Chan closes when its last user finishes
  putFid(s.fids.remove(fidno));
  return { type: MsgType.Rclunk, tag: req.tag };
}

export function remove(s: Session, req: Req, fidno: number): Maybe<Reply> {
  // remove(5): "remove the file and clunk the fid, even if the remove fails"
  const fid = req.hold(s.fids.remove(fidno));
  return then(s.dev.remove(fid.chan), () => ({ type: MsgType.Rremove, tag: req.tag }));
}

export function stat(s: Session, req: Req, fidno: number): Maybe<Reply> {
  const fid = req.hold(s.fids.get(fidno));
  return then(s.dev.stat(fid.chan), (d) => ({ type: MsgType.Rstat, tag: req.tag, stat: toStat(s, d) }));
}

export function wstat(s: Session, req: Req, f: Twstat): Maybe<Reply> {
  const fid = req.hold(s.fids.get(f.fid));
  const st = f.stat;
  const u = s.config.users;
  // stat(5): ~0 and "" mean "don't touch"; muid, type, dev and qid are not the client's to set
  const ch: DirChanges = {};
  if (st.mode !== 0xffffffff) ch.mode = st.mode;
  if (st.name !== '') ch.name = st.name;
  if (st.length !== U64) ch.length = st.length;
  if (st.uid !== '') ch.uid = st.uid;
  else if (st.nUid !== undefined && st.nUid !== NONUNAME) ch.uid = u.nameOf(st.nUid);
  if (st.gid !== '') ch.gid = st.gid;
  else if (st.nGid !== undefined && st.nGid !== NONUNAME) ch.gid = u.nameOf(st.nGid);
  if (st.atime !== 0xffffffff) ch.atime = st.atime;
  if (st.mtime !== 0xffffffff) ch.mtime = st.mtime;
  // every field "don't touch": "commit to stable storage" (9pfuse's fsync); nothing to do
  if (Object.keys(ch).length === 0) return { type: MsgType.Rwstat, tag: f.tag };
  if (ch.name !== undefined && ch.name.includes('/')) error(Ebadchar);
  const done = (): Reply => ({ type: MsgType.Rwstat, tag: f.tag });
  if (ch.mode === undefined) return then(s.dev.wstat(fid.chan, ch), done);
  const mode = ch.mode;
  // chmod of a directory arrives with DMDIR set: compare it, do not reject it
  return then(s.dev.stat(fid.chan), (d) => {
    if (((mode ^ d.mode) & DMDIR) !== 0) error(Ewstatdir);
    return then(s.dev.wstat(fid.chan, ch), done);
  });
}

/** A 9P offset as a device offset: ≥ 2^63 is negative in Plan 9; beyond 2^53 reads as EOF. */
export function ioOffset(o: bigint): number {
  if (o >= OFFSET_SIGN) error(Enegoff);
  return o > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(o);
}

export function copyQid(q: Qid): Qid {
  return { type: q.type, vers: q.vers, path: q.path };
}

/** A reply nobody will see (the request was cancelled meanwhile). */
function ignored(tag: number): Reply {
  return { type: MsgType.Rclunk, tag };
}
