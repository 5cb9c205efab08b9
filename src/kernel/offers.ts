// The grant records: standing shares made by segShare (proc_segment_share) and one-shot offers
// made by vmOffer (vm_offer), keyed by (kind, src, dest, addr). One table, because vmListOffer
// lists both.

import type { Pid } from './proc.js';

/** A one-shot offer (vmOffer) or a standing share (segShare). */
export type OfferKind = 'offer' | 'share';

/** vm_offer_t: one offer or standing share as vmListOffer lists it. */
export interface OfferRecord {
  /** creation order; listing is sorted by it */
  id: number;
  /** Offer or share. */
  kind: OfferKind;
  /** relative to the caller of vmListOffer */
  direction: 'sent' | 'received';
  /** The process that offers or shares. */
  src: Pid;
  /** The process it is offered or shared to. */
  dest: Pid;
  /** The range's first address, in src. */
  addr: number;
  /** The range's length in bytes. */
  len: number;
  /** offer: clipped grant | drop (VMO_* bits); share: PERM_* bits */
  flags: number;
}

/** @internal */
export type Grant = Omit<OfferRecord, 'direction'>;

export class OfferTable {
  /** `${kind} ${src} ${dest}` → addr → record */
  #byPair = new Map<string, Map<number, Grant>>();
  #nextId = 1;

  get(kind: OfferKind, src: Pid, dest: Pid, addr: number): Grant | undefined {
    return this.#byPair.get(pairKey(kind, src, dest))?.get(addr);
  }

  /** Stores a record with a new id, replacing the one with the same key. */
  put(kind: OfferKind, src: Pid, dest: Pid, addr: number, len: number, flags: number): Grant {
    const key = pairKey(kind, src, dest);
    let m = this.#byPair.get(key);
    if (m === undefined) this.#byPair.set(key, (m = new Map()));
    const g: Grant = { id: this.#nextId++, kind, src, dest, addr, len, flags };
    m.set(addr, g);
    return g;
  }

  delete(g: Grant): boolean {
    const key = pairKey(g.kind, g.src, g.dest);
    const m = this.#byPair.get(key);
    if (m === undefined || m.get(g.addr) !== g) return false;
    m.delete(g.addr);
    if (m.size === 0) this.#byPair.delete(key);
    return true;
  }

  /** Records of `kind` from `src` to `dest`. */
  between(kind: OfferKind, src: Pid, dest: Pid): Iterable<Grant> {
    return this.#byPair.get(pairKey(kind, src, dest))?.values() ?? [];
  }

  /** Every record, in no particular order. */
  *all(): IterableIterator<Grant> {
    for (const m of this.#byPair.values()) yield* m.values();
  }

  /** Every record sent or received by `pid`, sorted by id. */
  involving(pid: Pid): OfferRecord[] {
    const out: OfferRecord[] = [];
    for (const g of this.all()) {
      if (g.src === pid) out.push({ ...g, direction: 'sent' });
      else if (g.dest === pid) out.push({ ...g, direction: 'received' });
    }
    return out.sort((a, b) => a.id - b.id);
  }

  /** Deletes every record whose src or dest is `pid`. */
  forget(pid: Pid): void {
    for (const g of [...this.all()]) if (g.src === pid || g.dest === pid) this.delete(g);
  }
}

function pairKey(kind: OfferKind, src: Pid, dest: Pid): string {
  return `${kind} ${src} ${dest}`;
}
