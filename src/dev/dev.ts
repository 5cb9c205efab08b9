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
  /** The device the file belongs to: every call on the chan goes to it. */
  readonly dev: Dev;
  /** The file's qid; a walk or create moves the chan and changes it. */
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
  /** The qid of each name walked, in order (fewer than asked when the walk stopped early). */
  qids: Qid[];
  /** The new channel, at the last name; only when every name was walked. */
  chan?: Chan;
}

/** A value, or a Promise of it for a call that has to wait. */
export type MaybePromise<T> = T | Promise<T>;

/** One contiguous piece of a segment's memory: `length` bytes of `buffer` from `offset`. */
export interface MemoryPiece {
  /** The shared memory. */
  buffer: SharedArrayBuffer;
  /** The piece's first byte in `buffer`. */
  offset: number;
  /** Its length in bytes. */
  length: number;
}

/** A segment's memory as a device hands it over: where it is, and the memory itself. */
export interface SegmentMemory {
  /** The segment's virtual address, where every process attaches it. */
  base: number;
  /** Its size in bytes. */
  size: number;
  /** qid.path of the segment's data file: tells a client it got the segment it opened. */
  path: bigint;
  /** [0, size) of the segment as SharedArrayBuffer pieces. */
  pieces: MemoryPiece[];
}

/**
 * A device, Plan 9's Dev: what a 9P server (NinepServer, serve) exports and a Namespace can
 * mount in-process. SegmentDev (#g), ProcDev (#p) and AnameMux implement it; devhelp's
 * functions (devWalk, devStat, devReaddir with a Gen) write most of a new one.
 *
 * Every method either succeeds or throws a Plan9Error carrying the Plan 9 string the client
 * is to see (`file does not exist`, `permission denied`, …) and changes nothing; any other
 * exception reaches the client as its message. A method may return a Promise when it has to
 * wait (a blocking read); the server then goes on serving other requests, so the methods may
 * be re-entered: a call may begin while another's Promise — on the same chan too — is pending.
 * A synchronous method is never re-entered. After `close` the chan is not used again.
 */
export interface Dev {
  /** The device letter, as in '#g'. */
  readonly dc: string;
  /** The device's name, as in Plan 9's devtab ('segment', 'proc'). */
  readonly name: string;
  /**
   * Called for a Tattach: a channel to the device's root for `user`.
   * @param spec - the attach specifier (9P's aname)
   * @param user - the user attaching; later permission checks use it
   * @returns a new channel, not open
   * @throws Plan9Error for a spec the device does not serve (`file does not exist`)
   */
  attach(spec: string, user: string): MaybePromise<Chan>;
  /**
   * Called for a Twalk: walks `names` from `c` (never modified). Plan 9's rule: an error only
   * if the first name fails; a later failure returns the qids walked so far and no chan.
   * @param c - the channel walked from, not open
   * @param names - the path elements; zero names clones `c`
   * @returns the qids walked, and the new channel when all were
   * @throws Plan9Error when the first name fails (`file does not exist`, `not a directory`, `permission denied`)
   */
  walk(c: Chan, names: readonly string[]): MaybePromise<WalkResult>;
  /**
   * Called for a Tstat (Tgetattr in 9P2000.L).
   * @param c - the channel
   * @returns the file's directory entry
   * @throws Plan9Error when the file is gone
   */
  stat(c: Chan): MaybePromise<Dir>;
  /**
   * Called for a Topen (Tlopen): opens `c`.
   * @param c - the channel, not open
   * @param omode - Plan 9 open mode (OREAD, OWRITE, ORDWR, OEXEC, with OTRUNC or ORCLOSE)
   * @returns the opened channel (usually `c`, with `open` and `mode` set)
   * @throws Plan9Error `permission denied`, `file is a directory` (a directory opened for writing), …
   */
  open(c: Chan, omode: number): MaybePromise<Chan>;
  /**
   * Called for a Tcreate (Tlcreate, Tmkdir): creates `name` in directory `c`; afterwards `c`
   * is the new file, open with `omode`.
   * @param c - the directory's channel, not open
   * @param name - the new file's name (not empty, `.` or `..`, no `/`)
   * @param omode - the open mode
   * @param perm - permission bits, with DMDIR for a directory
   * @throws Plan9Error `permission denied`, `file already exists`, …
   */
  create(c: Chan, name: string, omode: number, perm: number): MaybePromise<void>;
  /**
   * Called for a Tread of a file (not a directory): reads into `buf` at `offset`.
   * @param c - the open channel
   * @param buf - filled from its start; its length is the count asked for
   * @param offset - the file offset (below 2^53)
   * @returns the number of bytes read, 0 at the end of the file
   * @throws Plan9Error for a failed read
   */
  read(c: Chan, buf: Uint8Array, offset: number): MaybePromise<number>;
  /**
   * Optional: called for a Tread of a file to send its bytes without a copy — `count` bytes at
   * `offset` as views of the device's own memory (less at the end, [] past it). The bytes a
   * view holds are those in memory when the reply is written to the socket.
   * @param c - the open channel
   * @param offset - the file offset (below 2^53)
   * @param count - bytes asked for
   * @returns the views, or undefined when `c` is not such a file (the server then calls read);
   *   undefined must come before anything else is done: the server may ask again
   * @throws Plan9Error for a failed read
   */
  readViews?(c: Chan, offset: number, count: number): MaybePromise<Uint8Array[]> | undefined;
  /**
   * Called for a Tread of a directory at offset 0 (Treaddir at cookie 0): its entries, which
   * the server then packs into replies.
   * @param c - the open directory's channel
   * @returns the entries, in the order a directory read returns them
   * @throws Plan9Error for a failed read
   */
  readdir(c: Chan): MaybePromise<Dir[]>;
  /**
   * Called for a Twrite: writes `data` at `offset`.
   * @param c - the open channel
   * @param data - the bytes
   * @param offset - the file offset
   * @returns the count written
   * @throws Plan9Error for a refused write (a ctl file's `bad process or channel control request`, …)
   */
  write(c: Chan, data: Uint8Array, offset: number): MaybePromise<number>;
  /**
   * Called for a Tremove (Tunlinkat): removes the file of `c`. The caller closes `c`
   * afterwards whatever happens.
   * @param c - the channel
   * @throws Plan9Error `permission denied`, `directory is not empty`, …
   */
  remove(c: Chan): MaybePromise<void>;
  /**
   * Called for a Twstat (Tsetattr) with at least one field to change.
   * @param c - the channel
   * @param changes - the fields to change; absent ones stay
   * @throws Plan9Error `permission denied`, `file already exists` (a rename onto a name in use), …
   */
  wstat(c: Chan, changes: DirChanges): MaybePromise<void>;
  /**
   * Called when the last reference to `c` goes (Tclunk, Tremove, the end of a connection):
   * releases it, and runs the ORCLOSE removal when `c.rclose` is set. Never throws.
   * @param c - the channel, never used again
   */
  close(c: Chan): void;
  /**
   * Optional, offered by devices that hold shared-memory segments (#g, and a mux holding #g):
   * the memory of segment `name` in the tree attach name `spec` reaches, for `user` in this
   * process or a worker thread, who then maps it without a copy. Called by the in-process and
   * worker transports when a client segattaches.
   * @param spec - the attach name
   * @param name - the segment's name
   * @param user - the user attaching it
   * @returns its memory, or undefined when that tree has no segments to hand over
   * @throws Plan9Error with segattach's refusal (`permission denied`, `global segment not assigned a virtual address`)
   */
  segmentMemory?(spec: string, name: string, user: string): SegmentMemory | undefined;
}
