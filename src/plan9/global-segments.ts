// The global segment table (9front devsegment.c's globalseg[]): named segments that the #g
// device creates and that segattach finds by name. Invariant: a Globalseg's `ref` counts the
// table slot while it is listed plus every open ctl/data channel; at 0 it drops its segment.

import { Eexist, Etoomany, error } from '../lib9/errors.js';
import type { Seg } from './segment.js';

/** Slots in the table, like 9front's globalseg[100]; all of them are addressable here. */
export const NGLOBAL = 100;

export class Globalseg {
  /** The table's reference plus one per open ctl/data channel. */
  ref = 1;
  /** The memory, once a `va` control message has made it. */
  s: Seg | null = null;
  /** The data file's I/O process exists and holds a reference on `s` (9front's segio kproc). */
  kproc = false;
  /** Still listed in the table (cleared by remove). */
  listed = true;

  constructor(
    readonly name: string,
    /** Owner of ctl and data. */
    public uid: string,
    /** The one permission word of ctl and data. */
    public perm: number,
    readonly slot: number,
    /** How many segments were created in this slot before this one. */
    readonly gen: bigint,
  ) {}
}

export class GlobalSegments {
  readonly #slots: (Globalseg | undefined)[] = new Array<Globalseg | undefined>(NGLOBAL).fill(undefined);
  readonly #gens: bigint[] = new Array<bigint>(NGLOBAL).fill(0n);
  /** The live segments by name: a walk or segattach finds one without scanning the slots. */
  readonly #byName = new Map<string, Globalseg>();

  /** @param putseg drops one reference on a segment (the kernel frees it at 0). */
  constructor(readonly putseg: (s: Seg) => void) {}

  /** The live segment in `slot`, if any. */
  at(slot: number): Globalseg | undefined {
    return this.#slots[slot];
  }

  /** The live segment called `name`, if any. */
  find(name: string): Globalseg | undefined {
    return this.#byName.get(name);
  }

  /** Live segments in slot order. */
  *live(): IterableIterator<Globalseg> {
    for (const g of this.#slots) if (g !== undefined) yield g;
  }

  /**
   * segmentcreate's table step: `file already exists` for a live name, `too many global
   * segments` when full; otherwise a new entry (ref 1, no memory) in the lowest free slot.
   */
  create(name: string, uid: string, perm: number): Globalseg {
    if (this.#byName.has(name)) error(Eexist);
    const free = this.#slots.indexOf(undefined);
    if (free < 0) error(Etoomany);
    const gen = this.#gens[free]!;
    this.#gens[free] = gen + 1n;
    const g = new Globalseg(name, uid, perm, free, gen);
    this.#slots[free] = g;
    this.#byName.set(name, g);
    return g;
  }

  /** segmentremove: unlists `g` and drops the table's reference. */
  remove(g: Globalseg): void {
    if (!g.listed) return;
    g.listed = false;
    this.#slots[g.slot] = undefined;
    this.#byName.delete(g.name);
    this.put(g);
  }

  /** Takes a reference on `g` (an open channel). */
  get(g: Globalseg): Globalseg {
    g.ref++;
    return g;
  }

  /** putgseg: drops a reference; at 0 the I/O process exits and the segment is released. */
  put(g: Globalseg): void {
    if (--g.ref > 0) return;
    if (g.s !== null) {
      if (g.kproc) this.putseg(g.s);
      this.putseg(g.s);
      g.kproc = false;
      g.s = null;
    }
  }
}
