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
import { procCreate, procCreateShared } from './zircon-calls.js';

export type { Ret } from './kernel-state.js';
export type { ProcInfo, SpawnOptions } from './harness.js';
export type { AllocOptions } from './srr-calls.js';
export type { AccessMode } from './memory-access.js';
export type { SegmentInfo } from './engine/mapping.js';
export type { KernelView } from './view.js';
export { defaultMaxMemory } from './engine/memory-budget.js';

export interface KernelOptions {
  /** Most mappings one address space may hold. Default 64. */
  maxSegments?: number;
  /**
   * Most bytes of memory all shadows may commit together (chunks made on first touch, see
   * engine/shadow.ts); past it a call fails with -ENOMEM, a harness call or a device with
   * Plan9Error(Enovmem). Default: half of the machine's memory (defaultMaxMemory).
   */
  maxMemory?: number;
}

export class Kernel {
  readonly #k: KernelState;

  constructor(o: KernelOptions = {}) {
    const max = o.maxSegments ?? 64;
    if (!Number.isSafeInteger(max) || max < 1) throw new RangeError(`maxSegments must be a positive integer, not ${max}`);
    this.#k = new KernelState(max, new MemoryBudget(o.maxMemory));
  }

  /** The memory budget: `max`, and the bytes `committed` by all shadows now. */
  get memory(): { readonly max: number; readonly committed: number } {
    return this.#k.memory.budget;
  }

  /** Most mappings one address space may hold. */
  get maxSegments(): number {
    return this.#k.maxSegments;
  }

  // ---- harness ----

