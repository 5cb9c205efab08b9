// A kernel with its Plan 9 layer and a #g device on it, users U (glenda), E (eve) and
// O (other), and the whole-state capture the "rejected calls change nothing" tests compare.

import { expect } from 'chai';
import { SegmentDev } from '../../src/devseg/index.js';
import type { Chan } from '../../src/dev/dev.js';
import { Kernel } from '../../src/kernel/kernel.js';
import { SG_STACK } from '../../src/plan9/constants.js';
import { plan9For } from '../../src/plan9/plan9-for.js';
import { Plan9Process } from '../../src/plan9/plan9-process.js';
import type { Plan9 } from '../../src/plan9/plan9.js';
import type { Seg } from '../../src/plan9/segment.js';
import { DMDIR, OREAD, ORDWR, OWRITE } from '../../src/lib9/modes.js';
import { snapshot } from '../../src/kernel/inspect.js';
import { errstr } from '../helpers/errstr.js';

export const U = 'glenda';
export const E = 'eve';
export const O = 'other';

export class World {
  readonly plan9: Plan9;
  /** The device makes E the kernel's eve too. */
  readonly dev: SegmentDev;

  constructor(readonly kernel = new Kernel()) {
    this.plan9 = plan9For(kernel);
    this.dev = new SegmentDev(kernel, E);
  }

  /** A new Plan 9 process running as `user`. */
  proc(user = U): Plan9Process {
    return new Plan9Process(this.plan9, this.plan9.spawn({ user }));
  }

  #walk(path: string, user: string): Chan {
    const r = this.dev.walk(this.dev.attach('', user), path.split('/'));
    if (r.chan === undefined) throw new Error(`no ${path}`);
    return r.chan;
  }

  /** mkdir #g/NAME as `user`, and write `va` to its ctl unless va is null. */
  global(name: string, va: string | null = '0x10000000 0x100000', user = U): void {
    const c = this.dev.attach('', user);
    this.dev.create(c, name, OREAD, DMDIR | 0o777);
    this.dev.close(c);
    if (va === null) return;
    const ctl = this.dev.open(this.#walk(`${name}/ctl`, user), OWRITE);
    this.dev.write(ctl, Buffer.from(`va ${va}\n`), 0);
    this.dev.close(ctl);
  }

  /** Opens #g/NAME/data read-write as `user`. */
  data(name: string, user = U): Chan {
    return this.dev.open(this.#walk(`${name}/data`, user), ORDWR);
  }

  removeGlobal(name: string): void {
    this.dev.remove(this.#walk(name, E));
  }

  /** Every holder of every Plan 9 segment, counted the way `ref` should count them. */
  holders(): Map<Seg, number> {
    const n = new Map<Seg, number>();
    const add = (s: Seg) => n.set(s, (n.get(s) ?? 0) + 1);
    for (const p of this.plan9.procs()) for (const s of p.seg) if (s !== undefined) add(s);
    for (const s of this.plan9.cachedTexts()) add(s);
    for (const g of this.plan9.segments.globals.live()) {
      if (g.s !== null) add(g.s);
    }
    return n;
  }

  /**
   * The whole state: the core's snapshot (processes, mappings, shadows and their refs), every
   * Plan 9 process's slots, notes and /proc text, the #g table, and the bytes of every
   * segment except stacks (never touched by the calls under test, and 16 MiB each).
   */
  state(): unknown {
    const bytes = (s: Seg) => {
      if (s.kind === SG_STACK) return null;
      const buf = new Uint8Array(s.size);
      s.shadow.read(0, buf);
      return Buffer.from(buf).toString('base64');
    };
    return {
      core: snapshot(this.kernel),
      procs: this.plan9.procs().map((p) => ({
        pid: p.pid,
        user: p.user,
        image: p.image,
        notes: [...p.notes],
        text: this.plan9.segmentText(p.pid),
        slots: p.seg.map((s) => (s === undefined ? null : { type: s.type, base: s.base, top: s.top, ref: s.ref, flushme: s.flushme, bytes: bytes(s) })),
      })),
      globals: [...this.plan9.segments.globals.live()].map((g) => ({
        name: g.name, uid: g.uid, perm: g.perm, ref: g.ref, slot: g.slot, kproc: g.kproc,
        s: g.s === null ? null : { base: g.s.base, top: g.s.top, ref: g.s.ref, bytes: bytes(g.s) },
      })),
    };
  }

  /** Runs a call that must fail with `want` and leave the whole state as it was. */
  rejects(want: string, call: () => unknown): void {
    const before = this.state();
    expect(errOf(call)).to.equal(want);
    expect(this.state()).to.deep.equal(before);
  }
}

/** The Plan 9 error string a call throws. */
export const errOf = errstr;

/** The /proc/N/segment line of the segment starting at `base`, if any. */
export function lineAt(p: Plan9Process, base: number): string | undefined {
  const hex = base.toString(16);
  return p.segmentText().split('\n').find((l) => l.slice(10).trim().split(/ +/)[0] === hex);
}
