// A #p device on a fresh kernel, with the steps the tests repeat: walk as a user, open, write
// a ctl command and read its result, and catch the Plan 9 error string.

import { ProcDev } from '../../src/devproc/index.js';
import type { Chan } from '../../src/dev/dev.js';
import { Kernel, type KernelOptions } from '../../src/kernel/kernel.js';
import { OREAD, ORDWR } from '../../src/lib9/modes.js';
import { errstr } from '../helpers/errstr.js';

export const U = 'glenda';
export const E = 'eve';
export const O = 'other';

export class Fixture {
  readonly kernel: Kernel;
  readonly dev: ProcDev;

  constructor(o: KernelOptions & { maxProcs?: number; maxProcsPerUser?: number } = {}) {
    this.kernel = new Kernel(o);
    this.dev = new ProcDev(this.kernel, E, { maxProcs: o.maxProcs, maxProcsPerUser: o.maxProcsPerUser });
  }

  /** Walks `path` ('' is the root) as `user`; throws if it does not walk whole. */
  walk(path: string, user = U): Chan {
    const names = path === '' ? [] : path.split('/');
    const r = this.dev.walk(this.dev.attach('', user), names);
    if (r.chan === undefined) throw new Error(`partial walk to ${path}`);
    return r.chan;
  }

  open(path: string, omode: number, user = U): Chan {
    return this.dev.open(this.walk(path, user), omode);
  }

  /** Opens #p/clone as `user`: a new process; returns its pid and the open ctl chan. */
  clone(user = U): [number, Chan] {
    const c = this.open('clone', ORDWR, user);
    return [Number(this.text(c)), c];
  }

  /** A new process owned by `user`; its pid. */
  proc(user = U): number {
    const [pid, c] = this.clone(user);
    this.dev.close(c);
    return pid;
  }

  text(c: Chan, offset = 0, count = 1 << 16): string {
    const buf = Buffer.alloc(count);
    const n = this.dev.read(c, buf, offset);
    return buf.subarray(0, n).toString('latin1');
  }

  /** Writes `cmd` to the ctl of `pid` as `user` and returns what the same open file reads back. */
  ctl(pid: number, cmd: string, user = U): string {
    const c = this.open(`${pid}/ctl`, ORDWR, user);
    try {
      const n = this.dev.write(c, Buffer.from(cmd, 'latin1'), 0);
      if (n !== Buffer.byteLength(cmd, 'latin1')) throw new Error(`short write ${n}`);
      return this.text(c);
    } finally {
      this.dev.close(c);
    }
  }

  /** The Plan 9 error string writing `cmd` to `pid`'s ctl gives. */
  ctlError(pid: number, cmd: string, user = U): string {
    return errstr(() => this.ctl(pid, cmd, user));
  }

  /** The whole text of file `path`. */
  file(path: string, user = U): string {
    const c = this.open(path, OREAD, user);
    try {
      return this.text(c);
    } finally {
      this.dev.close(c);
    }
  }
}

export { errstr };
