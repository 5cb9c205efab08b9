// The kernel model: processes, address spaces and mappings on shadows, with the calls of three
// systems (SRR process segments, vm_offer/vm_claim, Zircon shared processes), simulated loads
// and stores, and the harness that makes processes and shadows. Results are a value (or an
// object) on success and a negative errno on failure; every failed call changes nothing.
// This class only composes: the calls live in srr-calls.ts, vm-offer-calls.ts, zircon-calls.ts
// and memory-access.ts, the machinery in engine/, inspection in inspect.ts. A call on a target
// process resolves it with KernelState.target (the one prologue) and hands the call its Proc;
// the dispatch is written out rather than passed a closure, which costs ~10% on segQuery.

import { PERM_RWX } from './constants.js';
import type { Mapping, SegmentInfo } from './engine/mapping.js';
import { MemoryBudget } from './engine/memory-budget.js';
import type { Shadow, ShadowKind } from './engine/shadow.js';
import * as harness from './harness.js';
import type { ProcInfo, SpawnOptions } from './harness.js';
import { KernelState, type Ret } from './kernel-state.js';
import { memRead, memReadInto, memWrite, type AccessMode } from './memory-access.js';
import type { OfferRecord } from './offers.js';
import type { Pid, Proc } from './proc.js';
import { resizeMapping } from './resize-mapping.js';
import { segAlloc, segDecommit, segFree, segProtect, segQuery, segResize, segShare, segTake, type AllocOptions } from './srr-calls.js';
import type { KernelView } from './view.js';
import { vmClaim, vmListOffer, vmOffer } from './vm-offer-calls.js';
import { procCreate, procCreateShared, type ProcCreated, type SharedProcCreated } from './zircon-calls.js';

export type { Ret, KernelOptions } from './kernel-state.js';
import type { KernelOptions } from './kernel-state.js';
export type { ProcInfo, SpawnOptions } from './harness.js';
export type { AllocOptions } from './srr-calls.js';
export type { AccessMode } from './memory-access.js';
export type { SegmentInfo } from './engine/mapping.js';
export type { KernelView } from './view.js';
export { defaultMaxMemory, type MemoryUse } from './engine/memory-budget.js';
import type { MemoryUse } from './engine/memory-budget.js';
export type { ProcCreated, SharedProcCreated } from './zircon-calls.js';


/**
 * The kernel model: processes, their address spaces and mappings of shadows (memory objects
 * on SharedArrayBuffers), with the calls of three systems — SRR process segments (segAlloc …
 * segTake), vm_offer/vm_claim, and Zircon shared processes (procCreate, procCreateShared) —
 * and loads and stores (memRead, memWrite).
 *
 * The calls do not throw: each returns its value on success and a negative errno on failure
 * (-ENOENT, -EINVAL, …; compare with the E* constants, turn into text with strerror, into a
 * Plan 9 string with toErrstr, into a zx_status_t with toZx), and a failed call changes
 * nothing. Only the harness (spawn, the shadow* methods) throws, Plan9Error, for bad
 * arguments. The Plan 9 calls (segattach …) are one layer up: plan9For(kernel).
 *
 * Every call on a target (segAlloc … segDecommit, memRead, memReadInto, memWrite) first
 * returns -ESRCH for an unknown caller, -EINVAL for a negative target, -EPERM for a target
 * other than 0 when the caller lacks CAP_PROC_SEGMENT, and -ESRCH for a target that does not
 * exist; the errors each call lists come after these.
 *
 * @example
 * ```ts
 * import { Kernel, CAP_PROC_SEGMENT, PERM_R, PERM_W, strerror } from 'segfs';
 * const k = new Kernel();
 * const a = k.spawn({ caps: CAP_PROC_SEGMENT });
 * const b = k.spawn();
 * const va = k.segAlloc(a, 0, 0, 4096, PERM_R | PERM_W); // 0: placed by the kernel
 * if (va < 0) throw new Error(strerror(-va));
 * k.memWrite(a, 0, va, new TextEncoder().encode('hi'));
 * k.segShare(a, 0, va, 4096, b, PERM_R); // a standing grant to b
 * const local = k.segTake(b, 0, va, 4096, a, PERM_R); // b maps it: the same memory
 * console.log(k.memRead(b, 0, local, 2)); // Uint8Array(2) [ 104, 105 ]
 * ```
 */
