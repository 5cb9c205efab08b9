// The one error type of the kernel, the devices and the Plan 9 layer: Plan9Error, whose
// message is a Plan 9 error string (error-strings.ts) and whose `code` names the errno that
// string maps to. Only the 9P server's respond step turns one into a wire error.

import { errnoFor, errnoName, type ErrnoCode } from './errno.js';

export * from './error-strings.js';

/**
 * An error raised by the kernel, a device or a Plan 9 system call. `message` is the Plan 9
 * error string (match it against the E* constants); `errno` and `code` are the Linux errno a
 * 9P2000.u/.L reply carries for it and that errno's name — EIO for a string outside the table.
 */
export class Plan9Error extends Error {
  override readonly name = 'Plan9Error';
  /** The Linux errno for the string. */
  readonly errno: number;
  /** The errno's name ('ENOENT', 'EACCES', …): a stable code to branch on. */
  readonly code: ErrnoCode;

  constructor(message: string) {
    super(message);
    this.errno = errnoFor(message);
    this.code = errnoName(this.errno);
  }
}

/** Plan 9's error(): raise `e` as a Plan9Error. */
export function error(e: string): never {
  throw new Plan9Error(e);
}
