// A request in flight (lib9p's Req): the tag it holds in the connection's tag table, the fid
// references it holds until it is answered, and the Tflush requests waiting for it.
// Most requests hold one fid and are never flushed: both lists are made on first use.

import type { Fid } from './fid.js';

const NONE: readonly never[] = Object.freeze([]);

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
  flushes: readonly Req[] = NONE;
  /** Fid references held until the request is answered. */
  fids: readonly Fid[] = NONE;

  constructor(readonly tag: number, readonly type: number) {}

  /** Holds `f` (already ref'd by FidTable.get) until the request is answered. */
  hold(f: Fid): Fid {
    if (this.fids === NONE) this.fids = [f];
    else (this.fids as Fid[]).push(f);
    return f;
  }

  /** Queues the Tflush `fl` to be answered after this request. */
  queueFlush(fl: Req): void {
    if (this.flushes === NONE) this.flushes = [fl];
    else (this.flushes as Req[]).push(fl);
  }

  /** Hands back the fids held (the caller lets go of them) and holds none from now on. */
  takeFids(): readonly Fid[] {
    const f = this.fids;
    this.fids = NONE;
    return f;
  }

  /** Hands back the queued Tflushes and forgets them. */
  takeFlushes(): readonly Req[] {
    const f = this.flushes;
    this.flushes = NONE;
    return f;
  }
}
