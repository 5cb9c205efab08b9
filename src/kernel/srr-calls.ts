// The process segment calls of SRR/Marten (proc_segment_alloc, _free, _query, _resize, _share,
// _take), a protect call that declares memory private or writable, and Plan 9's segfree as
// segDecommit. Each takes the target process the prologue resolved (KernelState.target),
// makes every check it can before it changes anything, and runs its changes as one
// transaction.

import { EACCES, EBUSY, EFAULT, EINVAL, ENOENT, ENOMEM } from '../lib9/errno.js';
import { isAligned, isFlags, isNat, isUserRange } from './args.js';
import { PAGE, PERM_R, PERM_RWX, PERM_W, SEG_EAGER, SEG_PRIVATE, SEG_SHARED_REGION, USER_TOP } from './constants.js';
import type { AddressSpace } from './engine/address-space.js';
import { copyPrivate, materialize } from './engine/copy-on-write.js';
import { Mapping, exclusiveAnon, type SegmentInfo } from './engine/mapping.js';
import { mergeAll, mergeAround } from './engine/merge.js';
import { minRights, shadowOffset } from './engine/pieces.js';
import type { Shadow } from './engine/shadow.js';
import type { KernelState, Ret } from './kernel-state.js';
import type { Proc } from './proc.js';
import { mapReceived, placeReceived } from './receive.js';

export const ALLOC_FLAGS = PERM_RWX | SEG_PRIVATE | SEG_EAGER | SEG_SHARED_REGION;
const PROTECT_FLAGS = PERM_RWX | SEG_PRIVATE | SEG_EAGER;

/** Options of Kernel.segAlloc. */
export interface AllocOptions {
  /** map this range of an existing shadow instead of new anonymous memory */
  backing?: {
    /** The shadow's id (Kernel.shadowCreate). */
    shadow: number;
    /** Page-aligned offset in it. */
    offset: number;
  };
  /** a Plan 9 segment: never merged; only its tail (or all of it) may be freed */
  segmented?: boolean;
}

/** proc_segment_alloc: returns the requested (or chosen) address. */
export function segAlloc(k: KernelState, p: Proc, addr: number, len: number, flags: number, o: AllocOptions): Ret<number> {
  if (!isFlags(flags, ALLOC_FLAGS)) return -EINVAL;
  const rights = flags & PERM_RWX;
  const priv = (flags & SEG_PRIVATE) !== 0;
  if (rights === 0 || ((flags & SEG_EAGER) !== 0 && !priv)) return -EINVAL;
  const sharedRegion = (flags & SEG_SHARED_REGION) !== 0;
  if (sharedRegion && addr !== 0) return -EINVAL;
  if (!isAligned(addr) || !isAligned(len) || len === 0) return -EINVAL;
  if (typeof o !== 'object' || o === null) return -EINVAL;
  if (o.segmented !== undefined && typeof o.segmented !== 'boolean') return -EINVAL;
  const b = o.backing;
  if (b !== undefined && (typeof b !== 'object' || b === null || !Number.isSafeInteger(b.shadow) || !isAligned(b.offset))) {
    return -EINVAL;
  }
  const space = addr !== 0 ? p.spaceFor(addr, len) : p.defaultSpace(sharedRegion);
  if (space === undefined) return -EINVAL;
  let backing: Shadow | undefined;
  if (b !== undefined) {
    backing = k.memory.shadow(b.shadow);
    if (backing === undefined) return -ENOENT;
    if (b.offset + len > backing.size) return -EINVAL;
    // a private mapping may add W (copy-on-write) to what the shadow allows, given R
    const ceiling = priv ? backing.maxRights | PERM_W : backing.maxRights;
    if ((priv && (backing.maxRights & PERM_R) === 0) || (rights & ~ceiling) !== 0) return -EACCES;
  }
  let va = addr;
  if (addr !== 0) {
    if (space.overlaps(addr, len)) return -EBUSY;
  } else {
    va = space.place(len);
    if (va < 0) return -ENOMEM;
  }
  const maxRights = backing === undefined ? PERM_RWX : priv ? backing.maxRights | PERM_W : backing.maxRights;
  const mem = k.memory;
  return k.run(() => {
    let m = new Mapping({
      addr: va,
      len,
      rights,
      maxRights,
      shadow: backing ?? mem.newShadow(len),
      offset: b?.offset ?? 0,
      isPrivate: priv,
      copied: false,
      segmented: o.segmented ?? false,
      region: space.region,
    });
    mem.map(space, m);
    if (priv && ((flags & SEG_EAGER) !== 0 || p.realtime)) m = copyPrivate(mem, space, m);
    mergeAround(mem, space, m);
    return va;
  });
}

