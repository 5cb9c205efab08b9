// What the Plan 9 layer needs from the kernel below it to give its segments memory.

import type { Shadow } from '../kernel/engine/shadow.js';

export interface MemoryHost {
  /** A new zero-filled shadow of `size` bytes (a page multiple) registered with the kernel, held once by the caller. */
  newShadow(size: number, kind: 'anon' | 'global'): Shadow;
  /** Drops the caller's hold on `shadow`; the kernel frees it when nothing else holds it. */
  releaseShadow(shadow: Shadow): void;
}
