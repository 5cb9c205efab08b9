// The one kernel model of kernel.md §4: processes, address spaces, segments on Shadows, and the
// operations of the three seed systems (SRR process segments, vm_offer/vm_claim, Zircon shared
// processes) with the interface of §4.4: names, argument order, negative errno results.
// The Plan 9 segattach family is built on top of this class by src/kernel/plan9/ using the
// internal accessors at the end (docs/kernel.md, "For the layers above").
//
// Every operation validates all it can before it changes anything, in the order of §4.3 (or of
// its own section where that lists its checks, §6.1 item 2), and runs its changes under a
// Journal so that a limit found afterwards (maxSegments once merges are done, memory that
// cannot be had) undoes them: every failed call changes nothing.

import { createHash } from 'node:crypto';
import { AddressSpace } from './engine/address-space.js';
import {
  CAP_PROC_SEGMENT,
  PAGE,
  PERM_R,
  PERM_RWX,
  PERM_W,
  RESTRICTED_BASE,
  RESTRICTED_TOP,
  SEG_EAGER,
  SEG_PRIVATE,
  SEG_SHARED_REGION,
  SHARED_BASE,
  SHARED_TOP,
  USER_BASE,
  USER_TOP,
  VMO_DISOWN,
  VMO_GRANTALL,
  ZX_MAX_NAME_LEN,
  ZX_PROCESS_SHARED,
} from './constants.js';
import { EACCES, EBUSY, EFAULT, EINVAL, ENOENT, ENOMEM, EPERM, ERANGE, ESRCH } from '../lib9/errno.js';
import { Ebadarg, Enonexist, Enovmem, Plan9Error } from '../lib9/errors.js';
import { Journal } from './engine/journal.js';
import { OfferTable, type OfferRecord } from './offers.js';
import { Proc, ShareGroup, type Pid } from './proc.js';
import { Segment, canMerge, exclusiveAnon, type SegmentInfo } from './engine/segment.js';
import { CHUNK, Shadow, type ShadowKind } from './engine/shadow.js';
// Plan 9 facade (plan9 engineer): the logic lives in ./plan9/, the methods below only delegate.
import type { ImageSpec } from '../plan9/image.js';
import { errstr } from '../plan9/errstr.js';
import { KernelPort } from '../plan9/kernel-port.js';
import { Plan9, type Plan9SpawnOptions, type Uarg } from '../plan9/plan9.js';
import { Plan9Process } from '../plan9/plan9-process.js';

/** T on success, a negative errno on failure. */
export type Ret<T> = T | number;

export interface KernelOptions {
  /** Most segments one address space may hold (kernel.md §4.2 invariant 5). Default 64. */
  maxSegments?: number;
}

export interface SpawnOptions {
  caps?: number;
  /** private segments are copied at once instead of on first write */
  realtime?: boolean;
  /** job is inherited from the parent; without one the process starts a new job */
  parent?: Pid;
  name?: string;
}

export interface AllocOptions {
  /** map this range of an existing shadow instead of new anonymous memory */
  backing?: { shadow: number; offset: number };
  /** a Plan 9 segment: never merged; only its tail (or all of it) may be freed */
  segmented?: boolean;
}

export interface ProcInfo {
  pid: Pid;
  parent: Pid;
  job: number;
  name: string;
  caps: number;
  realtime: boolean;
  /** in a share group (a prototype or a member) */
  shared: boolean;
  /** made by procCreateShared */
  member: boolean;
}

export type AccessMode = 'normal' | 'restricted';

/** What forkSpace does with one segment of the parent. */
export type ForkChoice = 'share' | 'cow' | 'copy' | 'omit';

const ALLOC_FLAGS = PERM_RWX | SEG_PRIVATE | SEG_EAGER | SEG_SHARED_REGION;
const PROTECT_FLAGS = PERM_RWX | SEG_PRIVATE | SEG_EAGER;
const OFFER_FLAGS = VMO_GRANTALL | VMO_DISOWN;

/** One piece of a range: the part [lo, hi) of segment `seg`. */
interface Piece {
  seg: Segment;
  lo: number;
  hi: number;
}

export class Kernel {
  /** Most segments one address space may hold. */
  readonly maxSegments: number;
  readonly #procs = new Map<Pid, Proc>();
  readonly #shadows = new Map<number, Shadow>();
  /** holds on shadows taken by shadowCreate/shadowHold, not by segments */
  readonly #external = new Map<Shadow, number>();
  readonly #offers = new OfferTable();
  readonly #exitHooks: ((p: Proc) => void)[] = [];
  /** the segments holding each shadow, and the space each mapped segment is in */
  readonly #holders = new Map<Shadow, Set<Segment>>();
  readonly #where = new Map<Segment, AddressSpace>();
  /**
   * Anon shadows left with one holder by a change outside the holder's space (an exit, a free
   * in another process, a dropped external hold): by kernel.md §6.1 item 3 that triggers no
   * merge, so their holder may stand unmerged beside a rule-(b) partner until it next changes.
   */
  readonly #lateExclusive = new WeakSet<Shadow>();
  #nextPid = 1;
  #nextJob = 1;
  #nextShadow = 1;
  #tx: Journal | undefined;

  constructor(o: KernelOptions = {}) {
    const max = o.maxSegments ?? 64;
    if (!Number.isSafeInteger(max) || max < 1) throw new RangeError(`maxSegments must be a positive integer, not ${max}`);
    this.maxSegments = max;
  }

  // ---- harness (kernel.md §4.4) ----

