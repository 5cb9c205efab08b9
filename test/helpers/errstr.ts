// The Plan 9 error string a call throws, for tests of devices and system calls.

import { Plan9Error } from '../../src/lib9/errors.js';

/** The Plan 9 error string `fn` throws; fails the test if it throws something else or nothing. */
export function errstr(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof Plan9Error) return e.message;
    throw e;
  }
  throw new Error('expected a Plan9Error, but the call succeeded');
}
