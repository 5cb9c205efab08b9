// The one Plan 9 layer of a kernel: the #g device, the #p device and the client library all
// reach the same Plan 9 processes and global segment table through it.

import type { Kernel } from '../kernel/kernel.js';
import { Plan9 } from './plan9.js';

const layers = new WeakMap<Kernel, Plan9>();

/**
 * The Plan 9 layer of `kernel`, made on first use. `eve`, when given, names the host owner
 * from now on: the group of every #g file and the only user who may make fixed or sticky
 * segments (the #g device passes its own, so that segattach's permission check agrees with
 * the files').
 * @param kernel - the kernel
 * @param eve - the host owner from now on (default: as before; 'eve' at first)
 * @returns the kernel's one Plan 9 layer
 */
export function plan9For(kernel: Kernel, eve?: string): Plan9 {
  let p = layers.get(kernel);
  if (p === undefined) layers.set(kernel, (p = new Plan9(kernel)));
  if (eve !== undefined) p.eve = eve;
  return p;
}
