// The harness around the system calls: making and ending processes, and shadows (memory
// objects) that a layer above holds and reads or writes directly. Bad arguments throw
// Plan9Error(Ebadarg); an unknown shadow throws Plan9Error(Enonexist).

import { ESRCH } from '../lib9/errno.js';
import { Ebadarg, Enonexist, Plan9Error } from '../lib9/errors.js';
import { isAligned, isNat } from './args.js';
import { PERM_RWX } from './constants.js';
import type { Shadow, ShadowKind } from './engine/shadow.js';
import type { KernelState, Ret } from './kernel-state.js';
import { Proc, type Pid, type ProcIdentity } from './proc.js';

/** Options of Kernel.spawn. */
export interface SpawnOptions {
  /** CAP_* capability bits (CAP_PROC_SEGMENT); default none. */
  caps?: number;
  /** private segments are copied at once instead of on first write */
  realtime?: boolean;
  /** job is inherited from the parent; without one the process starts a new job */
  parent?: Pid;
  /** Its name; default ''. */
  name?: string;
}

/** What Kernel.procInfo reports of a process. */
export interface ProcInfo extends ProcIdentity {
  /** in a share group (a prototype or a member) */
  shared: boolean;
  /** made by procCreateShared */
  member: boolean;
}

/** A new process with an empty address space [USER_BASE, USER_TOP). Pids increase. */
export function spawn(k: KernelState, o: SpawnOptions): Pid {
  const caps = o.caps ?? 0;
  if (!Number.isSafeInteger(caps) || caps < 0) throw new Plan9Error(Ebadarg);
  if (o.realtime !== undefined && typeof o.realtime !== 'boolean') throw new Plan9Error(Ebadarg);
  if (o.name !== undefined && typeof o.name !== 'string') throw new Plan9Error(Ebadarg);
  let job: number;
  let parent = 0;
  if (o.parent !== undefined) {
    const pp = k.table.get(o.parent);
    if (pp === undefined) throw new Plan9Error(Ebadarg);
    job = pp.job;
    parent = pp.pid;
  } else job = k.nextJob++;
  const p = new Proc(k.nextPid++, parent, job, o.name ?? '', caps, o.realtime ?? false, 'normal');
  k.table.set(p.pid, p);
  return p.pid;
}

/**
 * Ends `pid`: runs the exit hooks, unmaps its own region, deletes every offer and share it
 * sent or received, and leaves its share group; the group's shared region is unmapped when
 * its last process exits. An unknown pid is ignored.
 */
export function exit(k: KernelState, pid: Pid): void {
  const p = k.table.get(pid);
  if (p === undefined) return;
  for (const hook of k.exitHooks) hook(p);
  k.offers.forget(pid);
  if (p.own !== undefined) k.memory.unmapAll(p.own);
  if (p.group !== undefined) {
    p.group.members.delete(p);
    if (p.group.members.size === 0) k.memory.unmapAll(p.group.shared);
  }
  k.table.delete(pid);
}

/** A new zero-filled shadow of `size` bytes (a page multiple), held once by the caller; its id. */
export function shadowCreate(k: KernelState, size: number, maxRights: number, kind: ShadowKind): number {
  if (!isAligned(size)) throw new Plan9Error(Ebadarg);
  if (!Number.isSafeInteger(maxRights) || (maxRights & ~PERM_RWX) !== 0) throw new Plan9Error(Ebadarg);
  if (kind !== 'global' && kind !== 'file' && kind !== 'anon') throw new Plan9Error(Ebadarg);
  return k.memory.createShadow(size, maxRights, kind).id;
}

export function shadowRead(k: KernelState, id: number, off: number, len: number): Uint8Array {
  const s = shadowOrThrow(k, id);
  if (!isNat(off) || !isNat(len) || off + len > s.size) throw new Plan9Error(Ebadarg);
  const out = new Uint8Array(len);
  s.read(off, out);
  return out;
}

export function shadowWrite(k: KernelState, id: number, off: number, data: Uint8Array): void {
  const s = shadowOrThrow(k, id);
  if (!isNat(off) || !(data instanceof Uint8Array) || off + data.length > s.size) throw new Plan9Error(Ebadarg);
  s.write(off, data);
}

export function shadowHold(k: KernelState, id: number): void {
  k.memory.hold(shadowOrThrow(k, id));
}

/** Drops one external hold; Plan9Error(Ebadarg) if the shadow has none. */
export function shadowPut(k: KernelState, id: number): void {
  if (!k.memory.put(shadowOrThrow(k, id))) throw new Plan9Error(Ebadarg);
}

export function procInfo(k: KernelState, pid: Pid): Ret<ProcInfo> {
  const p = k.table.get(pid);
  if (p === undefined) return -ESRCH;
  return { ...p.identity(), shared: p.group !== undefined, member: p.kind === 'member' };
}

function shadowOrThrow(k: KernelState, id: number): Shadow {
  const s = k.memory.shadow(id);
  if (s === undefined) throw new Plan9Error(Enonexist);
  return s;
}