  /** A new process with an empty address space [USER_BASE, USER_TOP). Pids increase. */
  spawn(o: SpawnOptions = {}): Pid {
    return harness.spawn(this.#k, o);
  }

  /** Ends `pid`: its memory, offers and shares go; an unknown pid is ignored. */
  exit(pid: Pid): void {
    harness.exit(this.#k, pid);
  }

  /**
   * A new shadow of `size` bytes (a page multiple), zero-filled; returns its id. The caller
   * holds one reference until shadowPut. Kind 'anon' is for layers that keep anonymous memory
   * of their own, as the Plan 9 layer does. Bad arguments throw Plan9Error(Ebadarg); a
   * shadow whose first chunk would not fit the memory budget, Plan9Error(Enovmem).
   */
  shadowCreate(size: number, maxRights: number = PERM_RWX, kind: ShadowKind = 'global'): number {
    return harness.shadowCreate(this.#k, size, maxRights, kind);
  }

  /** Bytes [off, off+len) of shadow `id`. Throws Plan9Error for an unknown id or a bad range. */
  shadowRead(id: number, off: number, len: number): Uint8Array {
    return harness.shadowRead(this.#k, id, off, len);
  }

  /** Writes `data` at `off` of shadow `id`: every holder sees it (unless its copy is made). */
  shadowWrite(id: number, off: number, data: Uint8Array): void {
    harness.shadowWrite(this.#k, id, off, data);
  }

  /** Mappings (all processes) plus external holders of shadow `id`; 0 once it is freed. */
  shadowRefs(id: number): number {
    return this.#k.memory.shadow(id)?.refs ?? 0;
  }

  /** Takes one more external hold on shadow `id` (Plan 9 incref). */
  shadowHold(id: number): void {
    harness.shadowHold(this.#k, id);
  }

  /** Drops one external hold on shadow `id` (Plan 9 putseg); throws Plan9Error if it has none. */
  shadowPut(id: number): void {
    harness.shadowPut(this.#k, id);
  }

  procInfo(pid: Pid): Ret<ProcInfo> {
    return harness.procInfo(this.#k, pid);
  }

  /** Runs `hook` at the start of every exit(), before the process's memory is released. */
  onExit(hook: (p: Proc) => void): void {
    this.#k.exitHooks.push(hook);
  }

  // ---- SRR process segments ----

  segAlloc(caller: Pid, target: Pid, addr: number, len: number, flags: number, o: AllocOptions = {}): Ret<number> {
    const p = this.#k.target(caller, target);
    return typeof p === 'number' ? p : segAlloc(this.#k, p, addr, len, flags, o);
  }

  segFree(caller: Pid, target: Pid, addr: number, len: number): Ret<0> {
    const p = this.#k.target(caller, target);
    return typeof p === 'number' ? p : segFree(this.#k, p, addr, len);
  }

  segQuery(caller: Pid, target: Pid, addr: number): Ret<SegmentInfo> {
    const p = this.#k.target(caller, target);
    return typeof p === 'number' ? p : segQuery(this.#k, p, addr);
  }

  segResize(caller: Pid, target: Pid, addr: number, delta: number): Ret<number> {
    const p = this.#k.target(caller, target);
    return typeof p === 'number' ? p : segResize(this.#k, p, addr, delta);
  }

  segProtect(caller: Pid, target: Pid, addr: number, len: number, flags: number): Ret<0> {
    const p = this.#k.target(caller, target);
    return typeof p === 'number' ? p : segProtect(this.#k, p, addr, len, flags);
  }

  segShare(caller: Pid, target: Pid, addr: number, len: number, withPid: Pid, rights: number): Ret<0> {
    const p = this.#k.target(caller, target);
    return typeof p === 'number' ? p : segShare(this.#k, p, addr, len, withPid, rights);
  }

  segTake(caller: Pid, target: Pid, srcAddr: number, len: number, fromPid: Pid, flags: number): Ret<number> {
    const p = this.#k.target(caller, target);
    return typeof p === 'number' ? p : segTake(this.#k, p, srcAddr, len, fromPid, flags);
  }

  /** Plan 9 segfree: the pages read as zero afterwards, for every holder; the range stays mapped. */
  segDecommit(caller: Pid, target: Pid, addr: number, len: number): Ret<0> {
    const p = this.#k.target(caller, target);
    return typeof p === 'number' ? p : segDecommit(this.#k, p, addr, len);
  }

  // ---- vm_offer ----

  vmOffer(caller: Pid, destPid: Pid, addr: number, len: number, flags: number): Ret<0> {
    return vmOffer(this.#k, caller, destPid, addr, len, flags);
  }

  vmClaim(caller: Pid, srcPid: Pid, remoteAddr: number, flags: number, out: { localAddr: number; size: number }): Ret<0> {
    return vmClaim(this.#k, caller, srcPid, remoteAddr, flags, out);
  }

  vmListOffer(caller: Pid, list: OfferRecord[], count: { n: number }): Ret<0> {
    return vmListOffer(this.#k, caller, list, count);
  }

  // ---- Zircon processes ----

  procCreate(caller: Pid, options: number, name: string): Ret<{ pid: Pid; base: number; size: number }> {
    return procCreate(this.#k, caller, options, name);
  }

  procCreateShared(caller: Pid, sharedPid: Pid, options: number, name: string): Ret<{ pid: Pid; restrictedBase: number; restrictedSize: number }> {
    return procCreateShared(this.#k, caller, sharedPid, options, name);
  }

  // ---- loads and stores ----

  memRead(caller: Pid, target: Pid, addr: number, len: number, mode?: AccessMode): Ret<Uint8Array> {
    const p = this.#k.target(caller, target);
    return typeof p === 'number' ? p : memRead(this.#k, p, addr, len, mode);
  }

  /** memRead into the caller's buffer (allocates nothing); returns the number of bytes read. */
  memReadInto(caller: Pid, target: Pid, addr: number, dst: Uint8Array, mode?: AccessMode): Ret<number> {
    const p = this.#k.target(caller, target);
    return typeof p === 'number' ? p : memReadInto(this.#k, p, addr, dst, mode);
  }

  memWrite(caller: Pid, target: Pid, addr: number, data: Uint8Array, mode?: AccessMode): Ret<number> {
    const p = this.#k.target(caller, target);
    return typeof p === 'number' ? p : memWrite(this.#k, p, addr, data, mode);
  }

  // ---- for the layers above ----

  /** The mapping of `pid` containing `addr` (own region first, then the shared one). */
  mappingAt(pid: Pid, addr: number): Mapping | undefined {
    const p = this.#k.table.get(pid);
    return p === undefined ? undefined : this.#k.mappingAt(p, addr);
  }

  /**
   * Sets the length of the mapping of `pid` that starts at `base` to `len` (Plan 9's segbrk of
   * a segment others hold too): 0, -ESRCH, -EFAULT, -EINVAL or -EBUSY.
   */
  resizeMapping(pid: Pid, base: number, len: number): Ret<0> {
    return resizeMapping(this.#k, pid, base, len);
  }

  // ---- read-only accessors: nothing they return may be changed ----

  /** The live process `pid` (read-only). */
  proc(pid: Pid): Proc | undefined {
    return this.#k.proc(pid);
  }

  /** Every live process, by pid (read-only). */
  procs(): Proc[] {
    return this.#k.procs();
  }

  /**
   * The shadow `id` (read-only; the layer holding it through shadowCreate or shadowHold may
   * read and write its bytes).
   */
  shadow(id: number): Shadow | undefined {
    return this.#k.shadow(id);
  }

  /** The whole kernel, read-only: processes, spaces, mappings, shadows, offers and shares. */
  get view(): KernelView {
    return this.#k;
  }
}
