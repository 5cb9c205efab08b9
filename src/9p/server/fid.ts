// Fids and the per-connection fid table (lib9p's fid.c). A Fid owns one Chan of the exported
// device. References: the table holds one, every in-flight request that uses the fid holds
// one; the Chan is closed (Dev.close, which runs ORCLOSE removal) when the last goes. So a
// Tclunk that arrives while a Tread on the same fid still waits on the device takes the fid
// out of the table at once, and the Chan closes when the read finishes.
// Memory: a connection may hold up to its cap of fids, so a Fid keeps five fields and puts
// the directory-read state in one object made only for a directory that is read.
// Authentication fids (Tauth) share the numbering but hold no Chan: they live in their own map.

import type { Chan } from '../../dev/dev.js';
import type { Dir, Qid } from '../../lib9/dir.js';
import { QTDIR } from '../../lib9/modes.js';
import { Edupfid, Etoomanyfids, Eunknownfid, error } from '../../lib9/errors.js';
import type { AuthFile } from './auth-file.js';

/** Fids one connection may hold at once unless configured (Linux keeps one per cached dentry and open file). */
export const MAX_FIDS = 1 << 14;

/** Where a directory read stands (9P2000 reads and 9P2000.L Treaddir). */
interface DirState {
  /** 9P2000: the offset the next read must start at, and entries consumed. */
  offset: bigint;
  index: number;
  /** The directory's entries as read at offset 0 (9P2000 directory reads). */
  entries: Dir[] | undefined;
  /** The directory's entries with `.` and `..`, as read at cookie 0 (9P2000.L Treaddir). */
  entriesL: { qid: Qid; name: string }[] | undefined;
}

/** omode while a Topen/Tcreate/Tlopen/Tlcreate waits on the device (and before any open). */
const OPENING = -2;
const CLOSED = -1;

/** One fid of one connection. */
export class Fid {
  ref = 1;
  /** Plan 9 open mode & 3 once opened; CLOSED before; OPENING while an open waits. */
  #mode = CLOSED;
  #dir: DirState | undefined = undefined;

  constructor(public chan: Chan, readonly user: string) {}

  /** Plan 9 open mode & 3 (OREAD, OWRITE, ORDWR, OEXEC) once opened; -1 before. */
  get omode(): number {
    return this.#mode === OPENING ? CLOSED : this.#mode;
  }

  set omode(m: number) {
    this.#mode = m;
  }

  /** True while a Topen/Tcreate/Tlopen/Tlcreate on this fid waits on the device. */
  get opening(): boolean {
    return this.#mode === OPENING;
  }

  set opening(on: boolean) {
    if (on) this.#mode = OPENING;
    else if (this.#mode === OPENING) this.#mode = CLOSED;
  }

  get isOpen(): boolean {
    return this.#mode >= 0;
  }

  get isDir(): boolean {
    return (this.chan.qid.type & QTDIR) !== 0;
  }

  get dirOffset(): bigint {
    return this.#dir?.offset ?? 0n;
  }

  set dirOffset(o: bigint) {
    if (this.#dir !== undefined || o !== 0n) this.#dirState().offset = o;
  }

  get dirIndex(): number {
    return this.#dir?.index ?? 0;
  }

  set dirIndex(i: number) {
    if (this.#dir !== undefined || i !== 0) this.#dirState().index = i;
  }

  get dirEntries(): Dir[] | undefined {
    return this.#dir?.entries;
  }

  set dirEntries(e: Dir[] | undefined) {
    if (this.#dir !== undefined || e !== undefined) this.#dirState().entries = e;
  }

  get dirL(): { qid: Qid; name: string }[] | undefined {
    return this.#dir?.entriesL;
  }

  set dirL(e: { qid: Qid; name: string }[] | undefined) {
    if (this.#dir !== undefined || e !== undefined) this.#dirState().entriesL = e;
  }

  #dirState(): DirState {
    this.#dir ??= { offset: 0n, index: 0, entries: undefined, entriesL: undefined };
    return this.#dir;
  }
}

/** The fids of one connection: O(1) by number. */
export class FidTable {
  readonly #fids = new Map<number, Fid>();
  readonly #auth = new Map<number, AuthFile>();

  /** `max`: fids this connection may hold at once, authentication fids included. */
  constructor(readonly max: number = MAX_FIDS) {}

  get size(): number {
    return this.#fids.size + this.#auth.size;
  }

  has(fid: number): boolean {
    return this.#fids.has(fid) || (this.#auth.size !== 0 && this.#auth.has(fid));
  }

  /**
   * Adds a new fid for `chan`; the table holds its one reference. Throws if `fid` is in use,
   * or when the connection already holds its cap (a client must not exhaust the server).
   */
  add(fid: number, chan: Chan, user: string): Fid {
    this.#reserve(fid);
    const f = new Fid(chan, user);
    this.#fids.set(fid, f);
    return f;
  }

  /** Returns with the fid ref'd; the caller must put it. Throws for an unknown fid. */
  get(fid: number): Fid {
    const f = this.#fids.get(fid);
    if (f === undefined) error(Eunknownfid);
    f.ref++;
    return f;
  }

  /** The fid numbered `fid`, not ref'd (for a request answered before anything else runs), or undefined. */
  peek(fid: number): Fid | undefined {
    return this.#fids.get(fid);
  }

  /** Takes `fid` out of the table and hands the table's reference to the caller (who puts it). */
  remove(fid: number): Fid {
    const f = this.#fids.get(fid);
    if (f === undefined) error(Eunknownfid);
    this.#fids.delete(fid);
    return f;
  }

  /** Adds authentication fid `fid` (Tauth), under the same rules as add. */
  addAuth(fid: number, a: AuthFile): void {
    this.#reserve(fid);
    this.#auth.set(fid, a);
  }

  /** The authentication fid `fid`, or undefined when `fid` is not one. */
  auth(fid: number): AuthFile | undefined {
    return this.#auth.size === 0 ? undefined : this.#auth.get(fid);
  }

  /** True while any authentication fid exists (requests then check their fids against them). */
  get hasAuth(): boolean {
    return this.#auth.size !== 0;
  }

  /** Forgets authentication fid `fid` (Tclunk, Tremove). */
  removeAuth(fid: number): void {
    this.#auth.delete(fid);
  }

  /** Takes every fid out of the table (Tversion, hang-up) and puts the table's references. */
  clear(): void {
    const all = [...this.#fids.values()];
    this.#fids.clear();
    this.#auth.clear();
    for (const f of all) putFid(f);
  }

  #reserve(fid: number): void {
    if (this.has(fid)) error(Edupfid);
    if (this.size >= this.max) error(Etoomanyfids);
  }
}

/** Drops one reference; the last one closes the Chan. */
export function putFid(f: Fid): void {
  if (--f.ref > 0) return;
  closeChan(f.chan);
}

/** Dev.close never throws by contract; a device that breaks it must not take the server down. */
export function closeChan(c: Chan): void {
  try {
    c.dev.close(c);
  } catch (e) {
    process.emitWarning(`segfs: ${c.dev.name} close threw: ${e instanceof Error ? e.message : String(e)}`);
  }
}