export class Kernel {
  readonly #k: KernelState;

  /**
   * @param o - options; `maxSegments` caps the mappings of one address space (default 64)
   * @throws RangeError when maxSegments is not a positive integer
   */
  constructor(o: KernelOptions = {}) {
    const max = o.maxSegments ?? 64;
    if (!Number.isSafeInteger(max) || max < 1) throw new RangeError(`maxSegments must be a positive integer, not ${max}`);
    this.#k = new KernelState(max, new MemoryBudget(o.maxMemory));
  }

  /** The memory budget: `max`, and the bytes `committed` by all shadows now. */
  get memory(): MemoryUse {
    return this.#k.memory.budget;
  }

  /** Most mappings one address space may hold. */
  get maxSegments(): number {
    return this.#k.maxSegments;
  }

  // ---- harness ----

  /**
   * A new process with an empty address space [USER_BASE, USER_TOP). Pids increase.
   * @param o - its capabilities (CAP_PROC_SEGMENT), parent, name and real-time flag
   * @returns the new pid
   * @throws Plan9Error `bad arg in system call` (code 'EINVAL') for a bad option or an unknown parent
   */
  spawn(o: SpawnOptions = {}): Pid {
    return harness.spawn(this.#k, o);
  }

  /**
   * Ends `pid`: the onExit hooks run, its memory, offers and shares go; an unknown pid is ignored.
   * @param pid - the process to end
   */
  exit(pid: Pid): void {
    harness.exit(this.#k, pid);
  }

  /**
   * A new shadow (memory object) of `size` bytes, zero-filled. The caller holds one reference
   * until shadowPut. Kind 'anon' is for layers that keep anonymous memory of their own, as the
   * Plan 9 layer does; 'file' for a file's pages; 'global' (the default) for shared segments.
   * @param size - bytes, a multiple of PAGE
   * @param maxRights - the most rights (PERM_*) any mapping of it may have
   * @param kind - 'global', 'file' or 'anon'
   * @returns the shadow's id, for segAlloc's `backing` and the other shadow* calls
   * @throws Plan9Error `bad arg in system call` (code 'EINVAL') for a bad size, rights or kind
   * @throws Plan9Error `virtual memory allocation failed` (code 'ENOMEM') when its first chunk would not fit the memory budget
   */
  shadowCreate(size: number, maxRights: number = PERM_RWX, kind: ShadowKind = 'global'): number {
    return harness.shadowCreate(this.#k, size, maxRights, kind);
  }

  /**
   * Bytes [off, off+len) of shadow `id`, copied.
   * @param id - the shadow
   * @param off - the first byte
   * @param len - the count
   * @returns a new array of `len` bytes
   * @throws Plan9Error `file does not exist` (code 'ENOENT') for an unknown id, `bad arg in system call` (code 'EINVAL') for a bad range
   */
  shadowRead(id: number, off: number, len: number): Uint8Array {
    return harness.shadowRead(this.#k, id, off, len);
  }

  /**
   * Writes `data` at `off` of shadow `id`: every holder sees it (unless its private copy is made).
   * @param id - the shadow
   * @param off - where to write
   * @param data - the bytes
   * @throws Plan9Error `file does not exist` (code 'ENOENT') for an unknown id, `bad arg in system call` (code 'EINVAL') for a bad range
   */
  shadowWrite(id: number, off: number, data: Uint8Array): void {
    harness.shadowWrite(this.#k, id, off, data);
  }

  /**
   * The references to shadow `id`: mappings (all processes) plus external holds.
   * @param id - the shadow
   * @returns the count; 0 once it is freed or for an unknown id
   */
  shadowRefs(id: number): number {
    return this.#k.memory.shadow(id)?.refs ?? 0;
  }

  /**
   * Takes one more external hold on shadow `id` (Plan 9's incref).
   * @param id - the shadow
   * @throws Plan9Error `file does not exist` (code 'ENOENT') for an unknown id
   */
  shadowHold(id: number): void {
    harness.shadowHold(this.#k, id);
  }

  /**
   * Drops one external hold on shadow `id` (Plan 9's putseg); the last reference frees it.
   * @param id - the shadow
   * @throws Plan9Error `file does not exist` (code 'ENOENT') for an unknown id, `bad arg in system call` (code 'EINVAL') when it has no external hold
   */
  shadowPut(id: number): void {
    harness.shadowPut(this.#k, id);
  }

  /**
   * What the kernel knows of `pid`.
   * @param pid - the process
   * @returns its ProcInfo, or -ESRCH when it does not exist
   */
  procInfo(pid: Pid): Ret<ProcInfo> {
    return harness.procInfo(this.#k, pid);
  }

  /**
   * Runs `hook` at the start of every exit(), before the process's memory is released.
   * @param hook - called with the exiting process; it must not call exit() itself
   */
  onExit(hook: (p: Proc) => void): void {
    this.#k.exitHooks.push(hook);
  }

  // ---- SRR process segments ----

  /**
   * proc_segment_alloc: maps `len` bytes of new zero-filled memory (or of a shadow, with
   * `o.backing`) into the target at `addr`, or where the kernel places it when `addr` is 0.
   * @param caller - the calling process
   * @param target - the process acted on: 0 for the caller itself (another pid needs CAP_PROC_SEGMENT)
   * @param addr - page-aligned address, or 0 to let the kernel choose
   * @param len - page-aligned length, not 0
   * @param flags - PERM_* rights (at least one), optionally SEG_PRIVATE (copy-on-write), SEG_EAGER
   *   (with SEG_PRIVATE: copy now), SEG_SHARED_REGION (with addr 0: place in the share group's region)
   * @param o - a backing shadow range; `segmented` for a Plan 9 segment (never merged)
   * @returns the address mapped; or -EINVAL (bad flags, alignment, range), -ENOENT (no such
   *   backing shadow), -EACCES (rights above the shadow's), -EBUSY (overlaps a mapping),
   *   -ENOMEM (no room, too many mappings, memory budget)
   */
  segAlloc(caller: Pid, target: Pid, addr: number, len: number, flags: number, o: AllocOptions = {}): Ret<number> {
    const p = this.#k.target(caller, target);
    return typeof p === 'number' ? p : segAlloc(this.#k, p, addr, len, flags, o);
  }

  /**
   * proc_segment_free (munmap): removes [addr, addr+len) from the target's map; a range with
   * nothing mapped is fine.
   * @param caller - the calling process
   * @param target - the process acted on: 0 for the caller itself (another pid needs CAP_PROC_SEGMENT)
   * @param addr - page-aligned start
   * @param len - page-aligned length
   * @returns 0; or -EINVAL (bad range), -EBUSY (would free the head or middle of a Plan 9 segment)
   */
  segFree(caller: Pid, target: Pid, addr: number, len: number): Ret<0> {
    const p = this.#k.target(caller, target);
    return typeof p === 'number' ? p : segFree(this.#k, p, addr, len);
  }

  /**
   * proc_segment_query: the first mapping of the target whose start is at or above `addr` (a
   * mapping that contains `addr` but starts below it is skipped).
   * @param caller - the calling process
   * @param target - the process acted on: 0 for the caller itself (another pid needs CAP_PROC_SEGMENT)
   * @param addr - where to start looking
   * @returns its SegmentInfo; or -EINVAL (bad address), -ENOENT (no mapping from there on)
   */
  segQuery(caller: Pid, target: Pid, addr: number): Ret<SegmentInfo> {
    const p = this.#k.target(caller, target);
    return typeof p === 'number' ? p : segQuery(this.#k, p, addr);
  }

  /**
   * proc_segment_resize: grows or shrinks the mapping containing `addr` (else the one ending
   * at `addr`) by `delta` bytes, as sbrk does.
   * @param caller - the calling process
   * @param target - the process acted on: 0 for the caller itself (another pid needs CAP_PROC_SEGMENT)
   * @param addr - an address in (or the end of) the mapping
   * @param delta - page-multiple change in bytes, negative to shrink
   * @returns the mapping's previous end; or -EINVAL (bad argument, below 0, past the region),
   *   -EFAULT (no such mapping), -EBUSY (the next mapping is in the way), -ENOMEM (its memory cannot grow)
   */
  segResize(caller: Pid, target: Pid, addr: number, delta: number): Ret<number> {
    const p = this.#k.target(caller, target);
    return typeof p === 'number' ? p : segResize(this.#k, p, addr, delta);
  }

  /**
   * Changes the rights of [addr, addr+len) of the target, and may declare it private
   * (copy-on-write; private is sticky): a private mapping may be made writable if it may be read.
   * @param caller - the calling process
   * @param target - the process acted on: 0 for the caller itself (another pid needs CAP_PROC_SEGMENT)
   * @param addr - page-aligned start
   * @param len - page-aligned length
   * @param flags - the new PERM_* rights (at least one), optionally SEG_PRIVATE and SEG_EAGER
   * @returns 0; or -EINVAL (bad flags or range), -EFAULT (a hole in the range), -EACCES (rights
   *   above the memory's maximum), -EBUSY (would split a Plan 9 segment), -ENOMEM
   */
  segProtect(caller: Pid, target: Pid, addr: number, len: number, flags: number): Ret<0> {
    const p = this.#k.target(caller, target);
    return typeof p === 'number' ? p : segProtect(this.#k, p, addr, len, flags);
  }

  /**
   * proc_segment_share: a standing grant of [addr, addr+len) of the target to `withPid`, which
   * may then segTake it; the rights are clipped to what the target holds. Rights 0 revokes the
   * grant made at `addr`.
   * @param caller - the calling process
   * @param target - the process acted on: 0 for the caller itself (another pid needs CAP_PROC_SEGMENT)
   * @param addr - page-aligned start
   * @param len - page-aligned length
   * @param withPid - the process granted (not the target)
   * @param rights - PERM_* bits, or 0 to revoke
   * @returns 0; or -EINVAL (bad argument), -ESRCH (no such withPid), -EFAULT (a hole in the
   *   range), -EACCES (no right left after clipping), -ENOENT (nothing to revoke)
   */
  segShare(caller: Pid, target: Pid, addr: number, len: number, withPid: Pid, rights: number): Ret<0> {
    const p = this.#k.target(caller, target);
    return typeof p === 'number' ? p : segShare(this.#k, p, addr, len, withPid, rights);
  }

  /**
   * proc_segment_take: maps [srcAddr, srcAddr+len) of `fromPid`, which a standing share to the
   * target must cover, into the target: the same memory, or a private copy-on-write view.
   * @param caller - the calling process
   * @param target - the process acted on: 0 for the caller itself (another pid needs CAP_PROC_SEGMENT)
   * @param srcAddr - page-aligned start in fromPid
   * @param len - page-aligned length
   * @param fromPid - the process that shared the range
   * @param flags - PERM_* rights wanted, optionally SEG_PRIVATE, SEG_EAGER, SEG_SHARED_REGION
   * @returns the local address (srcAddr itself when it is free in the target); or -EINVAL,
   *   -ESRCH (no such fromPid), -EACCES (no share covers it, or no right left), -EFAULT (a hole
   *   in the source), -ENOMEM (no room)
   */
  segTake(caller: Pid, target: Pid, srcAddr: number, len: number, fromPid: Pid, flags: number): Ret<number> {
    const p = this.#k.target(caller, target);
    return typeof p === 'number' ? p : segTake(this.#k, p, srcAddr, len, fromPid, flags);
  }

  /**
   * Plan 9's segfree: the pages of [addr, addr+len) read as zero afterwards, for every holder
   * of shared memory (a private mapping gets its own zeroed copy); the range stays mapped.
   * @param caller - the calling process
   * @param target - the process acted on: 0 for the caller itself (another pid needs CAP_PROC_SEGMENT)
   * @param addr - page-aligned start
   * @param len - page-aligned length
   * @returns 0; or -EINVAL (bad range), -EFAULT (a hole), -EACCES (memory the target may never write), -ENOMEM
   */
  segDecommit(caller: Pid, target: Pid, addr: number, len: number): Ret<0> {
    const p = this.#k.target(caller, target);
    return typeof p === 'number' ? p : segDecommit(this.#k, p, addr, len);
  }

  // ---- vm_offer ----

  /**
   * vm_offer: offers [addr, addr+len) of the caller to `destPid` once, which vmClaim takes;
   * len 0 cancels the offer made at `addr`. Needs no capability.
   * @param caller - the offering process
   * @param destPid - the process that may claim it
   * @param addr - page-aligned start
   * @param len - page-aligned length, or 0 to cancel
   * @param flags - VMO_GRANT_* rights (clipped to the caller's), optionally VMO_DROP_* (the
   *   caller loses those rights at claim time; VMO_DISOWN: all of them)
   * @returns 0; or -ESRCH (no such process), -EINVAL (bad argument, offer to oneself), -EFAULT
   *   (a hole in the range), -EACCES (no right left), -ENOENT (nothing to cancel)
   */
  vmOffer(caller: Pid, destPid: Pid, addr: number, len: number, flags: number): Ret<0> {
    return vmOffer(this.#k, caller, destPid, addr, len, flags);
  }

  /**
   * vm_claim: accepts the offer `srcPid` made to the caller at `remoteAddr`: maps it and
   * applies the offer's drops to the sender.
   * @param caller - the claiming process
   * @param srcPid - the process that offered
   * @param remoteAddr - the offer's address in srcPid
   * @param flags - 0
   * @param out - receives `localAddr` (where it was mapped) and `size`
   * @returns 0; or -ESRCH, -EINVAL, -ENOENT (no such offer), -EFAULT or -EACCES (the sender's
   *   memory changed since: the offer is deleted), -ENOMEM (no room), -EBUSY (a drop would split a Plan 9 segment)
   */
  vmClaim(caller: Pid, srcPid: Pid, remoteAddr: number, flags: number, out: { localAddr: number; size: number }): Ret<0> {
    return vmClaim(this.#k, caller, srcPid, remoteAddr, flags, out);
  }

  /**
   * vm_listoffer: the offers and standing shares the caller sent or received, in creation order.
   * @param caller - the asking process
   * @param list - filled with the records when there is room for them all
   * @param count - in: the room (`n`); out: the number of records
   * @returns 0; or -ERANGE (too little room: count.n says how many, list untouched), -ESRCH, -EINVAL
   */
  vmListOffer(caller: Pid, list: OfferRecord[], count: { n: number }): Ret<0> {
    return vmListOffer(this.#k, caller, list, count);
  }

  // ---- Zircon processes ----

  /**
   * zx_process_create: a normal process, or with ZX_PROCESS_SHARED a share-group prototype
   * (the shared region only). The child inherits the caller's capabilities and job.
   * @param caller - the creating process
   * @param options - 0 or ZX_PROCESS_SHARED
   * @param name - cut to ZX_MAX_NAME_LEN - 1 bytes of UTF-8
   * @returns the new pid and its address range; or -ESRCH (no such caller), -EINVAL (bad options or name)
   */
  procCreate(caller: Pid, options: number, name: string): Ret<ProcCreated> {
    return procCreate(this.#k, caller, options, name);
  }

  /**
   * zx_process_create_shared: a member of `sharedPid`'s share group with a new restricted
   * region of its own. The caller must be in the group, be sharedPid's parent, or hold
   * CAP_PROC_SEGMENT.
   * @param caller - the creating process
   * @param sharedPid - a process of the group (0: the caller)
   * @param options - 0
   * @param name - cut to ZX_MAX_NAME_LEN - 1 bytes of UTF-8
   * @returns the new pid and its restricted range; or -EINVAL (bad options or name, sharedPid
   *   in no group), -ESRCH (no such process), -EPERM (not allowed)
   */
  procCreateShared(caller: Pid, sharedPid: Pid, options: number, name: string): Ret<SharedProcCreated> {
    return procCreateShared(this.#k, caller, sharedPid, options, name);
  }

  // ---- loads and stores ----

  /**
   * A load: `len` bytes at `addr` of the target, all of them mapped and readable.
   * @param caller - the calling process
   * @param target - the process acted on: 0 for the caller itself (another pid needs CAP_PROC_SEGMENT)
   * @param addr - the first byte
   * @param len - the count
   * @param mode - 'restricted': a member's own region only (as Zircon's restricted mode sees it)
   * @returns the bytes (a copy); or -EINVAL (bad range), -EFAULT (unmapped), -EACCES (not readable), -ENOMEM
   */
  memRead(caller: Pid, target: Pid, addr: number, len: number, mode?: AccessMode): Ret<Uint8Array> {
    const p = this.#k.target(caller, target);
    return typeof p === 'number' ? p : memRead(this.#k, p, addr, len, mode);
  }

  /**
   * memRead into the caller's buffer (allocates nothing): `dst.length` bytes at `addr`.
   * @param caller - the calling process
   * @param target - the process acted on: 0 for the caller itself (another pid needs CAP_PROC_SEGMENT)
   * @param addr - the first byte
   * @param dst - receives the bytes
   * @param mode - as for memRead
   * @returns the number of bytes read; or the errors of memRead
   */
  memReadInto(caller: Pid, target: Pid, addr: number, dst: Uint8Array, mode?: AccessMode): Ret<number> {
    const p = this.#k.target(caller, target);
    return typeof p === 'number' ? p : memReadInto(this.#k, p, addr, dst, mode);
  }

  /**
   * A store: `data` at `addr` of the target, all of it mapped and writable; a private mapping
   * gets its copy first.
   * @param caller - the calling process
   * @param target - the process acted on: 0 for the caller itself (another pid needs CAP_PROC_SEGMENT)
   * @param addr - the first byte
   * @param data - the bytes
   * @param mode - as for memRead
   * @returns the count written; or -EINVAL, -EFAULT (unmapped), -EACCES (not writable), -ENOMEM (no memory for the copy)
   */
  memWrite(caller: Pid, target: Pid, addr: number, data: Uint8Array, mode?: AccessMode): Ret<number> {
    const p = this.#k.target(caller, target);
    return typeof p === 'number' ? p : memWrite(this.#k, p, addr, data, mode);
  }

  // ---- for the layers above ----

  /**
   * The mapping of `pid` containing `addr` (own region first, then the shared one).
   * @param pid - the process
   * @param addr - the address
   * @returns the mapping (read-only), or undefined for no process or no mapping
   */
  mappingAt(pid: Pid, addr: number): Mapping | undefined {
    const p = this.#k.table.get(pid);
    return p === undefined ? undefined : this.#k.mappingAt(p, addr);
  }

  /**
   * Sets the length of the mapping of `pid` that starts at `base` to `len` (Plan 9's segbrk of
   * a segment others hold too).
   * @param pid - the process
   * @param base - the start of its mapping
   * @param len - the new length
   * @returns 0, or -ESRCH, -EFAULT, -EINVAL, -EBUSY
   */
  resizeMapping(pid: Pid, base: number, len: number): Ret<0> {
    return resizeMapping(this.#k, pid, base, len);
  }

  // ---- read-only accessors: nothing they return may be changed ----

  /**
   * The live process `pid` (read-only).
   * @param pid - the process
   * @returns it, or undefined
   */
  proc(pid: Pid): Proc | undefined {
    return this.#k.proc(pid);
  }

  /**
   * Every live process, by pid (read-only).
   * @returns a new array
   */
  procs(): Proc[] {
    return this.#k.procs();
  }

  /**
   * The shadow `id` (read-only; the layer holding it through shadowCreate or shadowHold may
   * read and write its bytes).
   * @param id - the shadow
   * @returns it, or undefined
   * @internal
   */
  shadow(id: number): Shadow | undefined {
    return this.#k.shadow(id);
  }

  /** The whole kernel, read-only: processes, spaces, mappings, shadows, offers and shares. */
  get view(): KernelView {
    return this.#k;
  }
}
