// Zircon's zx_process_create and zx_process_create_shared: normal processes, share-group
// prototypes (the shared region only) and members (a restricted region of their own plus the
// group's shared region, the very same address space in every member).

import { EINVAL, EPERM, ESRCH } from '../lib9/errno.js';
import {
  CAP_PROC_SEGMENT, RESTRICTED_BASE, RESTRICTED_TOP, SHARED_BASE, SHARED_TOP, USER_BASE, USER_TOP, ZX_MAX_NAME_LEN, ZX_PROCESS_SHARED,
} from './constants.js';
import type { KernelState, Ret } from './kernel-state.js';
import { Proc, ShareGroup, type Pid } from './proc.js';

/** What procCreate returns: the new process and the range of its address space. */
export interface ProcCreated {
  /** The new pid. */
  pid: Pid;
  /** The first address of its space (the shared region's for a prototype). */
  base: number;
  /** The size of that space in bytes. */
  size: number;
}

/** What procCreateShared returns: the new member and its restricted region. */
export interface SharedProcCreated {
  /** The new pid. */
  pid: Pid;
  /** The first address of its restricted region. */
  restrictedBase: number;
  /** The size of that region in bytes. */
  restrictedSize: number;
}

/** zx_process_create: options 0 (a normal process) or ZX_PROCESS_SHARED (a prototype). */
export function procCreate(k: KernelState, caller: Pid, options: number, name: string): Ret<ProcCreated> {
  if (options !== 0 && options !== ZX_PROCESS_SHARED) return -EINVAL;
  const c = k.table.get(caller);
  if (c === undefined) return -ESRCH;
  if (typeof name !== 'string') return -EINVAL;
  const group = options === ZX_PROCESS_SHARED ? new ShareGroup() : undefined;
  const p = new Proc(k.nextPid++, c.pid, c.job, zxName(name), c.caps, false, group ? 'prototype' : 'normal', group);
  group?.members.add(p);
  k.table.set(p.pid, p);
  return group
    ? { pid: p.pid, base: SHARED_BASE, size: SHARED_TOP - SHARED_BASE }
    : { pid: p.pid, base: USER_BASE, size: USER_TOP - USER_BASE };
}

/**
 * zx_process_create_shared: a member of sharedPid's share group (0 = the caller) with a new
 * restricted region. The caller must be in the group, be sharedPid's parent, or hold
 * CAP_PROC_SEGMENT.
 */
export function procCreateShared(
  k: KernelState,
  caller: Pid,
  sharedPid: Pid,
  options: number,
  name: string,
): Ret<SharedProcCreated> {
  if (options !== 0) return -EINVAL;
  const c = k.table.get(caller);
  if (c === undefined) return -ESRCH;
  if (!Number.isSafeInteger(sharedPid) || sharedPid < 0) return -EINVAL;
  const sp = sharedPid === 0 ? c : k.table.get(sharedPid);
  if (sp === undefined) return -ESRCH;
  const allowed = (c.group !== undefined && c.group === sp.group) || sp.parent === c.pid || (c.caps & CAP_PROC_SEGMENT) !== 0;
  if (!allowed) return -EPERM;
  if (sp.group === undefined) return -EINVAL;
  if (typeof name !== 'string') return -EINVAL;
  const p = new Proc(k.nextPid++, c.pid, sp.job, zxName(name), c.caps, false, 'member', sp.group);
  sp.group.members.add(p);
  k.table.set(p.pid, p);
  return { pid: p.pid, restrictedBase: RESTRICTED_BASE, restrictedSize: RESTRICTED_TOP - RESTRICTED_BASE };
}

/** Zircon names are cut to ZX_MAX_NAME_LEN - 1 bytes of UTF-8, never inside a character. */
function zxName(name: string): string {
  const bytes = Buffer.from(name, 'utf8');
  if (bytes.length < ZX_MAX_NAME_LEN) return name;
  let n = ZX_MAX_NAME_LEN - 1;
  while (n > 0 && (bytes[n]! & 0xc0) === 0x80) n--;
  return bytes.subarray(0, n).toString('utf8');
}
