// Plan 9's devtab for a 9P export: one Dev that stands for several, chosen by the attach
// name. It lets one 9P server export #g and #p of the same kernel (aname "#g", "#p"; "" and "/" reach the default device).
// Every call after attach goes to the device the chan belongs to (c.dev), as Plan 9's
// devtab[c->type] does, so the devices need not know about each other.

import type { Chan, Dev, SegmentMemory, WalkResult } from './dev.js';
import type { Dir, DirChanges } from '../lib9/dir.js';
import { Enonexist, error } from '../lib9/errors.js';

type MaybePromise<T> = T | Promise<T>;

export class AnameMux implements Dev {
  readonly dc: string;
  readonly name = 'mux';
  readonly #byAname: ReadonlyMap<string, Dev>;

  /**
   * `devices` by attach name (each also reachable as "#" + its letter); `fallback` answers
   * the empty aname and "/". Throws RangeError if two devices claim one name.
   */
  constructor(readonly fallback: Dev, devices: readonly Dev[] = []) {
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

  attach(spec: string, user: string): MaybePromise<Chan> {
    const d = this.#byAname.get(spec);
    if (d === undefined) error(Enonexist);
    return d.attach(spec, user);
  }

  walk(c: Chan, names: readonly string[]): MaybePromise<WalkResult> {
    return c.dev.walk(c, names);
  }

  stat(c: Chan): MaybePromise<Dir> {
    return c.dev.stat(c);
  }

  open(c: Chan, omode: number): MaybePromise<Chan> {
    return c.dev.open(c, omode);
  }

  create(c: Chan, name: string, omode: number, perm: number): MaybePromise<void> {
    return c.dev.create(c, name, omode, perm);
  }

  read(c: Chan, buf: Uint8Array, offset: number): MaybePromise<number> {
    return c.dev.read(c, buf, offset);
  }

  readViews(c: Chan, offset: number, count: number): MaybePromise<Uint8Array[]> | undefined {
    return c.dev.readViews?.(c, offset, count);
  }

  readdir(c: Chan): MaybePromise<Dir[]> {
    return c.dev.readdir(c);
  }

  write(c: Chan, data: Uint8Array, offset: number): MaybePromise<number> {
    return c.dev.write(c, data, offset);
  }

  remove(c: Chan): MaybePromise<void> {
    return c.dev.remove(c);
  }

  wstat(c: Chan, changes: DirChanges): MaybePromise<void> {
    return c.dev.wstat(c, changes);
  }

  close(c: Chan): void {
    c.dev.close(c);
  }

  /** The segment memory of the device attach name `spec` reaches, if it offers any. */
  segmentMemory(spec: string, name: string, user: string): SegmentMemory | undefined {
    return this.#byAname.get(spec)?.segmentMemory?.(spec, name, user);
  }
}
