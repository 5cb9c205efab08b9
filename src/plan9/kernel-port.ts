// The Plan 9 layer's port to the kernel below it: Plan 9 segments become segmented mappings of
// their shadows (segAlloc with a backing), and loads and stores are the kernel's memReadInto
// and memWrite. The kernel's negative errno results become the Plan 9 errors the layer throws.

import { EBUSY, ENOMEM } from '../lib9/errno.js';
import { Ebadarg, Enovmem, Esoverlap, Plan9Error } from '../lib9/errors.js';
import { PERM_RWX } from '../kernel/constants.js';
import type { Kernel } from '../kernel/kernel.js';
import type { Shadow } from '../kernel/engine/shadow.js';
import type { CorePort } from './core-port.js';
import type { Seg } from './segment.js';

/** A failed kernel call as the Plan 9 error the layer throws. */
function fail(errno: number): never {
  throw new Plan9Error(errno === -EBUSY ? Esoverlap : errno === -ENOMEM ? Enovmem : Ebadarg);
}

export class KernelPort implements CorePort {
  constructor(readonly kernel: Kernel) {}

  newProcess(parent: number, name: string): number {
    return this.kernel.spawn(parent > 0 ? { parent, name } : { name });
  }

  processKind(pid: number): 'normal' | 'other' | undefined {
    const p = this.kernel.proc(pid);
    return p === undefined ? undefined : p.kind === 'normal' ? 'normal' : 'other';
  }

  endProcess(pid: number): void {
    this.kernel.exit(pid);
  }

  onExit(hook: (pid: number) => void): void {
    this.kernel.onExit((p) => hook(p.pid));
  }

  newShadow(size: number, kind: 'anon' | 'global'): Shadow {
    return this.kernel.shadow(this.kernel.shadowCreate(size, PERM_RWX, kind))!;
  }

  releaseShadow(shadow: Shadow): void {
    this.kernel.shadowPut(shadow.id);
  }

  map(pid: number, s: Seg, rights: number): void {
    const r = this.kernel.segAlloc(pid, 0, s.base, s.size, rights, { backing: { shadow: s.shadow.id, offset: 0 }, segmented: true });
    if (r < 0) fail(r);
  }

  mappings(pid: number): [number, number][] {
    const space = this.kernel.proc(pid)?.own;
    return space === undefined ? [] : [...space.mappings].map((s) => [s.addr, s.end]);
  }

  unmap(pid: number, base: number, len: number): void {
    const r = this.kernel.segFree(pid, 0, base, len);
    if (r < 0) fail(r);
  }

  resize(pid: number, base: number, len: number): void {
    const r = this.kernel.resizeMapping(pid, base, len);
    if (r < 0) fail(r);
  }

  load(pid: number, addr: number, dst: Uint8Array): number {
    const r = this.kernel.memReadInto(pid, 0, addr, dst);
    return r < 0 ? r : 0;
  }

  store(pid: number, addr: number, src: Uint8Array): number {
    const r = this.kernel.memWrite(pid, 0, addr, src);
    return r < 0 ? r : 0;
  }
}
