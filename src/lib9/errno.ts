// Linux errno values the core returns negated (kernel.md §0 conventions), and the two facade
// translations of §4.4.13: to Plan 9 error strings and to Zircon zx_status_t codes.

import { Ebadarg, Eexist, Enonexist, Enovmem, Eperm, Eprocdied, Eshort, Esoverlap } from './errors.js';

export const EPERM = 1;
export const ENOENT = 2;
export const ESRCH = 3;
export const ENOMEM = 12;
export const EACCES = 13;
export const EFAULT = 14;
export const EBUSY = 16;
export const EEXIST = 17;
export const EINVAL = 22;
export const ERANGE = 34;
export const ENODATA = 61;
export const ESTALE = 116;

// zx_status_t values (zircon/errors.h)
export const ZX_OK = 0;
export const ZX_ERR_NO_RESOURCES = -3;
export const ZX_ERR_NO_MEMORY = -4;
export const ZX_ERR_INVALID_ARGS = -10;
export const ZX_ERR_BAD_HANDLE = -11;
export const ZX_ERR_WRONG_TYPE = -12;
export const ZX_ERR_OUT_OF_RANGE = -14;
export const ZX_ERR_BUFFER_TOO_SMALL = -15;
export const ZX_ERR_BAD_STATE = -20;
export const ZX_ERR_NOT_FOUND = -25;
export const ZX_ERR_ALREADY_EXISTS = -26;
export const ZX_ERR_ACCESS_DENIED = -30;

const errstrs = new Map<number, string>([
  [-EBUSY, Esoverlap],
  [-EINVAL, Ebadarg],
  [-ENOMEM, Enovmem],
  [-EPERM, Eperm],
  [-EACCES, Eperm],
  [-ENOENT, Enonexist],
  // kernel.md §6.1 item 4: the codes the §4.4.13 table lacks
  [-EFAULT, Ebadarg],
  [-ESRCH, Eprocdied],
  [-ERANGE, Eshort],
  [-EEXIST, Eexist],
]);

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
 * The Plan 9 error string for a core result `negErrno` (kernel.md §4.4.13 and §6.1 item 4).
 * Throws RangeError for a value that is not a negative errno the core returns.
 */
export function toErrstr(negErrno: number): string {
  const s = errstrs.get(negErrno);
  if (s === undefined) throw new RangeError(`toErrstr: ${negErrno} is not a kernel error code`);
  return s;
}

/**
 * The zx_status_t for a core result (kernel.md §4.4.13): 0 and other non-negative results map
 * to ZX_OK. Throws RangeError for a negative value the core never returns.
 */
export function toZx(negErrno: number): number {
  if (negErrno >= 0) return ZX_OK;
  const z = zxCodes.get(negErrno);
  if (z === undefined) throw new RangeError(`toZx: ${negErrno} is not a kernel error code`);
  return z;
}
