// A #g segment of a mount as the client's kernel holds it (a ForeignSegment): where it is, and
// its memory through a SegmentAccess. The kernel calls zero and release synchronously (segfree,
// the last detach); the 9P work they start is handed to the attaching process's Pending, which
// its asynchronous calls wait for.

import type { ForeignSegment } from '../plan9/foreign-segment.js';
import type { SegmentAccess } from './segment-access.js';

/** Work started by synchronous calls, waited for by the next asynchronous one. */
export class Pending {
  readonly #work = new Set<Promise<unknown>>();

  add(work: Promise<unknown>): void {
    this.#work.add(work);
    const done = () => this.#work.delete(work);
    work.then(done, done);
  }

  /** Waits for all work started so far; throws the first failure. */
  async settle(): Promise<void> {
    const failures = (await Promise.allSettled([...this.#work])).filter((r) => r.status === 'rejected');
    if (failures.length > 0) throw (failures[0] as PromiseRejectedResult).reason;
  }
}

export class MountedSegment implements ForeignSegment {
  constructor(
    readonly name: string,
    readonly base: number,
    readonly size: number,
    readonly access: SegmentAccess,
    readonly pending: Pending,
  ) {}

  zero(off: number, len: number): void {
    this.pending.add(this.access.zero(off, len));
  }

  /** Clunks the data file; like clunk(5), the fid is gone whatever the answer, so failures are not reported. */
  release(): void {
    this.pending.add(this.access.release().catch(() => undefined));
  }
}
