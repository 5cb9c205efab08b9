// The merge rule applied: after an operation, each mapping it made or changed is joined with
// every neighbour the rule allows, in the spaces the operation changed. A rule-(b) merge copies
// the right mapping's bytes into the left one's shadow, grown to hold them.

import type { AddressSpace } from './address-space.js';
import type { Journal } from './journal.js';
import { canMerge, type Mapping } from './mapping.js';
import type { Memory } from './memory.js';

/** Applies the merge rule around each of `maps` still mapped in `space`. */
export function mergeAll(mem: Memory, space: AddressSpace, maps: Mapping[]): void {
  for (const m of maps) if (space.mappings.find(m.addr) === m) mergeAround(mem, space, m);
}

/**
 * Joins `m` with its left and right neighbours for as long as the rule allows (a merged
 * mapping has a new neighbour to try); returns the resulting mapping.
 */
export function mergeAround(mem: Memory, space: AddressSpace, m: Mapping): Mapping {
  let cur = m;
  for (;;) {
    const l = space.mappings.before(cur.addr);
    if (l !== undefined && canMerge(l, cur)) {
      cur = merge(mem, space, l, cur);
      continue;
    }
    const r = space.mappings.after(cur.addr);
    if (r !== undefined && canMerge(cur, r)) {
      cur = merge(mem, space, cur, r);
      continue;
    }
    return cur;
  }
}

function merge(mem: Memory, space: AddressSpace, l: Mapping, r: Mapping): Mapping {
  if (l.shadow !== r.shadow) {
    // rule (b): two exclusive anon shadows; the merged mapping keeps l's, grown to hold r's bytes
    const need = l.offset + l.len + r.len;
    if (l.shadow.size < need) mem.resizeShadow(l.shadow, need);
    l.shadow.copyFrom(r.shadow, r.offset, l.offset + l.len, r.len);
  }
  const m = l.derive({ len: l.len + r.len });
  mem.replace(space, [l, r], [m]);
  return m;
}

/**
 * Before commit: an anon shadow the operation left with a single holder makes that holder a
 * rule-(b) candidate; it is merged if it lies in a space the operation changed, and otherwise
 * remembered as late (no merges in spaces the operation did not change).
 */
export function settle(mem: Memory, tx: Journal): void {
  for (let again = true; again; ) {
    again = false;
    for (const sh of tx.shadows) {
      if (sh.kind !== 'anon' || sh.refs !== 1) continue;
      const set = mem.holders(sh);
      if (set === undefined || set.size !== 1) continue;
      const [m] = set as ReadonlySet<Mapping> & Iterable<Mapping>;
      const space = mem.spaceOf(m!)!;
      if (!tx.spaces.has(space)) {
        mem.markLate(sh);
        continue;
      }
      const l = space.mappings.before(m!.addr);
      const r = space.mappings.after(m!.addr);
      if ((l !== undefined && canMerge(l, m!)) || (r !== undefined && canMerge(m!, r))) {
        mergeAround(mem, space, m!);
        again = true;
      }
    }
  }
}

/** A rule-(b) pair left unmerged because a shadow became exclusive by a change elsewhere. */
export function mergeDeferred(mem: Memory, l: Mapping, r: Mapping): boolean {
  return l.shadow !== r.shadow && (mem.isLate(l.shadow) || mem.isLate(r.shadow));
}
