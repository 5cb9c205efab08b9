// The one error type a 9P client raises, NinepError, for a server's refusal and for the
// client's own failures alike; its `code` tells them apart. A refusal carries the Plan 9 string
// and the errno in every dialect: whichever of the two the dialect does not send (9P2000 sends
// the string, 9P2000.L the errno) comes from lib9's errno table, so `message` — the Plan 9
// string — is the same whatever the dialect.

import { errnoFor, errnoName, errstrFor, strerror, EPIPE, EPROTO, EPROTONOSUPPORT, type ErrnoCode } from '../../lib9/errno.js';
import type { Dialect } from '../codec/dialect.js';

/** Codes of the client's own failures: the connection, not the server's answer. */
export type NinepFailureCode =
  /** The connection closed or failed; every outstanding request fails with this. */
  | 'ECLOSED'
  /** Version negotiation failed (refused, unknown version, msize too small or too large). */
  | 'EVERSION'
  /** The conversation broke the protocol: a reply of the wrong type, an unknown tag, a bad frame. */
  | 'EPROTO';

/**
 * Stable codes of NinepError: the errno's name for a server's refusal ('ENOENT', 'EACCES', …;
 * 'E' and the number for an errno without a name), or a NinepFailureCode.
 */
export type NinepErrorCode = ErrnoCode | NinepFailureCode;

/** The errno each failure reports (Broken pipe, Protocol not supported, Protocol error). */
const failureErrno: Record<NinepFailureCode, number> = { ECLOSED: EPIPE, EVERSION: EPROTONOSUPPORT, EPROTO };

/**
 * A request the server refused (Rerror, Rlerror), or a failure of the connection: what every
 * Client, ClientFid, Fsys and Namespace call rejects with. `message` is `ename`, the Plan 9
 * error string of the refusal ('file does not exist'; the same in every dialect), or the
 * failure's description; `errno` the Linux errno (2); `code` the stable name to branch on
 * ('ENOENT'; 'ECLOSED', 'EVERSION' or 'EPROTO' for a failure of the connection).
 *
 * @example
 * ```ts
 * import { mount, segmentDevice, NinepError } from 'segfs';
 * const ns = await mount(segmentDevice('glenda'), { user: 'glenda' });
 * try {
 *   await ns.readFile('nothere/data');
 * } catch (e) {
 *   if (!(e instanceof NinepError)) throw e;
 *   console.log(e.code, e.errno, e.ename); // ENOENT 2 file does not exist
 *   console.log(e.isFailure);              // false: the connection is fine
 * }
 * await ns.close();
 * ```
 */
export class NinepError extends Error {
  /** Always 'NinepError'. */
  override readonly name = 'NinepError';

  /**
   * @param code - the errno's name, or a NinepFailureCode
   * @param ename - the Plan 9 error string, or the failure's description
   * @param errno - the Linux errno
   * @param dialect - the connection's dialect
   */
  constructor(
    /** The errno's name for a refusal, or a NinepFailureCode. */
    readonly code: NinepErrorCode,
    /** The Plan 9 error string (for a failure, its description). */
    readonly ename: string,
    /** The Linux errno. */
    readonly errno: number,
    /** The connection's dialect. */
    readonly dialect: Dialect,
  ) {
    super(ename);
  }

  /**
   * The server's refusal: `ename` as sent (9P2000, 9P2000.u) or the Plan 9 string for the errno
   * (9P2000.L: lib9's errstrFor, else strerror's text); `errno` as sent (9P2000.u, 9P2000.L;
   * 0 or absent means none) or the one lib9's table gives for the string.
   * @param ename - the string the reply carried, if any
   * @param errno - the errno the reply carried, if any
   * @param dialect - the connection's dialect
   * @returns the error, with `code` the errno's name
   */
  static refusal(ename: string | undefined, errno: number | undefined, dialect: Dialect): NinepError {
    const e = errno !== undefined && errno !== 0 ? errno : errnoFor(ename ?? '');
    const s = ename ?? errstrFor(e) ?? strerror(e);
    return new NinepError(errnoName(e), s, e, dialect);
  }

  /**
   * A failure of the client or the connection rather than an answer of the server.
   * @param code - ECLOSED, EVERSION or EPROTO
   * @param message - what happened
   * @param dialect - the connection's dialect
   * @returns the error, with the failure's errno (EPIPE, EPROTONOSUPPORT, EPROTO)
   */
  static failure(code: NinepFailureCode, message: string, dialect: Dialect): NinepError {
    return new NinepError(code, message, failureErrno[code], dialect);
  }

  /** True for a failure of the connection (ECLOSED, EVERSION, EPROTO): nothing more can be asked on it. */
  get isFailure(): boolean {
    return this.code === 'ECLOSED' || this.code === 'EVERSION' || this.code === 'EPROTO';
  }
}
