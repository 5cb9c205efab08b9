// Plan 9's devtab for a 9P export: one Dev that stands for several, chosen by the attach
// name. It lets one 9P server export #g and #p of the same kernel (aname "#g", "#p"; "" and "/" reach the default device).
// Every call after attach goes to the device the chan belongs to (c.dev), as Plan 9's
// devtab[c->type] does, so the devices need not know about each other.

import type { Chan, Dev, MaybePromise, SegmentMemory, WalkResult } from './dev.js';
import type { Dir, DirChanges } from '../lib9/dir.js';
import { Enonexist, error } from '../lib9/errors.js';

/**
 * One Dev that stands for several, chosen by the attach name, as Plan 9's devtab: lets one 9P
 * server export #g and #p of one kernel (aname '#g', '#p'; '' and '/' reach the fallback).
 * Every call after attach goes to the device the chan belongs to. Its methods are the
 * devices' own and throw what they throw.
 *
 * @example
 * ```ts
 * import { Kernel } from 'segfs/kernel';
 * import { AnameMux, SegmentDev, ProcDev } from 'segfs/dev';
 * import { NinepServer } from 'segfs/9p';
 * const kernel = new Kernel();
 * const mux = new AnameMux(new SegmentDev(kernel, 'eve'), [new ProcDev(kernel, 'eve')]);
 * const server = new NinepServer({ dev: mux, anames: mux.anames });
 * ```
 */
export class AnameMux implements Dev {
  /** The fallback's device letter. */
  readonly dc: string;
  /** Always 'mux'. */
  readonly name = 'mux';
  readonly #byAname: ReadonlyMap<string, Dev>;

  /**
   * @param fallback - the device the empty aname and '/' reach (also '#' + its letter)
   * @param devices - the others, each reached as '#' + its letter
   * @throws RangeError if two devices claim one name
   */
  constructor(
    /** The device of the empty aname and '/'. */
    readonly fallback: Dev,
    devices: readonly Dev[] = [],
  ) {
    this.dc = fallback.dc;
    const m = new Map<string, Dev>([['', fallback], ['/', fallback]]);
    for (const d of [fallback, ...devices]) {
      const an = `#${d.dc}`;
      const had = m.get(an);
      if (had !== undefined && had !== d) throw new RangeError(`two devices answer aname ${an}`);
      m.set(an, d);
    }
    this.#byAname = m;
  }

  /** The attach names served: pass them to the server (NinepServer's `anames` option). */
  get anames(): string[] {
    return [...this.#byAname.keys()];
  }

  /**
   * Attaches to the device named by `spec`.
   * @param spec - '', '/', or '#' and a device letter
   * @param user - the user
   * @returns that device's root channel
   * @throws Plan9Error `file does not exist` (code 'ENOENT') for an unknown spec, else what the device throws
   */
  attach(spec: string, user: string): MaybePromise<Chan> {
    const d = this.#byAname.get(spec);
    if (d === undefined) error(Enonexist);
    return d.attach(spec, user);
  }

  /** {@inheritDoc Dev.walk} */
  walk(c: Chan, names: readonly string[]): MaybePromise<WalkResult> {
    return c.dev.walk(c, names);
  }

  /** {@inheritDoc Dev.stat} */
  stat(c: Chan): MaybePromise<Dir> {
    return c.dev.stat(c);
  }

  /** {@inheritDoc Dev.open} */
  open(c: Chan, omode: number): MaybePromise<Chan> {
    return c.dev.open(c, omode);
  }

  /** {@inheritDoc Dev.create} */
  create(c: Chan, name: string, omode: number, perm: number): MaybePromise<void> {
    return c.dev.create(c, name, omode, perm);
  }

  /** {@inheritDoc Dev.read} */
  read(c: Chan, buf: Uint8Array, offset: number): MaybePromise<number> {
    return c.dev.read(c, buf, offset);
  }

  /** {@inheritDoc Dev.readViews} */
  readViews(c: Chan, offset: number, count: number): MaybePromise<Uint8Array[]> | undefined {
    return c.dev.readViews?.(c, offset, count);
  }

  /** {@inheritDoc Dev.readdir} */
  readdir(c: Chan): MaybePromise<Dir[]> {
    return c.dev.readdir(c);
  }

  /** {@inheritDoc Dev.write} */
  write(c: Chan, data: Uint8Array, offset: number): MaybePromise<number> {
    return c.dev.write(c, data, offset);
  }

  /** {@inheritDoc Dev.remove} */
  remove(c: Chan): MaybePromise<void> {
    return c.dev.remove(c);
  }

  /** {@inheritDoc Dev.wstat} */
  wstat(c: Chan, changes: DirChanges): MaybePromise<void> {
    return c.dev.wstat(c, changes);
  }

  /** {@inheritDoc Dev.close} */
  close(c: Chan): void {
    c.dev.close(c);
  }

  /**
   * The segment memory of the device attach name `spec` reaches, if it offers any.
   * @param spec - the attach name
   * @param name - the segment
   * @param user - the user
   * @returns its memory, or undefined
   * @throws Plan9Error with segattach's refusal
   */
  segmentMemory(spec: string, name: string, user: string): SegmentMemory | undefined {
    return this.#byAname.get(spec)?.segmentMemory?.(spec, name, user);
  }
}
