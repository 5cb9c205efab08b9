// Linux errno values, the one errno table of segfs: the kernel core returns them negated,
// 9P2000.u and 9P2000.L replies carry them, and every error's `code` is an errno's name. With
// them, the two translations between errnos and Plan 9 error strings (a reply's errno for a
// string; the string a Plan 9 program sees for an errno) and the zx_status_t codes the Zircon
// calls report for a core result.

import * as E from './error-strings.js';

// include/uapi/asm-generic/errno-base.h and errno.h
/** EPERM (1): Operation not permitted. */
export const EPERM = 1;
/** ENOENT (2): No such file or directory. */
export const ENOENT = 2;
/** ESRCH (3): No such process. */
export const ESRCH = 3;
/** EINTR (4): Interrupted system call. */
export const EINTR = 4;
/** EIO (5): Input/output error. */
export const EIO = 5;
/** ENXIO (6): No such device or address. */
export const ENXIO = 6;
/** EBADF (9): Bad file descriptor. */
export const EBADF = 9;
/** EAGAIN (11): Resource temporarily unavailable. */
export const EAGAIN = 11;
/** ENOMEM (12): Cannot allocate memory. */
export const ENOMEM = 12;
/** EACCES (13): Permission denied. */
export const EACCES = 13;
/** EFAULT (14): Bad address. */
export const EFAULT = 14;
/** EBUSY (16): Device or resource busy. */
export const EBUSY = 16;
/** EEXIST (17): File exists. */
export const EEXIST = 17;
/** EXDEV (18): Invalid cross-device link. */
export const EXDEV = 18;
/** ENOTDIR (20): Not a directory. */
export const ENOTDIR = 20;
/** EISDIR (21): Is a directory. */
export const EISDIR = 21;
/** EINVAL (22): Invalid argument. */
export const EINVAL = 22;
/** EMFILE (24): Too many open files. */
export const EMFILE = 24;
/** EFBIG (27): File too large. */
export const EFBIG = 27;
/** ENOSPC (28): No space left on device. */
export const ENOSPC = 28;
/** ESPIPE (29): Illegal seek. */
export const ESPIPE = 29;
/** EROFS (30): Read-only file system. */
export const EROFS = 30;
/** EPIPE (32): Broken pipe. */
export const EPIPE = 32;
/** ERANGE (34): Numerical result out of range. */
export const ERANGE = 34;
/** ENAMETOOLONG (36): File name too long. */
export const ENAMETOOLONG = 36;
/** ENOSYS (38): Function not implemented. */
export const ENOSYS = 38;
/** ENOTEMPTY (39): Directory not empty. */
export const ENOTEMPTY = 39;
/** ENODATA (61): No data available. */
export const ENODATA = 61;
/** EPROTO (71): Protocol error. */
export const EPROTO = 71;
/** EMSGSIZE (90): Message too long. */
export const EMSGSIZE = 90;
/** EPROTONOSUPPORT (93): Protocol not supported. */
export const EPROTONOSUPPORT = 93;
/** EOPNOTSUPP (95): Operation not supported. */
export const EOPNOTSUPP = 95;
/** ECONNRESET (104): Connection reset by peer. */
export const ECONNRESET = 104;
/** ETIMEDOUT (110): Connection timed out. */
export const ETIMEDOUT = 110;
/** ESTALE (116): Stale file handle. */
export const ESTALE = 116;

/** Each errno's name and strerror(3) text as glibc spells it. */
const ERRNOS = [
  [EPERM, 'EPERM', 'Operation not permitted'],
  [ENOENT, 'ENOENT', 'No such file or directory'],
  [ESRCH, 'ESRCH', 'No such process'],
  [EINTR, 'EINTR', 'Interrupted system call'],
  [EIO, 'EIO', 'Input/output error'],
  [ENXIO, 'ENXIO', 'No such device or address'],
  [EBADF, 'EBADF', 'Bad file descriptor'],
  [EAGAIN, 'EAGAIN', 'Resource temporarily unavailable'],
  [ENOMEM, 'ENOMEM', 'Cannot allocate memory'],
  [EACCES, 'EACCES', 'Permission denied'],
  [EFAULT, 'EFAULT', 'Bad address'],
  [EBUSY, 'EBUSY', 'Device or resource busy'],
  [EEXIST, 'EEXIST', 'File exists'],
  [EXDEV, 'EXDEV', 'Invalid cross-device link'],
  [ENOTDIR, 'ENOTDIR', 'Not a directory'],
  [EISDIR, 'EISDIR', 'Is a directory'],
  [EINVAL, 'EINVAL', 'Invalid argument'],
  [EMFILE, 'EMFILE', 'Too many open files'],
  [EFBIG, 'EFBIG', 'File too large'],
  [ENOSPC, 'ENOSPC', 'No space left on device'],
  [ESPIPE, 'ESPIPE', 'Illegal seek'],
  [EROFS, 'EROFS', 'Read-only file system'],
  [EPIPE, 'EPIPE', 'Broken pipe'],
  [ERANGE, 'ERANGE', 'Numerical result out of range'],
  [ENAMETOOLONG, 'ENAMETOOLONG', 'File name too long'],
  [ENOSYS, 'ENOSYS', 'Function not implemented'],
  [ENOTEMPTY, 'ENOTEMPTY', 'Directory not empty'],
  [ENODATA, 'ENODATA', 'No data available'],
  [EPROTO, 'EPROTO', 'Protocol error'],
  [EMSGSIZE, 'EMSGSIZE', 'Message too long'],
  [EPROTONOSUPPORT, 'EPROTONOSUPPORT', 'Protocol not supported'],
  [EOPNOTSUPP, 'EOPNOTSUPP', 'Operation not supported'],
  [ECONNRESET, 'ECONNRESET', 'Connection reset by peer'],
  [ETIMEDOUT, 'ETIMEDOUT', 'Connection timed out'],
  [ESTALE, 'ESTALE', 'Stale file handle'],
] as const;