  /** A new process with an empty address space [USER_BASE, USER_TOP). Pids increase. */
  spawn(o: SpawnOptions = {}): Pid {
    const caps = o.caps ?? 0;
    if (!Number.isSafeInteger(caps) || caps < 0) throw new Plan9Error(Ebadarg);
    if (o.realtime !== undefined && typeof o.realtime !== 'boolean') throw new Plan9Error(Ebadarg);
    if (o.name !== undefined && typeof o.name !== 'string') throw new Plan9Error(Ebadarg);
    let job: number;
    let parent = 0;
    if (o.parent !== undefined) {
      const pp = this.#procs.get(o.parent);
      if (pp === undefined) throw new Plan9Error(Ebadarg);
      job = pp.job;
      parent = pp.pid;
    } else job = this.#nextJob++;
    const p = new Proc(this.#nextPid++, parent, job, o.name ?? '', caps, o.realtime ?? false, 'normal');
    this.#procs.set(p.pid, p);
    return p.pid;
  }

  /**
   * Ends `pid`: unmaps its own region, deletes every offer and share it sent or received, and
   * leaves its share group; the group's shared region is unmapped when its last process exits.
   * An unknown pid is ignored.
   */
  exit(pid: Pid): void {
    const p = this.#procs.get(pid);
    if (p === undefined) return;
    for (const hook of this.#exitHooks) hook(p);
    this.#offers.forget(pid);
    if (p.own !== undefined) this.#unmapAll(p.own);
    if (p.group !== undefined) {
      p.group.members.delete(p);
      if (p.group.members.size === 0) this.#unmapAll(p.group.shared);
    }
    this.#procs.delete(pid);
  }

  /**
   * A new shadow of `size` bytes (a page multiple), zero-filled; returns its id. The caller
   * holds one reference until shadowPut. Kind 'anon' (an extension of §4.4's signature) is
   * for layers that keep anonymous memory of their own, as the Plan 9 facade does.
   * Bad arguments throw Plan9Error(Ebadarg).
   */
  shadowCreate(size: number, maxRights: number = PERM_RWX, kind: ShadowKind = 'global'): number {
    if (!isAligned(size)) throw new Plan9Error(Ebadarg);
    if (!Number.isSafeInteger(maxRights) || (maxRights & ~PERM_RWX) !== 0) throw new Plan9Error(Ebadarg);
    if (kind !== 'global' && kind !== 'file' && kind !== 'anon') throw new Plan9Error(Ebadarg);
    const s = new Shadow(this.#nextShadow++, size, maxRights, kind);
    this.#shadows.set(s.id, s);
    s.refs = 1;
    this.#external.set(s, 1);
    return s.id;
  }

  /** Bytes [off, off+len) of shadow `id`. Throws Plan9Error for an unknown id or a bad range. */
  shadowRead(id: number, off: number, len: number): Uint8Array {
    const s = this.#shadowOrThrow(id);
    if (!isNat(off) || !isNat(len) || off + len > s.size) throw new Plan9Error(Ebadarg);
    const out = new Uint8Array(len);
    s.read(off, out);
    return out;
  }

  /** Writes `data` at `off` of shadow `id`: every holder sees it (unless its copy is made). */
  shadowWrite(id: number, off: number, data: Uint8Array): void {
    const s = this.#shadowOrThrow(id);
    if (!isNat(off) || !(data instanceof Uint8Array) || off + data.length > s.size) throw new Plan9Error(Ebadarg);
    s.write(off, data);
  }

  /** Segments (all processes) plus external holders of shadow `id`; 0 once it is freed. */
  shadowRefs(id: number): number {
    return this.#shadows.get(id)?.refs ?? 0;
  }

  /** Takes one more external hold on shadow `id` (Plan 9 incref). */
  shadowHold(id: number): void {
    const s = this.#shadowOrThrow(id);
    s.refs++;
    this.#external.set(s, (this.#external.get(s) ?? 0) + 1);
  }

  /**
   * Drops one external hold on shadow `id` (Plan 9 putseg); the shadow is freed when nothing
   * holds it any more. Throws Plan9Error if `id` has no external hold.
   */
  shadowPut(id: number): void {
    const s = this.#shadowOrThrow(id);
    const n = this.#external.get(s) ?? 0;
    if (n === 0) throw new Plan9Error(Ebadarg);
    this.#external.set(s, n - 1);
    s.refs--;
    if (s.refs === 0) this.#free(s);
    if (s.refs === 1) this.#lateExclusive.add(s);
  }

  procInfo(pid: Pid): Ret<ProcInfo> {
    const p = this.#procs.get(pid);
    if (p === undefined) return -ESRCH;
    return {
      pid: p.pid,
      parent: p.parent,
      job: p.job,
      name: p.name,
      caps: p.caps,
      realtime: p.realtime,
      shared: p.group !== undefined,
      member: p.kind === 'member',
    };
  }

  // ---- seed 000: SRR proc_segment_* (kernel.md §4.4.1–§4.4.7) ----

  /** proc_segment_alloc: returns the requested (or chosen) address. */
  segAlloc(caller: Pid, target: Pid, addr: number, len: number, flags: number, o: AllocOptions = {}): Ret<number> {
    const p = this.#target(caller, target);
    if (typeof p === 'number') return p;
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
      backing = this.#shadows.get(b.shadow);
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
    return this.#run(() => {
      const shadow = backing ?? this.#newShadow(len);
      let seg = new Segment({
        addr: va,
        len,
        rights,
        maxRights,
        shadow,
        offset: b?.offset ?? 0,
        isPrivate: priv,
        copied: false,
        segmented: o.segmented ?? false,
        region: space.region,
      });
      this.#map(space, seg);
      if (priv && ((flags & SEG_EAGER) !== 0 || p.realtime)) seg = this.#copyPrivate(space, seg);
      this.#mergeAround(space, seg);
      return va;
    });
  }

  /** proc_segment_free (munmap): removes [addr, addr+len) from the map; nothing there is fine. */
  segFree(caller: Pid, target: Pid, addr: number, len: number): Ret<0> {
    const p = this.#target(caller, target);
    if (typeof p === 'number') return p;
    if (!isAligned(addr) || !isAligned(len) || len === 0 || !inUserRange(p, addr, len)) return -EINVAL;
    const end = addr + len;
    const work: [AddressSpace, Segment[]][] = [];
    for (const space of p.spaces()) {
      const segs = space.segments.overlapping(addr, end);
      for (const s of segs) if (s.segmented && Math.min(end, s.end) !== s.end) return -EBUSY;
      if (segs.length > 0) work.push([space, segs]);
    }
    return this.#run(() => {
      for (const [space, segs] of work) {
        for (const s of segs) {
          const lo = Math.max(addr, s.addr);
          const hi = Math.min(end, s.end);
          const keep: Segment[] = [];
          if (lo > s.addr) keep.push(s.slice(s.addr, lo));
          if (hi < s.end) keep.push(s.slice(hi, s.end));
          this.#replace(space, [s], keep);
          if (hi === s.end && lo > s.addr) this.#trimLater(keep[0]!);
        }
      }
      return 0;
    });
  }

  /**
   * proc_segment_query: the first segment whose start is >= addr (kernel.md §6: the seed's
   * literal rule, so a segment containing addr but starting below it is skipped).
   */
  segQuery(caller: Pid, target: Pid, addr: number): Ret<SegmentInfo> {
    const p = this.#target(caller, target);
    if (typeof p === 'number') return p;
    if (!isNat(addr)) return -EINVAL;
    for (const space of p.spaces()) {
      const s = space.segments.ceil(addr);
      if (s !== undefined) return s.info();
    }
    return -ENOENT;
  }

  /**
   * proc_segment_resize: grows or shrinks the segment containing addr (else the one ending at
   * addr) by delta; returns its previous end (the sbrk convention).
   */
  segResize(caller: Pid, target: Pid, addr: number, delta: number): Ret<number> {
    const p = this.#target(caller, target);
    if (typeof p === 'number') return p;
    if (!isNat(addr) || !Number.isSafeInteger(delta) || delta % PAGE !== 0) return -EINVAL;
    let found: [AddressSpace, Segment] | undefined;
    for (const space of p.spaces()) {
      const s = space.find(addr);
      if (s !== undefined) found = [space, s];
    }
    if (found === undefined) {
      for (const space of p.spaces()) {
        const s = space.segments.before(addr);
        if (s !== undefined && s.end === addr) found = [space, s];
      }
    }
    if (found === undefined) return -EFAULT;
    const [space, s] = found;
    const newLen = s.len + delta;
    if (newLen < 0) return -EINVAL;
    const need = s.offset + newLen;
    if (delta > 0) {
      if (s.addr + newLen > space.top) return -EINVAL;
      const next = space.segments.after(s.addr);
      if (next !== undefined && next.addr < s.addr + newLen) return -EBUSY;
      // An exclusive anonymous shadow grows; file and global memory may be mapped further as far
      // as it goes; anonymous memory that others hold may not (that would pass their grants).
      if (!exclusiveAnon(s.shadow) && (s.shadow.kind === 'anon' || need > s.shadow.size)) return -ENOMEM;
    }
    return this.#run(() => {
      if (newLen === 0) {
        this.#replace(space, [s], []);
        return s.end;
      }
      if (delta > 0 && exclusiveAnon(s.shadow)) {
        // bytes added by growing read as zero (kernel.md §6.1 item 11)
        if (need > s.shadow.size) this.#resizeShadow(s.shadow, need);
        s.shadow.zero(s.offset + s.len, delta);
      }
      const grown = s.derive({ len: newLen });
      this.#replace(space, [s], [grown]);
      if (delta < 0) this.#trimLater(grown);
      else this.#mergeAround(space, grown);
      return s.end;
    });
  }

  /**
   * Changes the rights of [addr, addr+len) and may declare it private (copy-on-write): a
   * private segment may be made writable if it may be read (kernel.md §4.4.5).
   */
  segProtect(caller: Pid, target: Pid, addr: number, len: number, flags: number): Ret<0> {
    const p = this.#target(caller, target);
    if (typeof p === 'number') return p;
    if (!isFlags(flags, PROTECT_FLAGS)) return -EINVAL;
    const rights = flags & PERM_RWX;
    const priv = (flags & SEG_PRIVATE) !== 0;
    if (rights === 0 || ((flags & SEG_EAGER) !== 0 && !priv)) return -EINVAL;
    if (!isAligned(addr) || !isAligned(len) || len === 0 || !inUserRange(p, addr, len)) return -EINVAL;
    const cov = this.#covering(p, addr, len);
    if (cov === undefined) return -EFAULT;
    const [space, pieces] = cov;
    for (const { seg, lo, hi } of pieces) {
      if (seg.segmented && (lo !== seg.addr || hi !== seg.end)) return -EBUSY;
      const extra = rights & ~seg.maxRights;
      const becomesPrivate = seg.isPrivate || priv;
      if (extra !== 0 && !(becomesPrivate && extra === PERM_W && (seg.maxRights & PERM_R) !== 0)) return -EACCES;
    }
    const eager = (flags & SEG_EAGER) !== 0 || p.realtime;
    return this.#run(() => {
      const mids: Segment[] = [];
      for (const { seg, lo, hi } of pieces) {
        const isPrivate = seg.isPrivate || priv;
        const mid = seg.slice(lo, hi).derive({ rights, isPrivate, maxRights: seg.maxRights | (rights & ~seg.maxRights) });
        const parts: Segment[] = [];
        if (lo > seg.addr) parts.push(seg.slice(seg.addr, lo));
        parts.push(mid);
        if (hi < seg.end) parts.push(seg.slice(hi, seg.end));
        this.#replace(space, [seg], parts);
        mids.push(mid);
      }
      const changed = mids.map((m) => (m.isPrivate && eager ? this.#copyPrivate(space, m) : m));
      this.#mergeAll(space, changed);
      return 0;
    });
  }

  /**
   * proc_segment_share: a standing grant of [addr, addr+len) of the target to `withPid`, rights
   * clipped to what the target holds; rights 0 revokes the grant made at `addr`.
   */
  segShare(caller: Pid, target: Pid, addr: number, len: number, withPid: Pid, rights: number): Ret<0> {
    const p = this.#target(caller, target);
    if (typeof p === 'number') return p;
    const w = this.#other(withPid);
    if (typeof w === 'number') return w;
    if (w === p) return -EINVAL;
    if (!isFlags(rights, PERM_RWX)) return -EINVAL;
    if (rights === 0) {
      const g = Number.isSafeInteger(addr) ? this.#offers.get('share', p.pid, w.pid, addr) : undefined;
      if (g === undefined) return -ENOENT;
      this.#offers.delete(g);
      return 0;
    }
    if (!isAligned(addr) || !isAligned(len) || len === 0 || !inUserRange(p, addr, len)) return -EINVAL;
    const cov = this.#covering(p, addr, len);
    if (cov === undefined) return -EFAULT;
    const clipped = rights & minRights(cov[1]);
    if (clipped === 0) return -EACCES;
    this.#offers.put('share', p.pid, w.pid, addr, len, clipped);
    return 0;
  }

  /**
   * proc_segment_take: maps [srcAddr, srcAddr+len) of `fromPid`, which a standing share must
   * cover, into the target; returns the local address (the source address if free there).
   */
  segTake(caller: Pid, target: Pid, srcAddr: number, len: number, fromPid: Pid, flags: number): Ret<number> {
    const p = this.#target(caller, target);
    if (typeof p === 'number') return p;
    const f = this.#other(fromPid);
    if (typeof f === 'number') return f;
    if (!isFlags(flags, ALLOC_FLAGS)) return -EINVAL;
    const priv = (flags & SEG_PRIVATE) !== 0;
    if ((flags & SEG_EAGER) !== 0 && !priv) return -EINVAL;
    if (!isAligned(srcAddr) || !isAligned(len) || len === 0 || srcAddr + len > USER_TOP) return -EINVAL;
    const dst = p.defaultSpace((flags & SEG_SHARED_REGION) !== 0);
    if (dst === undefined) return -EINVAL;
    const end = srcAddr + len;
    let grant: number | undefined;
    for (const g of this.#offers.between('share', f.pid, p.pid)) {
      if (g.addr <= srcAddr && g.addr + g.len >= end && (grant === undefined || popcount(g.flags) > popcount(grant))) {
        grant = g.flags;
      }
    }
    if (grant === undefined) return -EACCES;
    const cov = this.#covering(f, srcAddr, len);
    if (cov === undefined) return -EFAULT;
    const want = flags & PERM_RWX;
    let eff = grant & want & minRights(cov[1]);
    if (priv && (want & PERM_W) !== 0 && (eff & PERM_R) !== 0) eff |= PERM_W;
    if (eff === 0) return -EACCES;
    const local = this.#placeReceived(dst, srcAddr, len);
    if (local < 0) return -ENOMEM;
    const eager = priv && ((flags & SEG_EAGER) !== 0 || p.realtime);
    return this.#run(() => {
      const made = this.#mapReceived(cov[0], srcAddr, len, dst, local, eff, priv);
      this.#mergeAll(dst, eager ? made.map((s) => this.#copyPrivate(dst, s)) : made);
      return local;
    });
  }

  /**
   * Plan 9 segfree: the pages of [addr, addr+len) read as zero afterwards, for every holder of
   * shared memory (kernel.md §6.1 item 7); a private segment gets its own zeroed copy. The
   * range stays mapped. Memory the target may never write (maxRights without W) is refused.
   */
  segDecommit(caller: Pid, target: Pid, addr: number, len: number): Ret<0> {
    const p = this.#target(caller, target);
    if (typeof p === 'number') return p;
    if (!isAligned(addr) || !isAligned(len) || len === 0 || !inUserRange(p, addr, len)) return -EINVAL;
    const cov = this.#covering(p, addr, len);
    if (cov === undefined) return -EFAULT;
    for (const { seg } of cov[1]) if (!seg.isPrivate && (seg.maxRights & PERM_W) === 0) return -EACCES;
    return this.#run(() => {
      for (const { seg, lo, hi } of this.#materialize(cov[0], addr, len)) seg.shadow.zero(seg.offset + (lo - seg.addr), hi - lo);
      return 0;
    });
  }

  // ---- seed 003: vm_offer / vm_claim / vm_listoffer (kernel.md §4.4.8–§4.4.10) ----

  /** vm_offer: offers [addr, addr+len) of the caller to destPid; len 0 cancels. */
  vmOffer(caller: Pid, destPid: Pid, addr: number, len: number, flags: number): Ret<0> {
    const c = this.#procs.get(caller);
    if (c === undefined) return -ESRCH;
    if (!Number.isSafeInteger(destPid) || destPid <= 0) return -EINVAL;
    if (!isFlags(flags, OFFER_FLAGS)) return -EINVAL;
    if (!isAligned(addr) || !Number.isSafeInteger(len) || len < 0 || len % PAGE !== 0) return -EINVAL;
    if (destPid === caller) return -EINVAL;
    if (!this.#procs.has(destPid)) return -ESRCH;
    if (len === 0) {
      const g = this.#offers.get('offer', caller, destPid, addr);
      if (g !== undefined) {
        this.#offers.delete(g);
        return 0;
      }
      return this.#segmentAt(c, addr) === undefined ? -EFAULT : -ENOENT;
    }
    const grant = flags & VMO_GRANTALL;
    if (grant === 0) return -EINVAL;
    const cov = this.#covering(c, addr, len);
    if (cov === undefined) return -EFAULT;
    const clipped = grant & minRights(cov[1]);
    if (clipped === 0) return -EACCES;
    this.#offers.put('offer', caller, destPid, addr, len, clipped | (flags & VMO_DISOWN));
    return 0;
  }

  /**
   * vm_claim: accepts the offer srcPid made to the caller at remoteAddr; maps it and applies the
   * offer's drops to the sender. Sets out.localAddr and out.size.
   */
  vmClaim(caller: Pid, srcPid: Pid, remoteAddr: number, flags: number, out: { localAddr: number; size: number }): Ret<0> {
    const c = this.#procs.get(caller);
    if (c === undefined) return -ESRCH;
    if (flags !== 0) return -EINVAL;
    if (typeof out !== 'object' || out === null) return -EINVAL;
    if (!Number.isSafeInteger(srcPid) || srcPid <= 0) return -EINVAL;
    const src = this.#procs.get(srcPid);
    if (src === undefined) return -ESRCH;
    const g = this.#offers.get('offer', srcPid, caller, remoteAddr);
    if (g === undefined) return -ENOENT;
    const cov = this.#covering(src, g.addr, g.len);
    if (cov === undefined) {
      this.#offers.delete(g);
      return -EFAULT;
    }
    const grant = g.flags & VMO_GRANTALL;
    if ((grant & ~minRights(cov[1])) !== 0) {
      this.#offers.delete(g);
      return -EACCES;
    }
    const dst = c.defaultSpace(false);
    if (dst === undefined) return -ENOMEM;
    const local = this.#placeReceived(dst, g.addr, g.len);
    if (local < 0) return -ENOMEM;
    const drop = (g.flags & VMO_DISOWN) >> 4;
    if (drop !== 0) {
      for (const { seg, lo, hi } of cov[1]) {
        if (seg.segmented && (lo !== seg.addr || hi !== seg.end)) return -EBUSY;
      }
    }
    const r = this.#run(() => {
      const [srcSpace] = cov;
      this.#mergeAll(dst, this.#mapReceived(srcSpace, g.addr, g.len, dst, local, grant, false));
      if (drop !== 0) {
        const changed: Segment[] = [];
        for (const { seg, lo, hi } of this.#piecesOf(srcSpace, g.addr, g.len)) {
          const parts: Segment[] = [];
          if (lo > seg.addr) parts.push(seg.slice(seg.addr, lo));
          const left = seg.rights & ~drop;
          const mid = left !== 0 ? seg.slice(lo, hi).derive({ rights: left }) : undefined;
          if (mid !== undefined) parts.push(mid);
          if (hi < seg.end) parts.push(seg.slice(hi, seg.end));
          this.#replace(srcSpace, [seg], parts);
          if (mid !== undefined) changed.push(mid);
        }
        this.#mergeAll(srcSpace, changed);
      }
      return 0;
    });
    if (r === 0) {
      this.#offers.delete(g);
      out.localAddr = local;
      out.size = g.len;
    }
    return r;
  }

  /**
   * vm_listoffer: the offers and standing shares the caller sent or received, by id. With room
   * for them all (count.n), fills `list` and sets count.n; otherwise sets count.n to the number
   * needed, leaves `list` alone and returns -ERANGE.
   */
  vmListOffer(caller: Pid, list: OfferRecord[], count: { n: number }): Ret<0> {
    if (!this.#procs.has(caller)) return -ESRCH;
    if (!Array.isArray(list) || typeof count !== 'object' || count === null) return -EINVAL;
    if (!Number.isSafeInteger(count.n) || count.n < 0) return -EINVAL;
    const entries = this.#offers.involving(caller);
    if (entries.length > count.n) {
      count.n = entries.length;
      return -ERANGE;
    }
    list.length = 0;
    list.push(...entries);
    count.n = entries.length;
    return 0;
  }

  // ---- seed 004: Zircon processes (kernel.md §4.4.11) ----

  /** zx_process_create: options 0 (a normal process) or ZX_PROCESS_SHARED (a prototype). */
  procCreate(caller: Pid, options: number, name: string): Ret<{ pid: Pid; base: number; size: number }> {
    if (options !== 0 && options !== ZX_PROCESS_SHARED) return -EINVAL;
    const c = this.#procs.get(caller);
    if (c === undefined) return -ESRCH;
    if (typeof name !== 'string') return -EINVAL;
    const group = options === ZX_PROCESS_SHARED ? new ShareGroup() : undefined;
    const p = new Proc(this.#nextPid++, c.pid, c.job, zxName(name), c.caps, false, group ? 'prototype' : 'normal', group);
    group?.members.add(p);
    this.#procs.set(p.pid, p);
    return group
      ? { pid: p.pid, base: SHARED_BASE, size: SHARED_TOP - SHARED_BASE }
      : { pid: p.pid, base: USER_BASE, size: USER_TOP - USER_BASE };
  }

  /**
   * zx_process_create_shared: a member of sharedPid's share group (0 = the caller) with a new
   * restricted region. The caller must be in the group, be sharedPid's parent, or hold
   * CAP_PROC_SEGMENT.
   */
  procCreateShared(
    caller: Pid,
    sharedPid: Pid,
    options: number,
    name: string,
  ): Ret<{ pid: Pid; restrictedBase: number; restrictedSize: number }> {
    if (options !== 0) return -EINVAL;
    const c = this.#procs.get(caller);
    if (c === undefined) return -ESRCH;
    if (!Number.isSafeInteger(sharedPid) || sharedPid < 0) return -EINVAL;
    const sp = sharedPid === 0 ? c : this.#procs.get(sharedPid);
    if (sp === undefined) return -ESRCH;
    const allowed = (c.group !== undefined && c.group === sp.group) || sp.parent === c.pid || (c.caps & CAP_PROC_SEGMENT) !== 0;
    if (!allowed) return -EPERM;
    if (sp.group === undefined) return -EINVAL;
    if (typeof name !== 'string') return -EINVAL;
    const p = new Proc(this.#nextPid++, c.pid, sp.job, zxName(name), c.caps, false, 'member', sp.group);
    sp.group.members.add(p);
    this.#procs.set(p.pid, p);
    return { pid: p.pid, restrictedBase: RESTRICTED_BASE, restrictedSize: RESTRICTED_TOP - RESTRICTED_BASE };
  }

  // ---- loads and stores (kernel.md §4.4.12) ----

  /** Reads len bytes at addr of the target; all of it must be mapped and readable. */
  memRead(caller: Pid, target: Pid, addr: number, len: number, mode?: AccessMode): Ret<Uint8Array> {
    const p = this.#target(caller, target);
    if (typeof p === 'number') return p;
    if (!Number.isSafeInteger(len) || len <= 0 || !isNat(addr)) return -EINVAL;
    const found = this.#access(p, addr, len, mode, PERM_R);
    if (typeof found === 'number') return found;
    let out: Uint8Array;
    try {
      out = new Uint8Array(len);
    } catch {
      return -ENOMEM;
    }
    copyOut(found[1], addr, out);
    return out;
  }

  /**
   * memRead into the caller's buffer (an extension of §4.4.12 that allocates nothing): reads
   * dst.length bytes at addr under the same checks; returns the number of bytes read.
   */
  memReadInto(caller: Pid, target: Pid, addr: number, dst: Uint8Array, mode?: AccessMode): Ret<number> {
    const p = this.#target(caller, target);
    if (typeof p === 'number') return p;
    if (!(dst instanceof Uint8Array) || dst.length === 0 || !isNat(addr)) return -EINVAL;
    const found = this.#access(p, addr, dst.length, mode, PERM_R);
    if (typeof found === 'number') return found;
    copyOut(found[1], addr, dst);
    return dst.length;
  }

  /**
   * Writes data at addr of the target; all of it must be mapped and writable. The first write
   * to a private segment copies it (copy-on-write). Returns the number of bytes written.
   */
  memWrite(caller: Pid, target: Pid, addr: number, data: Uint8Array, mode?: AccessMode): Ret<number> {
    const p = this.#target(caller, target);
    if (typeof p === 'number') return p;
    if (!(data instanceof Uint8Array) || data.length === 0 || !isNat(addr)) return -EINVAL;
    const len = data.length;
    const found = this.#access(p, addr, len, mode, PERM_W);
    if (typeof found === 'number') return found;
    const [space, pieces] = found;
    if (pieces.length === 1) {
      const { seg } = pieces[0]!;
      const off = seg.offset + (addr - seg.addr);
      if ((!seg.isPrivate || seg.copied) && Math.floor(off / CHUNK) === Math.floor((off + len - 1) / CHUNK)) {
        try {
          seg.shadow.write(off, data);
        } catch (e) {
          if (e instanceof Plan9Error && e.message === Enovmem) return -ENOMEM;
          throw e;
        }
        return len;
      }
    }
    return this.#run(() => {
      const ready = this.#materialize(space, addr, len);
      for (const { seg, lo, hi } of ready) seg.shadow.pieces(seg.offset + (lo - seg.addr), hi - lo);
      for (const { seg, lo, hi } of ready) seg.shadow.write(seg.offset + (lo - seg.addr), data.subarray(lo - addr, hi - addr));
      return len;
    });
  }

  // ---- for the layers above (the Plan 9 facade, the proc device) and for tests ----

  /** The process `pid`, if it exists. */
  proc(pid: Pid): Proc | undefined {
    return this.#procs.get(pid);
  }

  /** Every live process, by pid. */
  procs(): Proc[] {
    return [...this.#procs.values()].sort((a, b) => a.pid - b.pid);
  }

  /** The shadow `id`, if it exists. */
  shadow(id: number): Shadow | undefined {
    return this.#shadows.get(id);
  }

  /** The segment of `pid` containing `addr` (own region first, then the shared one). */
  segmentAt(pid: Pid, addr: number): Segment | undefined {
    const p = this.#procs.get(pid);
    return p === undefined ? undefined : this.#segmentAt(p, addr);
  }

  /**
   * Sets the length of the segment of `pid` that starts at `base` to `len`, whatever holds its
   * shadow: Plan 9's segbrk on a shared or #g segment changes the one segment every holder
   * sees. The shadow must already have the bytes. Returns 0, -ESRCH, -EFAULT (no segment
   * starts at base), -EINVAL (len not a positive page multiple, beyond the shadow or the
   * region) or -EBUSY (the next segment is in the way).
   */
  resizeMapping(pid: Pid, base: number, len: number): Ret<0> {
    const p = this.#procs.get(pid);
    if (p === undefined) return -ESRCH;
    if (!isAligned(base) || !isAligned(len) || len === 0) return -EINVAL;
    let found: [AddressSpace, Segment] | undefined;
    for (const space of p.spaces()) {
      const s = space.find(base);
      if (s !== undefined && s.addr === base) found = [space, s];
    }
    if (found === undefined) return -EFAULT;
    const [space, s] = found;
    if (s.offset + len > s.shadow.size || base + len > space.top) return -EINVAL;
    const next = space.segments.after(base);
    if (next !== undefined && next.addr < base + len) return -EBUSY;
    return this.#run(() => {
      const changed = s.derive({ len });
      this.#replace(space, [s], [changed]);
      this.#mergeAll(space, [changed]);
      return 0;
    });
  }

  /** Runs `hook` at the start of every exit(), before the process's memory is released. */
  onExit(hook: (p: Proc) => void): void {
    this.#exitHooks.push(hook);
  }

  /**
   * Fork's memory: gives `childPid` (a normal process with an empty space) the segments of
   * `parentPid`'s space, one choice per segment: 'share' the same memory (Plan 9 sameseg),
   * 'cow' a copy-on-write copy (both sides become private, lazily copied on first write),
   * 'copy' an eager copy, 'omit' nothing. The child's segments keep address, rights, flags and
   * aux. Returns 0, -ESRCH, -EINVAL (not normal processes, or the child's space is not empty)
   * or -ENOMEM.
   */
  forkSpace(parentPid: Pid, childPid: Pid, choose: (seg: Segment) => ForkChoice): Ret<0> {
    const par = this.#procs.get(parentPid);
    const child = this.#procs.get(childPid);
    if (par === undefined || child === undefined) return -ESRCH;
    if (par === child || par.kind !== 'normal' || child.kind !== 'normal') return -EINVAL;
    const from = par.own!;
    const to = child.own!;
    if (to.count !== 0) return -EINVAL;
    const plan = [...from.segments].map((s) => [s, choose(s)] as const);
    for (const [, how] of plan) if (how !== 'share' && how !== 'cow' && how !== 'copy' && how !== 'omit') return -EINVAL;
    return this.#run(() => {
      const touched: Segment[] = [];
      for (const [orig, how] of plan) {
        if (how === 'omit') continue;
        let s = orig;
        if (how === 'share' && s.isPrivate && !s.copied) {
          s = this.#copyPrivate(from, s);
          touched.push(s);
        }
        if (how === 'cow' && !(s.isPrivate && !s.copied)) {
          const cow = s.derive({ isPrivate: true, copied: false });
          this.#replace(from, [s], [cow]);
          touched.push(cow);
          s = cow;
        }
        if (how === 'copy') {
          const mine = this.#newShadow(s.len);
          mine.copyFrom(s.shadow, s.offset, 0, s.len);
          this.#map(to, s.derive({ shadow: mine, offset: 0, isPrivate: false, copied: false }));
        } else this.#map(to, s.derive({}));
      }
      this.#mergeAll(from, touched);
      this.#mergeAll(to, [...to.segments]);
      return 0;
    });
  }

  /**
   * A deterministic description of the whole kernel state (processes, spaces and segments,
   * shadows and their reference counts, offers and shares), for tests and debugging. With
   * `contents`, each segment carries a digest of the bytes it shows.
   */
  snapshot(o: { contents?: boolean } = {}): unknown {
    const groups = new Map<ShareGroup, number>();
    const procs = this.procs().map((p) => {
      if (p.group !== undefined && !groups.has(p.group)) groups.set(p.group, p.pid);
      return {
        pid: p.pid,
        parent: p.parent,
        job: p.job,
        name: p.name,
        caps: p.caps,
        realtime: p.realtime,
        kind: p.kind,
        group: p.group === undefined ? 0 : groups.get(p.group),
      };
    });
    const describe = (space: AddressSpace) => {
      const out: unknown[] = [];
      for (const s of space.segments) {
        out.push({
          addr: s.addr,
          len: s.len,
          offset: s.offset,
          handle: s.shadow.id,
          flags: s.flags,
          rights: s.rights,
          maxRights: s.maxRights,
          region: s.region,
          digest: o.contents ? digest(s) : undefined,
        });
      }
      return out;
    };
    const spaces: unknown[] = [];
    for (const p of this.procs()) if (p.own !== undefined) spaces.push({ pid: p.pid, segs: describe(p.own) });
    for (const [g, first] of groups) spaces.push({ group: first, segs: describe(g.shared) });
    const shadows = [...this.#shadows.values()]
      .sort((a, b) => a.id - b.id)
      .map((s) => ({ id: s.id, size: s.size, refs: s.refs, maxRights: s.maxRights, kind: s.kind, held: this.#external.get(s) ?? 0 }));
    const offers = [...this.#offers.all()].sort((a, b) => a.id - b.id);
    return { procs, spaces, shadows, offers };
  }

  /**
   * Checks the invariants of kernel.md §4.2 over the whole state; returns the violations found
   * (none in a correct kernel).
   */
  verify(): string[] {
    const bad: string[] = [];
    const holders = new Map<Shadow, number>();
    const spaces = new Set<AddressSpace>();
    for (const p of this.#procs.values()) for (const s of p.spaces()) spaces.add(s);
    for (const space of spaces) {
      const where = `${space.region} space`;
      if (space.count > this.maxSegments) bad.push(`${where}: ${space.count} segments > ${this.maxSegments}`);
      let prev: Segment | undefined;
      let n = 0;
      for (const s of space.segments) {
        n++;
        const at = () => `${where} segment ${hex(s.addr)}`;
        if (!isAligned(s.addr) || !isAligned(s.len) || s.len === 0) bad.push(`${at()}: not page-aligned or empty`);
        if (!space.holds(s.addr, s.len)) bad.push(`${at()}: outside [${hex(space.base)}, ${hex(space.top)})`);
        if (s.region !== space.region) bad.push(`${at()}: region ${s.region}`);
        if (prev !== undefined && prev.end > s.addr) bad.push(`${at()}: overlaps or out of order`);
        if (prev !== undefined && canMerge(prev, s) && !this.#late(prev, s)) {
          bad.push(`${at()}: should have merged with its left neighbour`);
        }
        if (s.offset + s.len > s.shadow.size) bad.push(`${at()}: beyond its shadow`);
        if (this.#shadows.get(s.shadow.id) !== s.shadow) bad.push(`${at()}: shadow ${s.shadow.id} not registered`);
        if (s.copied && !s.isPrivate) bad.push(`${at()}: copied but not private`);
        if ((s.rights & ~s.maxRights) !== 0) bad.push(`${at()}: rights above maxRights`);
        holders.set(s.shadow, (holders.get(s.shadow) ?? 0) + 1);
        prev = s;
      }
      if (n !== space.count) bad.push(`${where}: count ${space.count} but ${n} segments`);
    }
    for (const s of this.#shadows.values()) {
      const want = (holders.get(s) ?? 0) + (this.#external.get(s) ?? 0);
      if (s.refs !== want) bad.push(`shadow ${s.id}: refs ${s.refs}, holders ${want}`);
      if (s.refs <= 0) bad.push(`shadow ${s.id}: registered with refs ${s.refs}`);
    }
    return bad;
  }

  // ---- Plan 9 facade (kernel.md §4.4.13) — begin; owned by the plan9 engineer ----
  // Errors come back as Plan 9 error strings; docs/plan9.md describes the model.

  /** The Plan 9 personality: Plan 9 processes, the global (#g) segment table, the segattach family. */
  readonly plan9: Plan9 = new Plan9(new KernelPort(this));

  /** A Plan 9 process: stack, text, data and bss in their slots (spawn() gives an empty space). */
  spawnPlan9(o?: Plan9SpawnOptions): Pid {
    return this.plan9.spawn(o);
  }

  /** Plan 9 process `pid` as an object whose calls throw Plan9Error with the error string. */
  plan9Proc(pid: Pid): Plan9Process {
    this.plan9.proc(pid);
    return new Plan9Process(this.plan9, pid);
  }

  /** segattach(2): the address, or the error string. */
  segattach(pid: Pid, attr: number, cls: string, va: Uarg, len: Uarg): number | string {
    return errstr(() => this.plan9.segattach(pid, attr, cls, va, len));
  }

  segdetach(pid: Pid, addr: Uarg): 0 | string {
    return errstr(() => this.plan9.segdetach(pid, addr));
  }

  segfree(pid: Pid, va: Uarg, len: Uarg): 0 | string {
    return errstr(() => this.plan9.segfree(pid, va, len));
  }

  /** segbrk(2): 0 (the base when addr is 0), or the error string. */
  segbrk(pid: Pid, addr: Uarg, newtop: Uarg): number | string {
    return errstr(() => this.plan9.segbrk(pid, addr, newtop));
  }

  segflush(pid: Pid, va: Uarg, len: Uarg): 0 | string {
    return errstr(() => this.plan9.segflush(pid, va, len));
  }

  /** rfork(RFPROC|flags) of a Plan 9 process (RFMEM shares data and bss): the child, or the error string. */
  rfork(pid: Pid, flags = 0): Pid | string {
    return errstr(() => this.plan9.fork(pid, flags));
  }

  /** exec: a new image; SG_CEXEC segments go, other attached segments stay. 0 or the error string. */
  exec(pid: Pid, image?: ImageSpec): 0 | string {
    return errstr(() => {
      this.plan9.exec(pid, image);
      return 0 as const;
    });
  }

  /** A Plan 9 load: the bytes, or the note (`sys: trap: fault read addr=0x…`). */
  load(pid: Pid, addr: number, len: number): Uint8Array | string {
    return errstr(() => this.plan9.load(pid, addr, len));
  }

  /** A Plan 9 store: the count, or the note (`sys: trap: fault write addr=0x…`). */
  store(pid: Pid, addr: number, data: Uint8Array): number | string {
    return errstr(() => this.plan9.store(pid, addr, data));
  }

  /** The text of /proc/N/segment; throws Plan9Error (`process exited`) for a pid that is not a Plan 9 process. */
  procSegment(pid: Pid): string {
    return this.plan9.segmentText(pid);
  }

  // ---- Plan 9 facade — end ----

  // ---- internals ----

  /** §4.3 steps 1–3 for the caller and `target` (0 = the caller). */
  #target(caller: Pid, target: Pid): Proc | number {
    const c = this.#procs.get(caller);
    if (c === undefined) return -ESRCH;
    if (!Number.isSafeInteger(target) || target < 0) return -EINVAL;
    if (target === 0) return c;
    if ((c.caps & CAP_PROC_SEGMENT) === 0) return -EPERM;
    return this.#procs.get(target) ?? -ESRCH;
  }

  /** §4.3: a pid argument other than the target (`with`, `from`): must be > 0 and alive. */
  #other(pid: Pid): Proc | number {
    if (!Number.isSafeInteger(pid) || pid <= 0) return -EINVAL;
    return this.#procs.get(pid) ?? -ESRCH;
  }

  #segmentAt(p: Proc, addr: number): Segment | undefined {
    for (const space of p.spaces()) {
      const s = space.find(addr);
      if (s !== undefined) return s;
    }
    return undefined;
  }

  /**
   * Maps [srcAddr, srcAddr+len) of `src` (materialized first) into `dst` at `local` with
   * `rights` — what a take or a claim receives — and returns the new segments, not yet merged.
   */
  #mapReceived(src: AddressSpace, srcAddr: number, len: number, dst: AddressSpace, local: number, rights: number, isPrivate: boolean): Segment[] {
    const made = this.#materialize(src, srcAddr, len).map(
      ({ seg, lo, hi }) =>
        new Segment({
          addr: local + (lo - srcAddr),
          len: hi - lo,
          rights,
          maxRights: rights,
          shadow: seg.shadow,
          offset: seg.offset + (lo - seg.addr),
          isPrivate,
          copied: false,
          segmented: false,
          region: dst.region,
        }),
    );
    for (const s of made) this.#map(dst, s);
    return made;
  }

  /** The space holding [addr, addr+len) and its pieces, if every byte is mapped. */
  #covering(p: Proc, addr: number, len: number): [AddressSpace, Piece[]] | undefined {
    const space = p.spaceFor(addr, len);
    if (space === undefined) return undefined;
    const segs = space.covering(addr, len);
    if (segs === undefined) return undefined;
    return [space, toPieces(segs, addr, addr + len)];
  }

  #piecesOf(space: AddressSpace, addr: number, len: number): Piece[] {
    return toPieces(space.covering(addr, len)!, addr, addr + len);
  }

  /** memRead/memWrite steps 2–4 (§4.4.12). */
  #access(p: Proc, addr: number, len: number, mode: AccessMode | undefined, need: number): [AddressSpace, Piece[]] | number {
    let space: AddressSpace | undefined;
    if (mode === 'restricted') {
      if (p.kind !== 'member') return -EINVAL;
      if (!p.own!.holds(addr, len)) return -EFAULT;
      space = p.own;
    } else if (mode === undefined || mode === 'normal') {
      space = p.spaceFor(addr, len);
    } else return -EINVAL;
    if (space === undefined) return -EFAULT;
    const one = space.find(addr);
    let pieces: Piece[];
    if (one !== undefined && one.end >= addr + len) pieces = [{ seg: one, lo: addr, hi: addr + len }];
    else {
      const segs = space.covering(addr, len);
      if (segs === undefined) return -EFAULT;
      pieces = toPieces(segs, addr, addr + len);
    }
    for (const { seg } of pieces) if ((seg.rights & need) !== need) return -EACCES;
    return [space, pieces];
  }

  /** Where received memory goes (§4.2): the source address if free in `dst`, else auto placement. */
  #placeReceived(dst: AddressSpace, srcAddr: number, len: number): number {
    if (dst.holds(srcAddr, len) && !dst.overlaps(srcAddr, len)) return srcAddr;
    return dst.place(len);
  }

  /**
   * Runs an operation's changes under a journal: a negative result, a segment count above
   * maxSegments or a failed memory allocation undoes them all.
   */
  #run<T>(body: () => T | number): T | number {
    if (this.#tx !== undefined) throw new Error('kernel operation re-entered');
    const tx = (this.#tx = new Journal());
    try {
      let r: T | number;
      try {
        r = body();
        if (typeof r !== 'number' || r >= 0) this.#settle(tx);
      } catch (e) {
        if (e instanceof Plan9Error && e.message === Enovmem) r = -ENOMEM;
        else throw e;
      }
      if (typeof r === 'number' && r < 0) {
        tx.rollback();
        return r;
      }
      for (const space of tx.spaces) {
        if (space.count > this.maxSegments) {
          tx.rollback();
          return -ENOMEM;
        }
      }
      for (const s of tx.shadows) if (s.refs === 0) this.#free(s);
      tx.finish();
      return r;
    } catch (e) {
      tx.rollback();
      throw e;
    } finally {
      this.#tx = undefined;
    }
  }

  #journal(): Journal {
    const tx = this.#tx;
    if (tx === undefined) throw new Error('kernel change outside an operation');
    return tx;
  }

  #newShadow(size: number): Shadow {
    const tx = this.#journal();
    const s = new Shadow(this.#nextShadow++, size, PERM_RWX, 'anon');
    this.#shadows.set(s.id, s);
    tx.shadows.add(s);
    tx.onUndo(() => {
      this.#free(s);
      this.#nextShadow--;
    });
    return s;
  }

  #resizeShadow(s: Shadow, size: number): void {
    const old = s.size;
    s.resize(size);
    this.#journal().onUndo(() => s.resize(old));
  }

  #map(space: AddressSpace, seg: Segment): void {
    const tx = this.#journal();
    this.#hold(space, seg);
    tx.spaces.add(space);
    tx.shadows.add(seg.shadow);
    tx.onUndo(() => this.#release(space, seg));
  }

  #unmap(space: AddressSpace, seg: Segment): void {
    const tx = this.#journal();
    if (this.#where.get(seg) !== space) throw new Error(`segment ${hex(seg.addr)} is not in the ${space.region} space`);
    this.#release(space, seg);
    tx.spaces.add(space);
    tx.shadows.add(seg.shadow);
    tx.onUndo(() => this.#hold(space, seg));
  }

  #hold(space: AddressSpace, seg: Segment): void {
    space.segments.insert(seg);
    this.#where.set(seg, space);
    seg.shadow.refs++;
    let set = this.#holders.get(seg.shadow);
    if (set === undefined) this.#holders.set(seg.shadow, (set = new Set()));
    set.add(seg);
  }

  #release(space: AddressSpace, seg: Segment): void {
    space.segments.remove(seg);
    this.#where.delete(seg);
    seg.shadow.refs--;
    // The set stays until the shadow is freed: V8 Maps degrade badly when one key is deleted
    // and added again over and over, which merging would otherwise do.
    this.#holders.get(seg.shadow)!.delete(seg);
  }

  /** Forgets a shadow nothing holds any more. */
  #free(s: Shadow): void {
    this.#shadows.delete(s.id);
    this.#holders.delete(s);
    this.#external.delete(s);
  }

  /**
   * Before commit: an anon shadow this operation left with a single holder makes that holder
   * a rule-(b) candidate; it is merged if it lies in a space the operation changed, and
   * otherwise remembered as late (kernel.md §6.1 item 3: no merges elsewhere).
   */
  #settle(tx: Journal): void {
    for (let again = true; again; ) {
      again = false;
      for (const sh of tx.shadows) {
        if (sh.kind !== 'anon' || sh.refs !== 1) continue;
        const set = this.#holders.get(sh);
        if (set === undefined || set.size !== 1) continue;
        const [seg] = set as Set<Segment> & Iterable<Segment>;
        const space = this.#where.get(seg!)!;
        if (!tx.spaces.has(space)) {
          this.#lateExclusive.add(sh);
          continue;
        }
        const l = space.segments.before(seg!.addr);
        const r = space.segments.after(seg!.addr);
        if ((l !== undefined && canMerge(l, seg!)) || (r !== undefined && canMerge(seg!, r))) {
          this.#mergeAround(space, seg!);
          again = true;
        }
      }
    }
  }

  #replace(space: AddressSpace, olds: Segment[], news: Segment[]): void {
    for (const s of olds) this.#unmap(space, s);
    for (const s of news) this.#map(space, s);
  }

  /** After commit, releases the memory of an exclusive anon shadow beyond `seg`'s end. */
  #trimLater(seg: Segment): void {
    this.#journal().afterCommit(() => {
      const s = seg.shadow;
      const end = seg.offset + seg.len;
      if (exclusiveAnon(s) && s.size > end) s.resize(end);
    });
  }

  /** Unmaps every segment of `space` outside any operation (exit cannot fail). */
  #unmapAll(space: AddressSpace): void {
    for (const seg of [...space.segments]) {
      this.#release(space, seg);
      if (seg.shadow.refs === 0) this.#free(seg.shadow);
      if (seg.shadow.refs === 1) this.#lateExclusive.add(seg.shadow);
    }
  }

  /**
   * The copy of copy-on-write (kernel.md §4.4.12): the whole segment's bytes go to a new anon
   * shadow. A shadow nobody else holds is simply taken over. The caller applies the merge rule.
   */
  #copyPrivate(space: AddressSpace, seg: Segment): Segment {
    if (seg.copied) return seg;
    let copy: Segment;
    if (exclusiveAnon(seg.shadow)) copy = seg.derive({ isPrivate: true, copied: true });
    else {
      const mine = this.#newShadow(seg.len);
      mine.copyFrom(seg.shadow, seg.offset, 0, seg.len);
      copy = seg.derive({ shadow: mine, offset: 0, isPrivate: true, copied: true });
    }
    this.#replace(space, [seg], [copy]);
    return copy;
  }

  /**
   * Makes the private copies of the private, not yet copied segments over [addr, addr+len) of
   * `space` (which must be fully mapped) and returns the pieces as they are afterwards.
   */
  #materialize(space: AddressSpace, addr: number, len: number): Piece[] {
    const copies: Segment[] = [];
    for (const { seg } of this.#piecesOf(space, addr, len)) {
      if (seg.isPrivate && !seg.copied) copies.push(this.#copyPrivate(space, seg));
    }
    this.#mergeAll(space, copies);
    return this.#piecesOf(space, addr, len);
  }

  /** Applies the merge rule around each of `segs` still mapped in `space`. */
  #mergeAll(space: AddressSpace, segs: Segment[]): void {
    for (const s of segs) if (space.segments.find(s.addr) === s) this.#mergeAround(space, s);
  }

  /** Applies the merge rule between `seg` and its neighbours; returns the resulting segment. */
  #mergeAround(space: AddressSpace, seg: Segment): Segment {
    let cur = seg;
    const l = space.segments.before(cur.addr);
    if (l !== undefined && canMerge(l, cur)) cur = this.#merge(space, l, cur);
    const r = space.segments.after(cur.addr);
    if (r !== undefined && canMerge(cur, r)) cur = this.#merge(space, cur, r);
    return cur;
  }

  #merge(space: AddressSpace, l: Segment, r: Segment): Segment {
    if (l.shadow !== r.shadow) {
      // rule (b): two exclusive anon shadows; the merged segment keeps l's, grown to hold r's bytes
      const need = l.offset + l.len + r.len;
      if (l.shadow.size < need) this.#resizeShadow(l.shadow, need);
      l.shadow.copyFrom(r.shadow, r.offset, l.offset + l.len, r.len);
    }
    const m = l.derive({ len: l.len + r.len });
    this.#replace(space, [l, r], [m]);
    return m;
  }

  /** A rule-(b) pair unmerged because a shadow became exclusive by a change elsewhere. */
  #late(l: Segment, r: Segment): boolean {
    return l.shadow !== r.shadow && (this.#lateExclusive.has(l.shadow) || this.#lateExclusive.has(r.shadow));
  }

  #shadowOrThrow(id: number): Shadow {
    const s = this.#shadows.get(id);
    if (s === undefined) throw new Plan9Error(Enonexist);
    return s;
  }
}

