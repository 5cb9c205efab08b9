// A request in flight (lib9p's Req): the tag it holds in the connection's tag table, the fid
// references it holds until it is answered, and the Tflush requests waiting for it.

import type { Fid } from './fid.js';

/** One T-message being served. */
export class Req {
  /** Set once the reply is written, or once the request is dropped without one. */
  responded = false;
  /**
   * Set when the request was cancelled: by a Tflush while it waited on a device read, or by
   * Tversion/hang-up. A cancelled request sends nothing and changes no connection state.
   */
  cancelled = false;
  /** True while the request waits on a device read that a Tflush may cancel. */
  cancellable = false;
  /** Tflush requests for this one, answered in arrival order after it (flush(5)). */
  readonly flushes: Req[] = [];
  /** Fid references held until the request is answered. */
  readonly fids: Fid[] = [];

  constructor(readonly tag: number, readonly type: number) {}

  /** Holds `f` (already ref'd by FidTable.get) until the request is answered. */
  hold(f: Fid): Fid {
    this.fids.push(f);
    return f;
  }
}
