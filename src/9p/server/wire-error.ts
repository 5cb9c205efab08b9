// The one place an error becomes a reply on the wire (lib9p's setfcallerror). 9P2000 carries
// the Plan 9 string, 9P2000.u the string and a Linux errno, 9P2000.L the errno alone. Devices
// throw Plan9Error with Plan 9's exact strings; the exporter's own protocol errors use strings
// from Linux's net/9p/error.c table so a legacy (9P2000) Linux mount still gets an errno.

import * as E from '../../lib9/errors.js';
import { ERRMAX } from '../codec/constants.js';
import type { Dialect } from '../codec/dialect.js';
import { MsgType, type Rerror, type Rlerror } from '../codec/types.js';

// Linux errno values (asm-generic/errno-base.h, errno.h).
export const EPERM = 1;
export const ENOENT = 2;
export const ESRCH = 3;
export const EIO = 5;
export const ENXIO = 6;
export const EBADF = 9;
export const ENOMEM = 12;
export const EACCES = 13;
export const EBUSY = 16;
export const EEXIST = 17;
export const ENOTDIR = 20;
export const EMFILE = 24;
export const EISDIR = 21;
export const EINVAL = 22;
export const EFBIG = 27;
export const ENOSPC = 28;
export const ESPIPE = 29;
export const ENAMETOOLONG = 36;
export const ENOSYS = 38;
export const ENOTEMPTY = 39;
export const ENODATA = 61;
export const EPROTO = 71;
export const EOPNOTSUPP = 95;
export const ESTALE = 116;

// The exporter's own errors (not the device's). Each is in Linux's string table.
export const Eunknownfid = 'fid unknown or out of range';
export const Edupfid = 'fid already in use';
export const Ebadusefid = 'bad use of fid';
export const Ebadoffset = 'bad offset in directory read';
export const Enotversion = 'Tversion not seen';
export const Eduptag = 'duplicate tag';
export const Enoauth = 'authentication not required';
export const Einval = 'Invalid argument';
export const Enosys = 'Function not implemented';
export const Enotsup = 'Operation not supported';
export const Enotempty = 'directory is not empty';
export const Ewstatdir = "wstat can't convert between files and directories";
export const Ecount = 'i/o count too large';
export const Etoomanyfids = 'Too many open files';

/**
 * Plan 9 error string → Linux errno, for 9P2000.u's errno and 9P2000.L's ecode. Choices where
 * Linux has no exact twin are explained in docs/server.md.
 */
const errnoOf = new Map<string, number>([
  [E.Eperm, EACCES],
  [E.Eexist, EEXIST],
  [E.Enonexist, ENOENT],
  [E.Enotdir, ENOTDIR],
  [E.Eisdir, EISDIR],
  [E.Ebadarg, EINVAL],
  [E.Ebadctl, EINVAL],
  [E.Enovmem, ENOMEM],
  [E.Enomem, ENOMEM],
  [E.Esoverlap, EBUSY],
  [E.Einuse, EBUSY],
  [E.Eio, EIO],
  [E.Eshortstat, EINVAL],
  [E.Eshort, EINVAL],
  [E.Etoolong, ENAMETOOLONG],
  [E.Ebadchar, EINVAL],
  [E.Enegoff, EINVAL],
  [E.Eprocdied, ESRCH],
  [E.Ebadfd, EBADF],
  [E.Enotalloc, ENODATA],
  [E.Ehasva, EBUSY],
  [E.Egone, ESTALE],
  [E.Etoomany, ENOSPC],
  [E.Enova, ENXIO],
  [E.Ephyscollide, EEXIST],
  [Eunknownfid, EBADF],
  [Edupfid, EBADF],
  [Ebadusefid, EBADF],
  [Ebadoffset, ESPIPE],
  [Enotversion, EPROTO],
  [Eduptag, EPROTO],
  [Enoauth, ENOENT],
  [Einval, EINVAL],
  [Enosys, ENOSYS],
  [Enotsup, EOPNOTSUPP],
  [Enotempty, ENOTEMPTY],
  [Ewstatdir, EPERM],
  [Ecount, EIO],
  [Etoomanyfids, EMFILE],
  ['file too big', EFBIG],
  ['file exists', EEXIST],
]);

/** The Linux errno for a Plan 9 error string: the table's entry, else EIO. */
export function errnoFor(ename: string): number {
  return errnoOf.get(ename) ?? EIO;
}

/** An error the exporter answers with a chosen errno (for .L-only answers such as ENODATA). */
export class WireError extends Error {
  constructor(message: string, readonly errno: number) {
    super(message);
    this.name = 'WireError';
  }
}

/** `s` cut to at most ERRMAX bytes of UTF-8 without splitting a character (intro(5)). */
export function truncateErrstr(s: string): string {
  if (s.length <= ERRMAX / 3) return s;
  const b = Buffer.from(s, 'utf8');
  if (b.length <= ERRMAX) return s;
  let end = ERRMAX;
  while (end > 0 && (b[end]! & 0xc0) === 0x80) end--;
  return b.subarray(0, end).toString('utf8');
}

/** The error string and errno for anything thrown while serving a request. */
export function describe(err: unknown): { ename: string; errno: number; internal: boolean } {
  if (err instanceof WireError) return { ename: truncateErrstr(err.message), errno: err.errno, internal: false };
  if (err instanceof E.Plan9Error) return { ename: truncateErrstr(err.message), errno: errnoFor(err.message), internal: false };
  return { ename: E.Eio, errno: EIO, internal: true };
}

/** The error reply for `err` to the request tagged `tag` in `dialect`. */
export function errorReply(tag: number, err: unknown, dialect: Dialect): Rerror | Rlerror {
  const { ename, errno } = describe(err);
  if (dialect === '9P2000.L') return { type: MsgType.Rlerror, tag, ecode: errno };
  if (dialect === '9P2000.u') return { type: MsgType.Rerror, tag, ename, errno };
  return { type: MsgType.Rerror, tag, ename };
}
