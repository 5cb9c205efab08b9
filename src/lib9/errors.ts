// The one error type of the kernel, the devices and the Plan 9 layer: Plan9Error, whose
// message is a Plan 9 error string (error-strings.ts) and whose `code` names the errno that
// string maps to. Only the 9P server's respond step turns one into a wire error.

import { errnoFor, errnoName, type ErrnoCode } from './errno.js';

export * from './error-strings.js';

/**
 * An error raised by the kernel's Plan 9 calls, a device or the Plan 9 layer. `message` is the
 * Plan 9 error string (match it against the E* constants, e.g. `Enonexist`, 'file does not
 * exist'); `errno` and `code` are the Linux errno a 9P2000.u/.L reply carries for it and that
 * errno's name ('ENOENT') — EIO for a string outside the table. The kernel's own calls do not
 * throw it: they return a negative errno.
 *
 * @example
 * ```ts
 * import { Kernel, Plan9Error, Plan9Process, plan9For, Ebadarg } from 'segfs/kernel';
 * const p = plan9For(new Kernel());
 * const proc = new Plan9Process(p, p.spawn());
 * try {
 *   proc.segattach(0, 'nothere', 0, 4096);
 * } catch (e) {
 *   if (e instanceof Plan9Error && e.code === 'EINVAL') console.log(e.message === Ebadarg); // true
 * }
 * ```
 */
export class Plan9Error extends Error {
  /** Always 'Plan9Error'. */
  override readonly name = 'Plan9Error';
  /** The Linux errno for the string. */
  readonly errno: number;
  /** The errno's name ('ENOENT', 'EACCES', …): a stable code to branch on. */
  readonly code: ErrnoCode;

  /** @param message - the Plan 9 error string; `errno` and `code` follow from it */
  constructor(message: string) {
    super(message);
    this.errno = errnoFor(message);
    this.code = errnoName(this.errno);
  }
}

/**
 * Plan 9's error(): raise `e` as a Plan9Error.
 * @param e - the Plan 9 error string
 * @throws Plan9Error with message `e`, always
 */
export function error(e: string): never {
  throw new Plan9Error(e);
}
