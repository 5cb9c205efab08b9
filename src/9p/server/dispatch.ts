// Where every T-message goes: the 9P2000 / 9P2000.u requests to handlers.ts, the
// 9P2000.L-only ones to handlers-dotl.ts, Tauth and requests on an authentication fid to
// auth.ts. Names longer than the bounds (names.ts) are refused first. A type the dialect
// does not have is ENOSYS.

import { MsgType } from '../codec/msg-type.js';
import type { Fcall } from '../codec/types.js';
import { attach, clunk, create, open, read, remove, stat, walk, write, wstat } from './handlers.js';
import { dispatchDotl } from './handlers-dotl.js';
import { admitAttach, auth, authFidRequest } from './auth.js';
import type { Maybe } from './maybe.js';
import { checkNames } from './names.js';
import type { LATER, Reply } from './reply.js';
import type { Req } from './req.js';
import type { SessionState as Session } from './session-state.js';
import { Enosys, error } from '../../lib9/errors.js';

type Result = Maybe<Reply | typeof LATER>;

/** Routes one decoded T-message to its handler. */
export function dispatch(s: Session, req: Req, f: Fcall): Result {
  checkNames(f);
  if (s.fids.hasAuth) {
    const r = authFidRequest(s, req, f);
    if (r !== undefined) return r;
  }
  switch (f.type) {
    case MsgType.Tauth:	return auth(s, req, f);
    case MsgType.Tattach:	return attach(s, req, admitAttach(s, f));
    case MsgType.Tflush:	return s.flush(req, f.oldtag);
    case MsgType.Twalk:	return walk(s, req, f);
    case MsgType.Topen:	return open(s, req, f.fid, f.mode, MsgType.Ropen);
    case MsgType.Tcreate:	return create(s, req, f);
    case MsgType.Tread:	return read(s, req, f);
    case MsgType.Twrite:	return write(s, req, f);
    case MsgType.Tclunk:	return clunk(s, req, f.fid);
    case MsgType.Tremove:	return remove(s, req, f.fid);
    case MsgType.Tstat:	return stat(s, req, f.fid);
    case MsgType.Twstat:	return wstat(s, req, f);
    default:
      if (s.dialect === '9P2000.L') return dispatchDotl(s, req, f);
      error(Enosys);
  }
}
