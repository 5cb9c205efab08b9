// The child processes (QEMU, servers) a run has started and not yet reaped, so that a run
// stopped by a signal leaves nothing behind on a shared machine.

import type { ChildProcess } from 'node:child_process';

const live = new Set<ChildProcess>();

/** Tracks `child` until it exits. */
export function track<T extends ChildProcess>(child: T): T {
  live.add(child);
  child.once('close', () => live.delete(child));
  return child;
}

/** SIGKILLs every tracked child that is still running. */
export function killAll(): void {
  for (const c of live) c.kill('SIGKILL');
}
