// The facade's error convention (kernel.md §4.4.13): a call returns its value or, when the
// kernel raised a Plan 9 error, that error's string.

import { Plan9Error } from '../lib9/errors.js';

export function errstr<T>(call: () => T): T | string {
  try {
    return call();
  } catch (e) {
    if (e instanceof Plan9Error) return e.message;
    throw e;
  }
}
