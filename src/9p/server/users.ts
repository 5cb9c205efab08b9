// Names and numbers of users. Plan 9 devices know users by name; 9P2000.u and 9P2000.L also
// carry numbers (n_uname in Tattach, uid/gid in getattr and setattr). One table per
// connection maps between them, so what one client claims never changes what a number means
// to another: uid 0 is eve and only eve (eve and root are reported as 0, and no attach can
// give eve or root another number, nor number 0 another name); a number learned from this
// connection's attach (uname plus n_uname) maps to that name; a name made of digits is that
// number; any other name is `nobody` (65534) going out, and an unknown number N is the user
// named "N" coming in, so that a number always round-trips.

import { NONUNAME } from '../codec/constants.js';

/** The number a name nobody told us about is reported as (Linux's overflow uid). */
export const NOBODY = 65534;

/** A two-way map of user names and numbers for one connection. */
export class UserTable {
  readonly #byName = new Map<string, number>();
  readonly #byNumber = new Map<number, string>();

  constructor(readonly eve: string) {}

  /** Records that `name` is user number `n` (an attach carried both). Number 0 stays eve, and eve and root stay 0. */
  bind(name: string, n: number): void {
    if (n === NONUNAME || n === 0 || name === '' || name === this.eve || name === 'root') return;
    this.#byName.set(name, n);
    this.#byNumber.set(n, name);
  }

  /** The name for user number `n`. */
  nameOf(n: number): string {
    if (n === 0) return this.eve;
    return this.#byNumber.get(n) ?? String(n);
  }

  /** The number for user `name`. */
  numberOf(name: string): number {
    if (name === this.eve || name === 'root') return 0;
    const n = this.#byName.get(name);
    if (n !== undefined) return n;
    if (/^(0|[1-9][0-9]{0,9})$/.test(name) && Number(name) < NONUNAME) return Number(name);
    return NOBODY;
  }
}
