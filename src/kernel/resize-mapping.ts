// For the Plan 9 layer: Plan 9's segbrk on a shared or #g segment changes the one segment
// every holder sees, so each holder's mapping of it is set to the new length, whatever holds
// the shadow (the shadow already has the bytes).

import { EBUSY, EFAULT, EINVAL, ESRCH } from '../lib9/errno.js';
import { isAligned } from './args.js';
import type { AddressSpace } from './engine/address-space.js';
import type { Mapping } from './engine/mapping.js';
import { mergeAll } from './engine/merge.js';
import type { KernelState, Ret } from './kernel-state.js';
import type { Pid } from './proc.js';

/**
 * Sets the length of the mapping of `pid` that starts at `base` to `len`. Returns 0, -ESRCH,
 * -EFAULT (no mapping starts at base), -EINVAL (len not a positive page multiple, beyond the
 * shadow or the region) or -EBUSY (the next mapping is in the way).
 */
export function resizeMapping(k: KernelState, pid: Pid, base: number, len: number): Ret<0> {
  const p = k.table.get(pid);
  if (p === undefined) return -ESRCH;
  if (!isAligned(base) || !isAligned(len) || len === 0) return -EINVAL;
  let found: [AddressSpace, Mapping] | undefined;
  for (const space of p.spaces()) {
    const m = space.find(base);
    if (m !== undefined && m.addr === base) found = [space, m];
  }
  if (found === undefined) return -EFAULT;
  const [space, m] = found;
  if (m.offset + len > m.shadow.size || base + len > space.top) return -EINVAL;
  const next = space.mappings.after(base);
  if (next !== undefined && next.addr < base + len) return -EBUSY;
  return k.run(() => {
    const changed = m.derive({ len });
    k.memory.replace(space, [m], [changed]);
    mergeAll(k.memory, space, [changed]);
    return 0;
  });
}
