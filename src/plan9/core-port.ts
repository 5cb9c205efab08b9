// What the Plan 9 layer needs from the kernel below it: processes with an address space,
// shadows, and mappings of a Plan 9 segment's shadow into a process. KernelPort implements it
// on a Kernel; the Plan 9 layer keeps only its slot tables.

import type { MemoryHost } from './memory-host.js';
import type { Seg } from './segment.js';

export interface CorePort extends MemoryHost {
  /** A new process of the core model with an empty normal address space; its pid. */
  newProcess(parent: number, name: string): number;
  /** 'normal' for a live process with one address space [UTZERO, USTKTOP), 'other' for a live process of another kind (Zircon), undefined if none. */
  processKind(pid: number): 'normal' | 'other' | undefined;
  /** Ends process `pid` in the core (its mappings are gone afterwards); runs the exit hooks first. */
  endProcess(pid: number): void;
  /** Runs `hook(pid)` at the start of every process exit, before the core releases its memory. */
  onExit(hook: (pid: number) => void): void;
  /**
   * Maps [s.base, s.top) of `pid` onto s.shadow from offset 0 with PERM_* `rights`, as a
   * segmented (never merged) segment. Throws Plan9Error: `segments overlap` if the range is
   * taken, `virtual memory allocation failed` if the address space is full.
   */
  map(pid: number, s: Seg, rights: number): void;
  /** Every mapping of `pid`'s address space as [base, top), in address order. */
  mappings(pid: number): [number, number][];
  /** Removes the mapping [base, base+len) made by map. */
  unmap(pid: number, base: number, len: number): void;
  /** Gives the mapping at `base` the length `len` (> 0); s.shadow already has the bytes. */
  resize(pid: number, base: number, len: number): void;
  /** A load of dst.length bytes at `addr`: 0, or a negative errno (-EFAULT unmapped, -EACCES no rights). */
  load(pid: number, addr: number, dst: Uint8Array): number;
  /** A store of `src` at `addr`: 0, or a negative errno. */
  store(pid: number, addr: number, src: Uint8Array): number;
}
