// A Dev that wraps another and, while gated, answers read/write/walk with Promises the test
// resolves by hand: how the server tests drive pipelining, flush and clunk-during-I/O.

import type { Chan, Dev, WalkResult } from '../../../src/dev/dev.js';
import type { Dir, DirChanges } from '../../../src/lib9/dir.js';

type Kind = 'read' | 'write' | 'walk';

export class GateDev implements Dev {
  readonly dc: string;
  readonly name = 'gate';
  /** Which calls are held. */
  readonly gated = new Set<Kind>();
  /** Held calls, oldest first: release one to let it run. */
  readonly held: { kind: Kind; release: () => void; fail: (e: Error) => void }[] = [];
  closes = 0;
  reads = 0;

  constructor(readonly inner: Dev) {
    this.dc = inner.dc;
  }

  #hold<T>(kind: Kind, run: () => T | Promise<T>): T | Promise<T> {
    if (!this.gated.has(kind)) return run();
    return new Promise<T>((resolve, reject) => {
      this.held.push({
        kind,
        release: () => { try { Promise.resolve(run()).then(resolve, reject); } catch (e) { reject(e); } },
        fail: reject,
      });
    });
  }

  /** Resolves when `n` calls are held. */
  async waitHeld(n: number): Promise<void> {
    while (this.held.length < n) await new Promise((r) => setImmediate(r));
  }

  attach(spec: string, user: string): Chan | Promise<Chan> {
    return this.#rewrap(this.inner.attach(spec, user));
  }

  walk(c: Chan, names: readonly string[]): WalkResult | Promise<WalkResult> {
    const wrap = (r: WalkResult): WalkResult => (r.chan ? { qids: r.qids, chan: this.#out(r.chan) } : r);
    return this.#hold('walk', () => {
      const r = this.inner.walk(this.#in(c), names);
      return r instanceof Promise ? r.then(wrap) : wrap(r);
    });
  }

  stat(c: Chan): Dir | Promise<Dir> { return this.inner.stat(this.#in(c)); }
  open(c: Chan, omode: number): Chan | Promise<Chan> { return this.#rewrap(this.inner.open(this.#in(c), omode)); }
  async create(c: Chan, name: string, omode: number, perm: number): Promise<void> {
    const ic = this.#in(c);
    await this.inner.create(ic, name, omode, perm);
    Object.assign(c, { qid: ic.qid, open: ic.open, mode: ic.mode, rclose: ic.rclose });
  }
  read(c: Chan, buf: Uint8Array, offset: number): number | Promise<number> {
    this.reads++;
    return this.#hold('read', () => this.inner.read(this.#in(c), buf, offset));
  }
  readdir(c: Chan): Dir[] | Promise<Dir[]> { return this.inner.readdir(this.#in(c)); }
  write(c: Chan, data: Uint8Array, offset: number): number | Promise<number> {
    return this.#hold('write', () => this.inner.write(this.#in(c), data, offset));
  }
  remove(c: Chan): void | Promise<void> { return this.inner.remove(this.#in(c)); }
  wstat(c: Chan, d: DirChanges): void | Promise<void> { return this.inner.wstat(this.#in(c), d); }
  close(c: Chan): void {
    this.closes++;
    this.inner.close(this.#in(c));
  }

  // Chans of this device carry the inner device's chan in aux.
  #in(c: Chan): Chan {
    return c.aux as Chan;
  }

  #out(inner: Chan): Chan {
    return { dev: this, qid: inner.qid, user: inner.user, open: inner.open, mode: inner.mode, rclose: inner.rclose, aux: inner };
  }

  #rewrap(c: Chan | Promise<Chan>): Chan | Promise<Chan> {
    return c instanceof Promise ? c.then((x) => this.#out(x)) : this.#out(c);
  }
}
