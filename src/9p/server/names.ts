// Bounded names, so that every stat record and directory entry fits a reply: a user or group
// name (attach uname, aname, a wstat's uid and gid) is at most MAX_UNAME bytes of UTF-8
// (Linux's LOGIN_NAME_MAX), a file name at most MAX_FNAME (Linux's NAME_MAX). Longer is
// `name too long` for that request; nothing is stored.

import { Etoolong, error } from '../../lib9/errors.js';
import { MsgType } from '../codec/msg-type.js';
import type { Fcall } from '../codec/types.js';

/** Longest user, group or attach name, in bytes. */
export const MAX_UNAME = 256;
/** Longest file name, in bytes. */
export const MAX_FNAME = 255;

/** Throws `name too long` when `s` is longer than `max` bytes of UTF-8. */
export function checkLength(s: string, max: number): void {
  // a UTF-16 unit is at most 3 bytes of UTF-8: short strings need no count
  if (s.length * 3 > max && Buffer.byteLength(s, 'utf8') > max) error(Etoolong);
}

/** Refuses a request that would give a user or a file a name longer than the bounds. */
export function checkNames(f: Fcall): void {
  switch (f.type) {
    case MsgType.Tauth:
    case MsgType.Tattach:
      checkLength(f.uname, MAX_UNAME);
      checkLength(f.aname, MAX_UNAME);
      return;
    case MsgType.Tcreate:
    case MsgType.Tlcreate:
    case MsgType.Tmkdir:
      checkLength(f.name, MAX_FNAME);
      return;
    case MsgType.Twstat:
      checkLength(f.stat.name, MAX_FNAME);
      checkLength(f.stat.uid, MAX_UNAME);
      checkLength(f.stat.gid, MAX_UNAME);
      return;
    default:
  }
}
