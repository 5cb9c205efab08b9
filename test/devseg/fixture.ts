// A #g device on a fresh kernel, with the small steps the tests repeat: walk from the root
// as a user, open, create, read and write strings, and catch the Plan 9 error string.

import { SegmentDev } from '../../src/devseg/index.js';
import type { Chan } from '../../src/dev/dev.js';
import { Kernel } from '../../src/kernel/kernel.js';
import type { SegmentStore } from '../../src/plan9/segments.js';
import { DMDIR, OREAD } from '../../src/lib9/modes.js';
import { errstr } from '../helpers/errstr.js';
import { plan9For } from '../../src/plan9/plan9-for.js';
import { snapshot } from '../../src/kernel/inspect.js';

export const U = 'glenda';
export const E = 'eve';
export const O = 'other';

export class Fixture {
  readonly kernel = new Kernel();
  readonly store: SegmentStore = plan9For(this.kernel).segments;
  readonly dev = new SegmentDev(this.kernel, E);

  /** Ids of the shadows the kernel still has. */
  shadows(): number[] {
    return (snapshot(this.kernel) as { shadows: { id: number }[] }).shadows.map((s) => s.id);
  }

  root(user = U): Chan {
    return this.dev.attach('', user);
  }

  /** Walks `path` ('' is the root) as `user`; throws if it does not walk whole. */
  walk(path: string, user = U): Chan {
    const names = path === '' ? [] : path.split('/');
    const r = this.dev.walk(this.root(user), names);
    if (r.chan === undefined) throw new Error(`partial walk to ${path}`);
    return r.chan;
  }

  open(path: string, omode: number, user = U): Chan {
    return this.dev.open(this.walk(path, user), omode);
  }

  mkdir(name: string, user = U, omode = OREAD, perm = DMDIR | 0o777): Chan {
    const c = this.root(user);
    this.dev.create(c, name, omode, perm);
    return c;
  }

  /** Makes segment `name` and writes `va` to its ctl. */
  segment(name: string, va = '0x10000000 0x100000', user = U): void {
    this.dev.close(this.mkdir(name, user));
    const ctl = this.open(`${name}/ctl`, 1, user);
    this.dev.write(ctl, Buffer.from(`va ${va}\n`), 0);
    this.dev.close(ctl);
  }

  write(c: Chan, text: string | Uint8Array, offset = 0): number {
    return this.dev.write(c, typeof text === 'string' ? Buffer.from(text, 'latin1') : text, offset);
  }

  read(c: Chan, count: number, offset = 0): Buffer {
    const buf = Buffer.alloc(count);
    const n = this.dev.read(c, buf, offset);
    return buf.subarray(0, n);
  }

  readText(c: Chan, count = 128, offset = 0): string {
    return this.read(c, count, offset).toString('latin1');
  }

  /** The ctl text of segment `name`. */
  ctl(name: string, user = U): string {
    const c = this.open(`${name}/ctl`, OREAD, user);
    try {
      return this.readText(c);
    } finally {
      this.dev.close(c);
    }
  }

  names(): string[] {
    return this.dev.readdir(this.root()).map((d) => d.name);
  }
}

export { errstr };