/** The name of an errno in the table ('ENOENT', 'EACCES', …). */
export type ErrnoName = (typeof ERRNOS)[number][1];

/** An errno's name, or `E` and its number for an errno the table lacks ('E200'). */
export type ErrnoCode = ErrnoName | `E${number}`;

const names = new Map<number, ErrnoName>(ERRNOS.map(([n, name]) => [n, name]));
const texts = new Map<number, string>(ERRNOS.map(([n, , text]) => [n, text]));

/**
 * The name of `errno`, a stable code to branch on: 'ENOENT' for 2; 'E200' for one the table lacks.
 * @param errno - a positive errno number
 * @returns its name, or `E` and the number
 */
export function errnoName(errno: number): ErrnoCode {
  return names.get(errno) ?? `E${errno}`;
}

/**
 * strerror(3): the text of `errno` ("errno N" for one the table lacks).
 * @param errno - a positive errno number
 * @returns glibc's text for it, e.g. 'No such file or directory'
 */
export function strerror(errno: number): string {
  return texts.get(errno) ?? `errno ${errno}`;
}

/**
 * Plan 9 error string → errno: what a 9P2000.u or 9P2000.L reply carries for a string, and
 * the `code` of a Plan9Error. Where Linux has no exact twin, the nearest one (docs/server.md
 * gives the reasons).
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
  [E.Eunknownfid, EBADF],
  [E.Edupfid, EBADF],
  [E.Ebadusefid, EBADF],
  [E.Ebadoffset, ESPIPE],
  [E.Enotversion, EPROTO],
  [E.Eduptag, EPROTO],
  [E.Enoauth, ENOENT],
  [E.Einval, EINVAL],
  [E.Enosys, ENOSYS],
  [E.Enotsup, EOPNOTSUPP],
  [E.Enodata, ENODATA],
  [E.Enotempty, ENOTEMPTY],
  [E.Ewstatdir, EPERM],
  [E.Ecount, EIO],
  [E.Etoomanyfids, EMFILE],
  ['file too big', EFBIG],
  ['file exists', EEXIST],
  // the 9P exporter's authentication and connection limit (src/9p/auth, src/9p/server/refuse.ts)
  ['authentication failed', EACCES],
  ['authentication required', EACCES],
  ['too many connections', EAGAIN],
]);

/**
 * The errno for a Plan 9 error string: what a 9P2000.u/.L reply carries and what a
 * Plan9Error's `errno` is.
 * @param ename - a Plan 9 error string such as 'file does not exist'
 * @returns the table's errno for it (ENOENT here), else EIO
 */
export function errnoFor(ename: string): number {
  return errnoOf.get(ename) ?? EIO;
}

/**
 * Errno → Plan 9 error string: what the kernel's Plan 9 calls raise for a core result, and what
 * a 9P2000.L answer (an errno alone) reads as in the client. One string per errno, the one a
 * Plan 9 program would see.
 */
const errstrOf = new Map<number, string>([
  [EPERM, E.Eperm],
  [EACCES, E.Eperm],
  [ENOENT, E.Enonexist],
  [ESRCH, E.Eprocdied],
  [EIO, E.Eio],
  [ENXIO, E.Enova],
  [EBADF, E.Eunknownfid],
  [ENOMEM, E.Enovmem],
  [EFAULT, E.Ebadarg],
  [EBUSY, E.Esoverlap],
  [EEXIST, E.Eexist],
  [ENOTDIR, E.Enotdir],
  [EISDIR, E.Eisdir],
  [EINVAL, E.Ebadarg],
  [EMFILE, E.Etoomanyfids],
  [ENOSPC, E.Etoomany],
  [ESPIPE, E.Ebadoffset],
  [ERANGE, E.Eshort],
  [ENAMETOOLONG, E.Etoolong],
  [ENOSYS, E.Enosys],
  [ENOTEMPTY, E.Enotempty],
  [ENODATA, E.Enotalloc],
  [EOPNOTSUPP, E.Enotsup],
  [ESTALE, E.Egone],
]);