function isNat(x: number): boolean {
  return Number.isSafeInteger(x) && x >= 0;
}

function isAligned(x: number): boolean {
  return Number.isSafeInteger(x) && x >= 0 && x % PAGE === 0;
}

/** `flags` is an integer with no bits outside `allowed`. */
function isFlags(flags: number, allowed: number): boolean {
  return Number.isSafeInteger(flags) && flags >= 0 && (flags & ~allowed) === 0;
}

/** [addr, addr+len) lies between the lowest base and the highest top of p's regions. */
function inUserRange(p: Proc, addr: number, len: number): boolean {
  const spaces = p.spaces();
  if (spaces.length === 0) return false;
  return addr >= spaces[0]!.base && addr + len <= spaces[spaces.length - 1]!.top;
}

function toPieces(segs: Segment[], from: number, to: number): Piece[] {
  return segs.map((seg) => ({ seg, lo: Math.max(from, seg.addr), hi: Math.min(to, seg.end) }));
}

/** Copies the bytes of `pieces` (a covering of [addr, addr+out.length)) into out. */
function copyOut(pieces: Piece[], addr: number, out: Uint8Array): void {
  for (const { seg, lo, hi } of pieces) seg.shadow.read(seg.offset + (lo - seg.addr), out.subarray(lo - addr, hi - addr));
}

