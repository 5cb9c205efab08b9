// The device interface: Plan 9's Dev table (port/portdat.h) in TypeScript. The kernel, the
// #g device and the 9P export all speak it; the generic walking, stat and directory-reading
// helpers every device reuses live in devhelp.ts (Plan 9's dev.c).
//
import type { Dir, DirChanges, Qid } from '../lib9/dir.js';

// Contract for every method: it throws Plan9Error (src/lib9/errors.ts) carrying the exact
// Plan 9 string on failure and changes nothing then. A method may return a Promise when it has
// to wait (a blocking read); the #g device never does, and callers await only when given one.

/** A channel: one reference to one file of one device, as Plan 9's Chan. */
export interface Chan {
  readonly dev: Dev;
  qid: Qid;
  /** The user on whose behalf the channel was attached; permission checks use it. */
  user: string;
  /** True once open or create succeeded. */
  open: boolean;
  /** Open mode after openmode(): OREAD, OWRITE, ORDWR (OEXEC becomes OREAD). */
  mode: number;
  /** Remove the file when the channel is closed (ORCLOSE that the device accepted). */
  rclose: boolean;
  /** Device-private state (devsegment keeps its Globalseg reference here). */
  aux: unknown;
}

/** Result of a walk: the qids of the names walked, in order. `chan` is set only when every name was walked. */
export interface WalkResult {
  qids: Qid[];
  chan?: Chan;
}

type MaybePromise<T> = T | Promise<T>;

/** One contiguous piece of a segment's memory: `length` bytes of `buffer` from `offset`. */
export interface MemoryPiece {
  buffer: SharedArrayBuffer;
  offset: number;
  length: number;
}

/** A segment's memory as a device hands it over: where it is, and the memory itself. */
export interface SegmentMemory {
  base: number;
  size: number;
  /** qid.path of the segment's data file: tells a client it got the segment it opened. */
  path: bigint;
  /** [0, size) of the segment as SharedArrayBuffer pieces. */
  pieces: MemoryPiece[];
}

export interface Dev {
  /** The device letter, as in '#g'. */
  readonly dc: string;
  readonly name: string;
  /** A channel to the device's root for `user`; `spec` is the attach specifier. */
  attach(spec: string, user: string): MaybePromise<Chan>;
  /**
   * Walks `names` from `c` (never modified). Plan 9's rule: an error only if the first name
   * fails; a later failure returns the qids walked so far and no chan. Zero names clones `c`.
   */
  walk(c: Chan, names: readonly string[]): MaybePromise<WalkResult>;
  stat(c: Chan): MaybePromise<Dir>;
  /** Opens `c` with Plan 9 open mode `omode`; returns the opened channel (usually `c`). */
  open(c: Chan, omode: number): MaybePromise<Chan>;
  /** Creates `name` in directory `c` with `perm`; afterwards `c` is the new file, open with `omode`. */
  create(c: Chan, name: string, omode: number, perm: number): MaybePromise<void>;
  /** Reads into `buf` at `offset`; returns the number of bytes read (0 at the end). Not for directories. */
  read(c: Chan, buf: Uint8Array, offset: number): MaybePromise<number>;
  /**
   * Optional: `count` bytes at `offset` as views of the device's own memory, no copy (the
   * total may be less at the end, [] past it). The bytes a view holds are those in memory
   * when it is sent. Undefined when `c` is not such a file: the caller then uses read.
   */
  readViews?(c: Chan, offset: number, count: number): MaybePromise<Uint8Array[]> | undefined;
  /** The entries of directory `c`, in the order a directory read returns them. */
  readdir(c: Chan): MaybePromise<Dir[]>;
  /** Writes `data` at `offset`; returns the count written. */
  write(c: Chan, data: Uint8Array, offset: number): MaybePromise<number>;
  /** Removes the file of `c`. The caller closes `c` afterwards whatever happens. */
  remove(c: Chan): MaybePromise<void>;
  wstat(c: Chan, changes: DirChanges): MaybePromise<void>;
  /** Releases `c`; never throws. Runs the ORCLOSE removal when `c.rclose` is set. */
  close(c: Chan): void;
  /**
   * Optional, offered by devices that hold shared-memory segments (#g, and a mux holding #g):
   * the memory of segment `name` in the tree attach name `spec` reaches, for `user` in this
   * process or a worker thread, who then maps it without a copy. Undefined when that tree
   * has no segments to hand over. Throws Plan9Error with segattach's refusal.
   */
  segmentMemory?(spec: string, name: string, user: string): SegmentMemory | undefined;
}