/** proc_segment_free (munmap): removes [addr, addr+len) from the map; nothing there is fine. */
export function segFree(k: KernelState, p: Proc, addr: number, len: number): Ret<0> {
  if (!isUserRange(p, addr, len)) return -EINVAL;
  const end = addr + len;
  const work: [AddressSpace, Mapping[]][] = [];
  for (const space of p.spaces()) {
    const maps = space.mappings.overlapping(addr, end);
    // a Plan 9 segment may lose only its tail, or all of it
    for (const m of maps) if (m.segmented && end < m.end) return -EBUSY;
    if (maps.length > 0) work.push([space, maps]);
  }
  const mem = k.memory;
  return k.run(() => {
    for (const [space, maps] of work) {
      for (const m of maps) {
        const lo = Math.max(addr, m.addr);
        const hi = Math.min(end, m.end);
        const keep = m.around(lo, hi, undefined);
        mem.replace(space, [m], keep);
        if (hi === m.end && lo > m.addr) mem.trimLater(keep[0]!);
      }
    }
    return 0;
  });
}

/**
 * proc_segment_query: the first mapping whose start is >= addr (the seed's literal rule, so
 * a mapping containing addr but starting below it is skipped).
 */
export function segQuery(_k: KernelState, p: Proc, addr: number): Ret<SegmentInfo> {
  if (!isNat(addr)) return -EINVAL;
  for (const space of p.spaces()) {
    const m = space.mappings.ceil(addr);
    if (m !== undefined) return m.info();
  }
  return -ENOENT;
}

/**
 * proc_segment_resize: grows or shrinks the mapping containing addr (else the one ending at
 * addr) by delta; returns its previous end (the sbrk convention).
 */
export function segResize(k: KernelState, p: Proc, addr: number, delta: number): Ret<number> {
  if (!isNat(addr) || !Number.isSafeInteger(delta) || delta % PAGE !== 0) return -EINVAL;
  let found: [AddressSpace, Mapping] | undefined;
  for (const space of p.spaces()) {
    const m = space.find(addr);
    if (m !== undefined) found = [space, m];
  }
  if (found === undefined) {
    for (const space of p.spaces()) {
      const m = space.mappings.before(addr);
      if (m !== undefined && m.end === addr) found = [space, m];
    }
  }
  if (found === undefined) return -EFAULT;
  const [space, m] = found;
  const newLen = m.len + delta;
  if (newLen < 0) return -EINVAL;
  const need = m.offset + newLen;
  if (delta > 0) {
    if (m.addr + newLen > space.top) return -EINVAL;
    const next = space.mappings.after(m.addr);
    if (next !== undefined && next.addr < m.addr + newLen) return -EBUSY;
    // An exclusive anonymous shadow grows; file and global memory may be mapped further as far
    // as it goes; anonymous memory that others hold may not (that would pass their grants).
    if (!exclusiveAnon(m.shadow) && (m.shadow.kind === 'anon' || need > m.shadow.size)) return -ENOMEM;
  }
  const mem = k.memory;
  return k.run(() => {
    if (newLen === 0) {
      mem.replace(space, [m], []);
      return m.end;
    }
    if (delta > 0 && exclusiveAnon(m.shadow)) {
      // bytes added by growing read as zero
      if (need > m.shadow.size) mem.resizeShadow(m.shadow, need);
      m.shadow.zero(m.offset + m.len, delta);
    }
    const grown = m.derive({ len: newLen });
    mem.replace(space, [m], [grown]);
    if (delta < 0) mem.trimLater(grown);
    else mergeAround(mem, space, grown);
    return m.end;
  });
}

/**
 * Changes the rights of [addr, addr+len) and may declare it private (copy-on-write): a
 * private mapping may be made writable if it may be read. Private is sticky.
 */
export function segProtect(k: KernelState, p: Proc, addr: number, len: number, flags: number): Ret<0> {
  if (!isFlags(flags, PROTECT_FLAGS)) return -EINVAL;
  const rights = flags & PERM_RWX;
  const priv = (flags & SEG_PRIVATE) !== 0;
  if (rights === 0 || ((flags & SEG_EAGER) !== 0 && !priv)) return -EINVAL;
  if (!isUserRange(p, addr, len)) return -EINVAL;
  const cov = k.covering(p, addr, len);
  if (cov === undefined) return -EFAULT;
  const [space, pieces] = cov;
  for (const { mapping: m, lo, hi } of pieces) {
    if (m.segmented && (lo !== m.addr || hi !== m.end)) return -EBUSY;
    const extra = rights & ~m.maxRights;
    const becomesPrivate = m.isPrivate || priv;
    if (extra !== 0 && !(becomesPrivate && extra === PERM_W && (m.maxRights & PERM_R) !== 0)) return -EACCES;
  }
  const eager = (flags & SEG_EAGER) !== 0 || p.realtime;
  const mem = k.memory;
  return k.run(() => {
    const mids: Mapping[] = [];
    for (const { mapping: m, lo, hi } of pieces) {
      const mid = m.slice(lo, hi).derive({ rights, isPrivate: m.isPrivate || priv, maxRights: m.maxRights | (rights & ~m.maxRights) });
      mem.replace(space, [m], m.around(lo, hi, mid));
      mids.push(mid);
    }
    mergeAll(mem, space, mids.map((mid) => (mid.isPrivate && eager ? copyPrivate(mem, space, mid) : mid)));
    return 0;
  });
}