function minRights(pieces: Piece[]): number {
  let r = PERM_RWX;
  for (const { seg } of pieces) r &= seg.rights;
  return r;
}

function popcount(x: number): number {
  let n = 0;
  for (let v = x; v !== 0; v &= v - 1) n++;
  return n;
}

/** Zircon names are cut to ZX_MAX_NAME_LEN - 1 bytes of UTF-8, never inside a character. */
function zxName(name: string): string {
  const bytes = Buffer.from(name, 'utf8');
  if (bytes.length < ZX_MAX_NAME_LEN) return name;
  let n = ZX_MAX_NAME_LEN - 1;
  while (n > 0 && (bytes[n]! & 0xc0) === 0x80) n--;
  return bytes.subarray(0, n).toString('utf8');
}

/** Digests by segment (segments are values) and the shadow version they were taken at. */
const digests = new WeakMap<Segment, [version: number, digest: string]>();

/**
 * SHA-1 of the bytes a segment shows, remembered per shadow version. A segment too large to
 * read (over 64 MiB) is identified by its shadow's version instead.
 */
function digest(s: Segment): string {
  if (s.len > 1 << 26) return `v${s.shadow.version}`;
  const hit = digests.get(s);
  if (hit !== undefined && hit[0] === s.shadow.version) return hit[1];
  const h = createHash('sha1');
  const buf = new Uint8Array(Math.min(s.len, 1 << 16));
  for (let done = 0; done < s.len; done += buf.length) {
    const view = buf.subarray(0, Math.min(buf.length, s.len - done));
    s.shadow.read(s.offset + done, view);
    h.update(view);
  }
  const d = h.digest('hex');
  digests.set(s, [s.shadow.version, d]);
  return d;
}

function hex(n: number): string {
  return `0x${n.toString(16)}`;
}
