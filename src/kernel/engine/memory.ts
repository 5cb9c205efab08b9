// Memory: the engine's registry of shadows and of the mappings that hold them, and the
// primitive changes an operation makes (map, unmap, a new or resized shadow). Inside an
// operation (begin … end) every change is journaled, so that a failure found later undoes it.
// Invariant: a shadow's refs = the mappings holding it + its external holds; at 0 it is gone,
// and its chunks go back to the budget. A new shadow needs room for its first chunk.

import type { AddressSpace } from './address-space.js';
import { Journal } from './journal.js';
import { exclusiveAnon, type Mapping } from './mapping.js';
import { MemoryBudget } from './memory-budget.js';
import { Shadow, type ShadowKind } from './shadow.js';
import { PERM_RWX } from '../constants.js';
import { Enovmem, Plan9Error } from '../../lib9/errors.js';

export class Memory {
  readonly #shadows = new Map<number, Shadow>();
  /** holds on shadows taken from outside (shadowCreate, shadowHold), not by mappings */
  readonly #external = new Map<Shadow, number>();
  /** the mappings holding each shadow, and the space each mapping is in */
  readonly #holders = new Map<Shadow, Set<Mapping>>();
  readonly #where = new Map<Mapping, AddressSpace>();
  /**
   * Anon shadows left with one holder by a change outside the holder's space (an exit, a free
   * in another process, a dropped external hold): merging is applied only in the spaces an
   * operation changed, so their holder may stand unmerged beside a rule-(b) partner until it
   * next changes.
   */
  readonly #late = new WeakSet<Shadow>();
  #nextShadow = 1;
  #tx: Journal | undefined;

  /**
   * @param maxSegments most mappings one address space may hold
   * @param budget where every shadow's chunks are charged
   */
  constructor(
    readonly maxSegments: number,
    readonly budget: MemoryBudget = new MemoryBudget(),
  ) {}

  // ---- the registry ----

  shadow(id: number): Shadow | undefined {
    return this.#shadows.get(id);
  }

  /** Every live shadow, by id. */
  shadows(): Shadow[] {
    return [...this.#shadows.values()].sort((a, b) => a.id - b.id);
  }

  /** The holds on `s` taken from outside. */
  externalHolds(s: Shadow): number {
    return this.#external.get(s) ?? 0;
  }

  /** The mappings holding `s`. */
  holders(s: Shadow): ReadonlySet<Mapping> | undefined {
    return this.#holders.get(s);
  }

  /** The space `m` is mapped in. */
  spaceOf(m: Mapping): AddressSpace | undefined {
    return this.#where.get(m);
  }

  /** Whether `s` became exclusive by a change outside its holder's space. */
  isLate(s: Shadow): boolean {
    return this.#late.has(s);
  }

  markLate(s: Shadow): void {
    this.#late.add(s);
  }

  /** A new zero-filled shadow held once from outside (outside any operation). */
  createShadow(size: number, maxRights: number, kind: ShadowKind): Shadow {
    const s = this.#made(size, maxRights, kind);
    this.#shadows.set(s.id, s);
    s.refs = 1;
    this.#external.set(s, 1);
    return s;
  }

  /** One more hold on `s` from outside. */
  hold(s: Shadow): void {
    s.refs++;
    this.#external.set(s, this.externalHolds(s) + 1);
  }

  /** Drops one hold from outside; false if `s` has none. The shadow goes when nothing holds it. */
  put(s: Shadow): boolean {
    const n = this.externalHolds(s);
    if (n === 0) return false;
    this.#external.set(s, n - 1);
    s.refs--;
    if (s.refs === 0) this.free(s);
    if (s.refs === 1) this.markLate(s);
    return true;
  }

  /** Forgets a shadow nothing holds any more and gives its memory back. */
  free(s: Shadow): void {
    this.#shadows.delete(s.id);
    this.#holders.delete(s);
    this.#external.delete(s);
    s.free();
  }

  /** A new shadow, if its first chunk would fit the budget now; else Plan9Error(Enovmem). */
  #made(size: number, maxRights: number, kind: ShadowKind): Shadow {
    const s = new Shadow(this.#nextShadow, size, maxRights, kind, this.budget);
    if (!this.budget.fits(s.firstChunk)) throw new Plan9Error(Enovmem);
    this.#nextShadow++;
    return s;
  }

  /** Unmaps every mapping of `space` outside any operation (exit cannot fail). */
  unmapAll(space: AddressSpace): void {
    for (const m of [...space.mappings]) {
      this.#release(space, m);
      if (m.shadow.refs === 0) this.free(m.shadow);
      if (m.shadow.refs === 1) this.markLate(m.shadow);
    }
  }

  // ---- changes inside an operation ----

  /** Starts an operation's journal. */
  begin(): Journal {
    if (this.#tx !== undefined) throw new Error('kernel operation re-entered');
    return (this.#tx = new Journal());
  }

  end(): void {
    this.#tx = undefined;
  }

  journal(): Journal {
    const tx = this.#tx;
    if (tx === undefined) throw new Error('kernel change outside an operation');
    return tx;
  }

  /** A new anonymous shadow of `size` bytes with no holder yet. */
  newShadow(size: number): Shadow {
    const tx = this.journal();
    const s = this.#made(size, PERM_RWX, 'anon');
    this.#shadows.set(s.id, s);
    tx.shadows.add(s);
    tx.onUndo(() => {
      this.free(s);
      this.#nextShadow--;
    });
    return s;
  }

  resizeShadow(s: Shadow, size: number): void {
    const old = s.size;
    s.resize(size);
    this.journal().onUndo(() => s.resize(old));
  }

  map(space: AddressSpace, m: Mapping): void {
    const tx = this.journal();
    this.#hold(space, m);
    tx.spaces.add(space);
    tx.shadows.add(m.shadow);
    tx.onUndo(() => this.#release(space, m));
  }

  unmap(space: AddressSpace, m: Mapping): void {
    const tx = this.journal();
    if (this.#where.get(m) !== space) throw new Error(`mapping 0x${m.addr.toString(16)} is not in the ${space.region} space`);
    this.#release(space, m);
    tx.spaces.add(space);
    tx.shadows.add(m.shadow);
    tx.onUndo(() => this.#hold(space, m));
  }

  replace(space: AddressSpace, olds: Mapping[], news: Mapping[]): void {
    for (const m of olds) this.unmap(space, m);
    for (const m of news) this.map(space, m);
  }

  /** After commit, releases the memory of an exclusive anon shadow beyond `m`'s end. */
  trimLater(m: Mapping): void {
    this.journal().afterCommit(() => {
      const s = m.shadow;
      const end = m.offset + m.len;
      if (exclusiveAnon(s) && s.size > end) s.resize(end);
    });
  }

  #hold(space: AddressSpace, m: Mapping): void {
    space.mappings.insert(m);
    this.#where.set(m, space);
    m.shadow.refs++;
    let set = this.#holders.get(m.shadow);
    if (set === undefined) this.#holders.set(m.shadow, (set = new Set()));
    set.add(m);
  }

  #release(space: AddressSpace, m: Mapping): void {
    space.mappings.remove(m);
    this.#where.delete(m);
    m.shadow.refs--;
    // The set stays until the shadow is freed: V8 Maps degrade badly when one key is deleted
    // and added again over and over, which merging would otherwise do.
    this.#holders.get(m.shadow)!.delete(m);
  }
}
