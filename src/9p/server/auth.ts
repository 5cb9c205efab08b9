// Tauth and everything sent to an authentication fid, when the server has a secret
// (docs/security.md). Tauth makes the afid (Rauth with a QTAUTH qid); Tread of it returns the
// challenge line; Twrite of the proof line settles it (`authentication failed` when wrong);
// Tclunk and Tremove forget it; anything else on it is `bad use of fid`. Tattach then needs an
// afid proven for its own uname, n_uname and aname (`authentication required` without one).
// Without a secret Tauth is `authentication not required` and attach takes no afid.

import { Eauthfailed, Eauthrequired } from '../auth/proof.js';
import { Ebadusefid, Eperm, Enoauth, Eunknownfid, error } from '../../lib9/errors.js';
import { NOFID, NONUNAME } from '../codec/constants.js';
import { QTAUTH } from '../../lib9/modes.js';
import { MsgType } from '../codec/msg-type.js';
import type { Fcall, Tattach, Tauth } from '../codec/types.js';
import { AuthFile } from './auth-file.js';
import type { Reply } from './reply.js';
import type { Req } from './req.js';
import type { SessionState as Session } from './session-state.js';

/** Longest proof line accepted (64 hex digits and a newline, with room to spare). */
const MAX_PROOF = 256;

let nextPath = 1n;

/** Tauth. */
export function auth(s: Session, req: Req, f: Tauth): Reply {
  if (s.config.auth === undefined) error(Enoauth);
  const a = new AuthFile(f.uname, f.nUname ?? NONUNAME, f.aname, nextPath++);
  s.fids.addAuth(f.afid, a);
  return { type: MsgType.Rauth, tag: req.tag, aqid: { type: QTAUTH, vers: 0, path: a.path } };
}

/** Checks a Tattach's afid against the server's rule; returns the attach to make, with no afid. */
export function admitAttach(s: Session, f: Tattach): Tattach {
  if (s.config.auth === undefined) return f;
  if (f.afid === NOFID) error(Eauthrequired);
  const a = s.fids.auth(f.afid);
  if (a === undefined) error(s.fids.has(f.afid) ? Ebadusefid : Eunknownfid);
  if (!a.admit(f.uname, f.nUname ?? NONUNAME, f.aname)) error(Eauthfailed);
  return { ...f, afid: NOFID };
}

/**
 * A request naming an authentication fid, answered here; undefined when `f` names none
 * (Tattach's afid and a new fid are the handlers' to check).
 */
export function authFidRequest(s: Session, req: Req, f: Fcall): Reply | undefined {
  switch (f.type) {
    case MsgType.Tauth:
    case MsgType.Tattach:
    case MsgType.Tflush:
    case MsgType.Tversion:
      return undefined;
    case MsgType.Tread: {
      const a = s.fids.auth(f.fid);
      if (a === undefined) return undefined;
      const off = f.offset > BigInt(a.challenge.length) ? a.challenge.length : Number(f.offset);
      const n = Math.min(f.count, a.challenge.length - off);
      return { type: MsgType.Rread, tag: req.tag, data: a.challenge.subarray(off, off + n) };
    }
    case MsgType.Twrite: {
      const a = s.fids.auth(f.fid);
      if (a === undefined) return undefined;
      const secret = s.config.auth!.secret;
      if (f.data.length > MAX_PROOF || !a.prove(secret, Buffer.from(f.data).toString('latin1'))) error(Eauthfailed);
      return { type: MsgType.Rwrite, tag: req.tag, count: f.data.length };
    }
    case MsgType.Tclunk:
      if (s.fids.auth(f.fid) === undefined) return undefined;
      s.fids.removeAuth(f.fid);
      return { type: MsgType.Rclunk, tag: req.tag };
    case MsgType.Tremove:
      // remove(5): the fid is clunked even when the remove fails
      if (s.fids.auth(f.fid) === undefined) return undefined;
      s.fids.removeAuth(f.fid);
      error(Eperm);
    default:
      if (namesAuthFid(s, f)) error(Ebadusefid);
      return undefined;
  }
}

/** True when any fid field of `f` is an authentication fid. */
function namesAuthFid(s: Session, f: Fcall): boolean {
  const m = f as unknown as Record<string, unknown>;
  for (const k of ['fid', 'dfid', 'dirfid', 'olddirfid', 'newdirfid']) {
    const v = m[k];
    if (typeof v === 'number' && s.fids.auth(v) !== undefined) return true;
  }
  return false;
}