/**
 * proc_segment_share: a standing grant of [addr, addr+len) of the target to `withPid`, rights
 * clipped to what the target holds; rights 0 revokes the grant made at `addr`.
 */
export function segShare(k: KernelState, p: Proc, addr: number, len: number, withPid: number, rights: number): Ret<0> {
  const w = k.other(withPid);
  if (typeof w === 'number') return w;
  if (w === p) return -EINVAL;
  if (!isFlags(rights, PERM_RWX)) return -EINVAL;
  if (rights === 0) {
    const g = Number.isSafeInteger(addr) ? k.offers.get('share', p.pid, w.pid, addr) : undefined;
    if (g === undefined) return -ENOENT;
    k.offers.delete(g);
    return 0;
  }
  if (!isUserRange(p, addr, len)) return -EINVAL;
  const cov = k.covering(p, addr, len);
  if (cov === undefined) return -EFAULT;
  const clipped = rights & minRights(cov[1]);
  if (clipped === 0) return -EACCES;
  k.offers.put('share', p.pid, w.pid, addr, len, clipped);
  return 0;
}

/**
 * proc_segment_take: maps [srcAddr, srcAddr+len) of `fromPid`, which a standing share must
 * cover, into the target; returns the local address (the source address if free there).
 */
export function segTake(k: KernelState, p: Proc, srcAddr: number, len: number, fromPid: number, flags: number): Ret<number> {
  const f = k.other(fromPid);
  if (typeof f === 'number') return f;
  if (!isFlags(flags, ALLOC_FLAGS)) return -EINVAL;
  const priv = (flags & SEG_PRIVATE) !== 0;
  if ((flags & SEG_EAGER) !== 0 && !priv) return -EINVAL;
  if (!isAligned(srcAddr) || !isAligned(len) || len === 0 || srcAddr + len > USER_TOP) return -EINVAL;
  const dst = p.defaultSpace((flags & SEG_SHARED_REGION) !== 0);
  if (dst === undefined) return -EINVAL;
  const end = srcAddr + len;
  let grant: number | undefined;
  for (const g of k.offers.between('share', f.pid, p.pid)) {
    if (g.addr <= srcAddr && g.addr + g.len >= end && (grant === undefined || popcount(g.flags) > popcount(grant))) {
      grant = g.flags;
    }
  }
  if (grant === undefined) return -EACCES;
  const cov = k.covering(f, srcAddr, len);
  if (cov === undefined) return -EFAULT;
  const want = flags & PERM_RWX;
  let eff = grant & want & minRights(cov[1]);
  if (priv && (want & PERM_W) !== 0 && (eff & PERM_R) !== 0) eff |= PERM_W;
  if (eff === 0) return -EACCES;
  const local = placeReceived(dst, srcAddr, len);
  if (local < 0) return -ENOMEM;
  const eager = (flags & SEG_EAGER) !== 0 || p.realtime;
  const mem = k.memory;
  return k.run(() => {
    mergeAll(mem, dst, mapReceived(mem, cov[0], srcAddr, len, dst, local, eff, priv, eager));
    return local;
  });
}

/**
 * Plan 9 segfree: the pages of [addr, addr+len) read as zero afterwards, for every holder of
 * shared memory; a private mapping gets its own zeroed copy. The range stays mapped. Memory
 * the target may never write (maxRights without W) is refused.
 */
export function segDecommit(k: KernelState, p: Proc, addr: number, len: number): Ret<0> {
  if (!isUserRange(p, addr, len)) return -EINVAL;
  const cov = k.covering(p, addr, len);
  if (cov === undefined) return -EFAULT;
  for (const { mapping: m } of cov[1]) if (!m.isPrivate && (m.maxRights & PERM_W) === 0) return -EACCES;
  const mem = k.memory;
  return k.run(() => {
    for (const piece of materialize(mem, cov[0], addr, len)) piece.mapping.shadow.zero(shadowOffset(piece, piece.lo), piece.hi - piece.lo);
    return 0;
  });
}

function popcount(x: number): number {
  let n = 0;
  for (let v = x; v !== 0; v &= v - 1) n++;
  return n;
}
