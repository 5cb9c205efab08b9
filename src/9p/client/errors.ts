// The errors a 9P client raises. A server's refusal is a NinepError carrying what the
// dialect carries: 9P2000 the string (Rerror ename), 9P2000.u the string and errno,
// 9P2000.L the errno only (Rlerror ecode). Everything else the connection can do wrong is a
// NinepClientError with a stable code.

import type { Dialect } from '../codec/dialect.js';

/** Linux strerror texts for the errnos 9P2000.L servers send (net/9p/error.c's table). */
const strerror = new Map<number, string>([
  [1, 'Operation not permitted'], [2, 'No such file or directory'], [3, 'No such process'],
  [4, 'Interrupted system call'], [5, 'Input/output error'], [6, 'No such device or address'],
  [9, 'Bad file descriptor'], [11, 'Resource temporarily unavailable'], [12, 'Cannot allocate memory'],
  [13, 'Permission denied'], [16, 'Device or resource busy'], [17, 'File exists'],
  [18, 'Invalid cross-device link'], [20, 'Not a directory'], [21, 'Is a directory'],
  [22, 'Invalid argument'], [27, 'File too large'], [28, 'No space left on device'],
  [29, 'Illegal seek'], [30, 'Read-only file system'], [36, 'File name too long'],
  [38, 'Function not implemented'], [39, 'Directory not empty'], [61, 'No data available'],
  [71, 'Protocol error'], [90, 'Message too long'], [95, 'Operation not supported'],
  [116, 'Stale file handle'],
]);

/** The Linux text for `errno` ("errno N" for one this table lacks). */
export function errnoText(errno: number): string {
  return strerror.get(errno) ?? `errno ${errno}`;
}

/**
 * A request the server answered with Rerror or Rlerror. `message` is the server's string
 * (9P2000, 9P2000.u) or the Linux text of the errno (9P2000.L).
 */
export class NinepError extends Error {
  override readonly name = 'NinepError';
  constructor(
    /** The server's error string; undefined in 9P2000.L, which sends only a number. */
    readonly ename: string | undefined,
    /** 9P2000.u errno (0 = none given) or 9P2000.L ecode; undefined in 9P2000. */
    readonly errno: number | undefined,
    readonly dialect: Dialect,
  ) {
    super(ename ?? errnoText(errno ?? 0));
  }
}

/** Stable codes of NinepClientError. */
export type NinepClientErrorCode =
  /** The connection closed or failed; every outstanding request fails with this. */
  | 'ECLOSED'
  /** Version negotiation failed (unknown version, msize too small or too large). */
  | 'EVERSION'
  /** The server broke the protocol: a reply of the wrong type, an unknown tag, a bad frame. */
  | 'EPROTO';

/** A failure of the client or the connection rather than an answer of the server. */
export class NinepClientError extends Error {
  override readonly name = 'NinepClientError';
  constructor(readonly code: NinepClientErrorCode, message: string) {
    super(message);
  }
}
