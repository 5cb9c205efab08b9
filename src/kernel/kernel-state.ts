// KernelState: what the system calls work on (the process table, the grant table, the memory
// engine) and the checks that open every call naming a target process. It is also the
// read-only view of the kernel that inspection gets.

import { CAP_PROC_SEGMENT } from './constants.js';
import { EINVAL, EPERM, ESRCH } from '../lib9/errno.js';
import type { AddressSpace } from './engine/address-space.js';
import type { Mapping } from './engine/mapping.js';
import { Memory } from './engine/memory.js';
import type { MemoryBudget } from './engine/memory-budget.js';
import { mergeDeferred } from './engine/merge.js';
import { toPieces, type Piece } from './engine/pieces.js';
import type { Shadow } from './engine/shadow.js';
import { run } from './engine/transaction.js';
import { OfferTable, type Grant } from './offers.js';
import type { Pid, Proc } from './proc.js';
import type { KernelView } from './view.js';

/** Options of `new Kernel()`. */
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

/** T on success, a negative errno on failure. */
export type Ret<T> = T | number;

export class KernelState implements KernelView {
  readonly memory: Memory;
  readonly table = new Map<Pid, Proc>();
  readonly offers = new OfferTable();
  readonly exitHooks: ((p: Proc) => void)[] = [];
  nextPid = 1;
  nextJob = 1;

  constructor(readonly maxSegments: number, budget?: MemoryBudget) {
    this.memory = new Memory(maxSegments, budget);
  }

  /**
   * The prologue of every call on a target: the target of a call by `caller` (0 = the caller
   * itself), or the errno: -ESRCH for an unknown caller,
   * -EINVAL for a negative target, -EPERM for any other process (even the caller's own pid)
   * without CAP_PROC_SEGMENT, -ESRCH for one that does not exist.
   */
  target(caller: Pid, target: Pid): Proc | number {
    const c = this.table.get(caller);
    if (c === undefined) return -ESRCH;
    if (!Number.isSafeInteger(target) || target < 0) return -EINVAL;
    if (target === 0) return c;
    if ((c.caps & CAP_PROC_SEGMENT) === 0) return -EPERM;
    return this.table.get(target) ?? -ESRCH;
  }

  /** A pid argument other than the target (`with`, `from`): must be > 0 and alive. */
  other(pid: Pid): Proc | number {
    if (!Number.isSafeInteger(pid) || pid <= 0) return -EINVAL;
    return this.table.get(pid) ?? -ESRCH;
  }

  /** The mapping of `p` containing `addr` (own region first, then the shared one). */
  mappingAt(p: Proc, addr: number): Mapping | undefined {
    for (const space of p.spaces()) {
      const m = space.find(addr);
      if (m !== undefined) return m;
    }
    return undefined;
  }

  /** The space holding [addr, addr+len) and its pieces, if every byte is mapped. */
  covering(p: Proc, addr: number, len: number): [AddressSpace, Piece[]] | undefined {
    const space = p.spaceFor(addr, len);
    if (space === undefined) return undefined;
    const maps = space.covering(addr, len);
    if (maps === undefined) return undefined;
    return [space, toPieces(maps, addr, addr + len)];
  }

  /** Runs an operation's changes as one transaction (every failure changes nothing). */
  run<T>(body: () => T | number): T | number {
    return run(this.memory, body);
  }

  // ---- the read-only view ----

  proc(pid: Pid): Proc | undefined {
    return this.table.get(pid);
  }

  procs(): Proc[] {
    return [...this.table.values()].sort((a, b) => a.pid - b.pid);
  }

  shadow(id: number): Shadow | undefined {
    return this.memory.shadow(id);
  }

  shadows(): Shadow[] {
    return this.memory.shadows();
  }

  externalHolds(s: Shadow): number {
    return this.memory.externalHolds(s);
  }

  grants(): Grant[] {
    return [...this.offers.all()].sort((a, b) => a.id - b.id);
  }

  mergeDeferred(l: Mapping, r: Mapping): boolean {
    return mergeDeferred(this.memory, l, r);
  }
}