/**
 * The Plan 9 error string for `errno`: what a Plan 9 program would see for it.
 * @param errno - a positive errno number
 * @returns the string ('file does not exist' for ENOENT), or undefined for one without a Plan 9 twin
 */
export function errstrFor(errno: number): string | undefined {
  return errstrOf.get(errno);
}

/**
 * The Plan 9 error string for a kernel call's failed result.
 * @param negErrno - a negative errno, as the kernel's calls return (-ENOENT)
 * @returns the Plan 9 string for it
 * @throws RangeError for a value that is not a negative errno with a Plan 9 string
 */
export function toErrstr(negErrno: number): string {
  const s = errstrOf.get(-negErrno);
  if (s === undefined || negErrno >= 0) throw new RangeError(`toErrstr: ${negErrno} is not a kernel error code`);
  return s;
}

// zx_status_t values (zircon/errors.h)
/** zx_status_t ZX_OK (0): success. */
export const ZX_OK = 0;
/** zx_status_t ZX_ERR_NO_RESOURCES (-3): a resource limit was reached. */
export const ZX_ERR_NO_RESOURCES = -3;
/** zx_status_t ZX_ERR_NO_MEMORY (-4): no memory for the request. */
export const ZX_ERR_NO_MEMORY = -4;
/** zx_status_t ZX_ERR_INVALID_ARGS (-10): an argument is invalid. */
export const ZX_ERR_INVALID_ARGS = -10;
/** zx_status_t ZX_ERR_BAD_HANDLE (-11): the handle (here: the process) is not valid. */
export const ZX_ERR_BAD_HANDLE = -11;
/** zx_status_t ZX_ERR_WRONG_TYPE (-12): the handle is of the wrong type. */
export const ZX_ERR_WRONG_TYPE = -12;
/** zx_status_t ZX_ERR_OUT_OF_RANGE (-14): an argument is outside the valid range. */
export const ZX_ERR_OUT_OF_RANGE = -14;
/** zx_status_t ZX_ERR_BUFFER_TOO_SMALL (-15): a buffer or range is too small. */
export const ZX_ERR_BUFFER_TOO_SMALL = -15;
/** zx_status_t ZX_ERR_BAD_STATE (-20): the object is not in a state for the call. */
export const ZX_ERR_BAD_STATE = -20;
/** zx_status_t ZX_ERR_NOT_FOUND (-25): the object (a mapping, an address) was not found. */
export const ZX_ERR_NOT_FOUND = -25;
/** zx_status_t ZX_ERR_ALREADY_EXISTS (-26): the object (a mapping, a name) already exists. */
export const ZX_ERR_ALREADY_EXISTS = -26;
/** zx_status_t ZX_ERR_ACCESS_DENIED (-30): the caller lacks the rights. */
export const ZX_ERR_ACCESS_DENIED = -30;

const zxCodes = new Map<number, number>([
  [-EINVAL, ZX_ERR_INVALID_ARGS],
  [-ESRCH, ZX_ERR_BAD_HANDLE],
  [-EPERM, ZX_ERR_ACCESS_DENIED],
  [-EACCES, ZX_ERR_ACCESS_DENIED],
  [-ENOMEM, ZX_ERR_NO_MEMORY],
  [-EBUSY, ZX_ERR_ALREADY_EXISTS],
  [-EEXIST, ZX_ERR_ALREADY_EXISTS],
  [-EFAULT, ZX_ERR_NOT_FOUND],
  [-ENOENT, ZX_ERR_NOT_FOUND],
  [-ERANGE, ZX_ERR_BUFFER_TOO_SMALL],
]);

/**
 * The zx_status_t for a kernel call's result, as the Zircon calls report it.
 * @param negErrno - a kernel call's result: a negative errno, or 0 or more for success
 * @returns ZX_OK for a result of 0 or more, else the ZX_ERR_* code for the errno
 * @throws RangeError for a negative value the kernel never returns
 */
export function toZx(negErrno: number): number {
  if (negErrno >= 0) return ZX_OK;
  const z = zxCodes.get(negErrno);
  if (z === undefined) throw new RangeError(`toZx: ${negErrno} is not a kernel error code`);
  return z;
}
