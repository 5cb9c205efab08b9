// A read-only view of the whole kernel: processes with their address spaces and mappings,
// shadows with their holds, offers and shares. For inspection (tests, debugging, a viewer):
// nothing reached through it may be changed.

import type { Mapping } from './engine/mapping.js';
import type { Shadow } from './engine/shadow.js';
import type { Grant } from './offers.js';
import type { Pid, Proc } from './proc.js';

/**
 * A read-only view of the whole kernel (Kernel.view): for inspection by tests, debugging and
 * viewers; nothing reached through it may be changed. Its methods may be called at any time
 * between calls of the kernel, never from inside one (an onExit hook).
 */
export interface KernelView {
  /** Most mappings one address space may hold. */
  readonly maxSegments: number;
  /**
   * The live process `pid`.
   * @param pid - the process
   * @returns it, or undefined
   */
  proc(pid: Pid): Proc | undefined;
  /**
   * Every live process, by pid.
   * @returns a new array
   */
  procs(): Proc[];
  /** The live shadow `id`. @internal */
  shadow(id: number): Shadow | undefined;
  /** Every live shadow, by id. @internal */
  shadows(): Shadow[];
  /** The holds on `s` taken from outside the address spaces (shadowCreate, shadowHold). @internal */
  externalHolds(s: Shadow): number;
  /** Every pending offer and standing share, by id. @internal */
  grants(): Grant[];
  /**
   * Whether neighbours `l` and `r`, which the merge rule would join, stand apart because one
   * shadow became exclusive through a change in another address space (merging is applied
   * only in the spaces an operation changes).
   * @internal
   */
  mergeDeferred(l: Mapping, r: Mapping): boolean;
}
