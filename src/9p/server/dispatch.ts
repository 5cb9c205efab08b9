// Where every T-message goes: the 9P2000 / 9P2000.u requests to handlers.ts, the
// 9P2000.L-only ones to handlers-dotl.ts. A type the dialect does not have is ENOSYS.

import { MsgType } from '../codec/msg-type.js';
import type { Fcall } from '../codec/types.js';
import { attach, clunk, create, open, read, remove, stat, walk, write, wstat } from './handlers.js';
import { dispatchDotl } from './handlers-dotl.js';
import type { Maybe } from './maybe.js';
import type { LATER, Reply } from './reply.js';
import type { Req } from './req.js';
import type { SessionState as Session } from './session-state.js';
import { Enoauth, Enosys, error } from '../../lib9/errors.js';

type Result = Maybe<Reply | typeof LATER>;

/** Routes one decoded T-message to its handler. */
export function dispatch(s: Session, req: Req, f: Fcall): Result {
  switch (f.type) {
    case MsgType.Tauth:	error(Enoauth);
    case MsgType.Tattach:	return attach(s, req, f);
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

