// Fids and the per-connection fid table (lib9p's fid.c). A Fid owns one Chan of the exported
// device. References: the table holds one, every in-flight request that uses the fid holds
// one; the Chan is closed (Dev.close, which runs ORCLOSE removal) when the last goes. So a
// Tclunk that arrives while a Tread on the same fid still waits on the device takes the fid
// out of the table at once, and the Chan closes when the read finishes.

import type { Chan } from '../../dev/dev.js';
import type { Dir, Qid } from '../../lib9/dir.js';
import { QTDIR } from '../../lib9/modes.js';
import { Edupfid, Etoomanyfids, Eunknownfid, error } from '../../lib9/errors.js';

/** Fids one connection may hold at once (Linux keeps a few per open file and dentry). */
export const MAX_FIDS = 1 << 16;

/** One fid of one connection. */
export class Fid {
  ref = 1;
  /** Plan 9 open mode & 3 (OREAD, OWRITE, ORDWR, OEXEC) once opened; -1 before. */
  omode = -1;
  /** True while a Topen/Tcreate/Tlopen/Tlcreate on this fid waits on the device. */
  opening = false;
  /** 9P2000 directory reads: the offset the next read must start at, and entries consumed. */
  dirOffset = 0n;
  dirIndex = 0;
  /** The directory's entries as read at offset 0 (9P2000 directory reads). */
  dirEntries: Dir[] | undefined;
  /** The directory's entries with `.` and `..`, as read at cookie 0 (9P2000.L Treaddir). */
  dirL: { qid: Qid; name: string }[] | undefined;

  constructor(readonly fid: number, public chan: Chan, readonly user: string) {}

  get isOpen(): boolean {
    return this.omode !== -1;
  }

  get isDir(): boolean {
    return (this.chan.qid.type & QTDIR) !== 0;
  }
}

/** The fids of one connection: O(1) by number. */
export class FidTable {
  readonly #fids = new Map<number, Fid>();

  get size(): number {
    return this.#fids.size;
  }

  has(fid: number): boolean {
    return this.#fids.has(fid);
  }

  /**
   * Adds a new fid for `chan`; the table holds its one reference. Throws if `fid` is in use,
   * or when the connection already holds MAX_FIDS (a client must not exhaust the server).
   */
  add(fid: number, chan: Chan, user: string): Fid {
    if (this.#fids.has(fid)) error(Edupfid);
    if (this.#fids.size >= MAX_FIDS) error(Etoomanyfids);
    const f = new Fid(fid, chan, user);
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

  /** Takes `fid` out of the table and hands the table's reference to the caller (who puts it). */
  remove(fid: number): Fid {
    const f = this.#fids.get(fid);
    if (f === undefined) error(Eunknownfid);
    this.#fids.delete(fid);
    return f;
  }

  /** Takes every fid out of the table (Tversion, hang-up) and puts the table's references. */
  clear(): void {
    const all = [...this.#fids.values()];
    this.#fids.clear();
    for (const f of all) putFid(f);
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
