// Change notification for the web view, in one place: every call of a device that can change
// what the view shows (open — #p's clone makes a process —, create, write, remove, wstat and
// close — ORCLOSE, the last channel of a removed #g segment —) calls `changed` once it has
// run. Reads, walks and stats do not. The devices' own instances get the wrappers, so calls
// that reach a device through a Chan's `dev` (close) are seen as well. `changed` must be
// cheap: the live view only marks itself dirty there (live.ts).

import type { Dev } from '../dev/dev.js';

const MUTATING = ['open', 'create', 'write', 'remove', 'wstat', 'close'] as const;

/** Makes each of `devices` call `changed` after every mutating call, whether it failed or not. */
export function watchDevices(devices: readonly Dev[], changed: () => void): void {
  for (const dev of devices) {
    for (const m of MUTATING) {
      const call = (dev[m] as (...a: unknown[]) => unknown).bind(dev);
      Object.defineProperty(dev, m, {
        configurable: true,
        writable: true,
        value: (...args: unknown[]): unknown => {
          let r: unknown;
          try {
            r = call(...args);
          } finally {
            changed();
          }
          if (r instanceof Promise) r.then(changed, changed);
          return r;
        },
      });
    }
  }
}
