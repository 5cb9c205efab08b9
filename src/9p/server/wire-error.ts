// The one place an error becomes a reply on the wire (lib9p's setfcallerror). 9P2000 carries
// the Plan 9 string, 9P2000.u the string and a Linux errno, 9P2000.L the errno alone. Devices
// and the server's own checks throw Plan9Error; the errno is lib9's table entry for its string
// (errno.ts), and anything else thrown is an internal error, answered `i/o error` / EIO.

import { Eio, Plan9Error } from '../../lib9/errors.js';
import { EIO } from '../../lib9/errno.js';
import { ERRMAX } from '../codec/constants.js';
import type { Dialect } from '../codec/dialect.js';
import { MsgType, type Rerror, type Rlerror } from '../codec/types.js';

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
  if (err instanceof Plan9Error) return { ename: truncateErrstr(err.message), errno: err.errno, internal: false };
  return { ename: Eio, errno: EIO, internal: true };
}

/** The error reply for `err` to the request tagged `tag` in `dialect`. */
export function errorReply(tag: number, err: unknown, dialect: Dialect): Rerror | Rlerror {
  const { ename, errno } = describe(err);
  if (dialect === '9P2000.L') return { type: MsgType.Rlerror, tag, ecode: errno };
  if (dialect === '9P2000.u') return { type: MsgType.Rerror, tag, ename, errno };
  return { type: MsgType.Rerror, tag, ename };
}
