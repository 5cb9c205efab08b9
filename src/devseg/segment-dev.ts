// The #g device (9front port/devsegment.c): named global shared-memory segments as a tree of
// directories, each with a ctl file that gives the segment its address and a data file that
// reads and writes its memory. The table lives in the kernel (segattach finds segments by
// name there); this file is only the device's face of it.
// Invariant: an open ctl/data chan holds one Globalseg reference in c.aux, released by close.

import type { Chan, Dev, SegmentMemory, WalkResult } from '../dev/dev.js';
import type { Dir, DirChanges } from '../lib9/dir.js';
import { devAttach, devReaddir, devStat, devWalk, readstr, type Gen } from '../dev/devhelp.js';
import { devPermCheck, openmode } from '../lib9/perm.js';
import {
  Ebadarg, Ebadchar, Ebadfd, Eexist, Eisdir, Enegoff, Enotalloc, Enotdir, Eperm, Ephyscollide, Etoolong, error,
} from '../lib9/errors.js';
import type { Kernel } from '../kernel/kernel.js';
import type { Globalseg } from '../plan9/global-segments.js';
import { plan9For } from '../plan9/plan9-for.js';
import type { SegmentStore } from '../plan9/segments.js';
import { isPhysClass } from '../plan9/phys-classes.js';
import { DMDIR, ORCLOSE, OREAD, QTDIR } from '../lib9/modes.js';
import { ctltext, ctlwrite } from './ctl.js';
import { getgseg, segfile, segmentgen } from './gen.js';
import { segmentMemory } from './segment-memory.js';
import { alignedSource } from './aligned-source.js';
import { Qctl, Qdata, Qsegdir, Qtopdir, qpath, qtype } from './qid.js';

/** The kernel whose Plan 9 layer's global segment table the device shows. */
export type SegmentKernel = Kernel;

/** Names must be shorter than 9front's genbuf. */
const NAMEMAX = 128;

/**
 * Plan 9's `#g` segment device. Construct it with the kernel whose global segment table it
 * shows and the name of the host owner, eve (who may make `fixed` and `sticky` segments and
 * who gets the group permission bits). A kernel has one eve: the constructor makes it the
 * kernel's too, so that segattach's permission check on #g segments agrees with the files'.
 * Every method throws Plan9Error with 9front's string.
 *
 * Over 9P: `mkdir NAME` makes a segment (owner: the caller, perm 0660); writing
 * `va 0xADDR 0xLEN` to NAME/ctl gives it its address and length (once); NAME/data reads and
 * writes its bytes; removing NAME takes it out of the table. segattach(0, NAME, 0, 0) in any
 * process of the kernel (or a client's SegmentProcess) maps it at that address.
 */
export class SegmentDev implements Dev {
  /** Always 'g'. */
  readonly dc = 'g';
  /** Always 'segment'. */
  readonly name = 'segment';
  readonly #store: SegmentStore;
  readonly #gen: Gen;

  /**
   * @param kernel - the kernel whose global segment table the device shows
   * @param eve - the host owner (the group of every file, the only user who may make fixed or sticky segments); becomes the kernel's too
   */
  constructor(kernel: SegmentKernel, readonly eve: string) {
    this.#store = plan9For(kernel, eve).segments;
    const globals = this.#store.globals;
    this.#gen = (c, name, i) => segmentgen(globals, eve, c, i, name);
  }

  /** The segment store the device lists and allocates from (for inspection and tests). @internal */
  get segmentStore(): SegmentStore {
    return this.#store;
  }

  /**
   * A segment's memory for a client in this process or a worker (zero-copy).
   * @param _spec - any of #g's attach names
   * @param name - the segment
   * @param user - the user attaching it (needs rw permission)
   * @returns its address, size, data file's qid.path and SharedArrayBuffer pieces
   * @throws Plan9Error `file does not exist` ('ENOENT'), `permission denied` ('EACCES'),
   *   `global segment not assigned a virtual address` ('ENXIO')
   */
  segmentMemory(_spec: string, name: string, user: string): SegmentMemory {
    return segmentMemory(this.#store.globals, this.eve, name, user);
  }

  /**
   * A channel to #g's root.
   * @param _spec - the attach name (any)
   * @param user - the attach user: owns the segments it makes
   * @returns the root channel
   */
  attach(_spec: string, user: string): Chan {
    return devAttach(this, user);
  }

  walk(c: Chan, names: readonly string[]): WalkResult {
    return devWalk(c, names, this.#gen);
  }

  /**
   * A file's own entry (built alone); a directory gets dev.c's fallback entry, as devstat gives it.
   * @param c - the channel
   * @returns its entry
   * @throws Plan9Error `global segment disappeared` for a segment removed since the walk
   */
  stat(c: Chan): Dir {
    const type = qtype(c.qid.path);
    const globals = this.#store.globals;
    if (type === Qctl || type === Qdata) {
      const d = segfile(globals, this.eve, c, type - Qctl);
      if (typeof d !== 'string') return d;
    }
    // neither directory is listed among its own children: devstat's fallback, without the listing
    const elem = type === Qtopdir ? '#g' : getgseg(globals, c).name;
    return devStat(c, noEntries, elem, this.eve);
  }

  readdir(c: Chan): Dir[] {
    if ((c.qid.type & QTDIR) === 0) error(Enotdir);
    return devReaddir(c, this.#gen);
  }

  /**
   * Directories open only with OREAD (a segment dir also with ORCLOSE, which removes the
   * segment at close); ctl and data need the permission check against the one owner and
   * perm, and data needs the segment to have its address.
   * @param c - the channel
   * @param omode - the open mode
   * @returns `c`, open
   * @throws Plan9Error `permission denied` ('EACCES'), `file is a directory` ('EISDIR'),
   *   `segment not yet allocated` ('ENODATA': data before a va was written)
   */
  open(c: Chan, omode: number): Chan {
    const type = qtype(c.qid.path);
    if (type === Qtopdir || type === Qsegdir) {
      // 9front strips ORCLOSE from a segment dir's mode; the kernel still removes it at close
      const rest = type === Qsegdir ? omode & ~ORCLOSE : omode;
      if (rest !== 0) error(Eisdir);
      c.rclose = rest !== omode;
      c.mode = OREAD;
      c.open = true;
      return c;
    }
    const mode = openmode(omode);
    const g = getgseg(this.#store.globals, c);
    devPermCheck(c.user, this.eve, g.uid, g.perm, omode);
    if (type === Qdata && g.s === null) error(Enotalloc);
    c.aux = this.#store.globals.get(g);
    c.mode = mode;
    c.rclose = false;
    c.open = true;
    return c;
  }

  /**
   * mkdir in #g: checks in 9front's order (parent is #g, name length, physical class name,
   * DMDIR, then the table's duplicate and full checks). The perm is always 0660 and the
   * owner is the caller; the chan becomes the new segment dir, open.
   * @param c - #g's root
   * @param name - the segment's name
   * @param omode - the open mode
   * @param perm - must have DMDIR
   * @throws Plan9Error `permission denied` ('EACCES'), `name too long` ('ENAMETOOLONG'),
   *   `name collision with physical segment` ('EEXIST'), `file already exists` ('EEXIST'),
   *   `too many global segments` ('ENOSPC')
   */
  create(c: Chan, name: string, omode: number, perm: number): void {
    const mode = openmode(omode);
    if (qtype(c.qid.path) !== Qtopdir) error(Eperm);
    if (Buffer.byteLength(name) >= NAMEMAX) error(Etoolong);
    if (isPhysClass(name)) error(Ephyscollide);
    if ((perm & DMDIR) === 0) error(Ebadarg);
    checkName(name);
    const g = this.#store.globals.create(name, c.user, 0o660);
    c.qid = { type: QTDIR, vers: 0, path: qpath(g.slot, g.gen, Qsegdir) };
    c.mode = mode;
    c.rclose = (omode & ORCLOSE) !== 0;
    c.open = true;
  }

  /**
   * ctl: the `va` line from `offset`; data: the segment's bytes, truncated at its end.
   * @param c - the open channel
   * @param buf - filled from its start
   * @param offset - the file offset
   * @returns the count read, 0 at the end
   * @throws Plan9Error `negative i/o offset` ('EINVAL')
   */
  read(c: Chan, buf: Uint8Array, offset: number): number {
    const g = this.#opened(c);
    if (offset < 0) error(Enegoff);
    if (qtype(c.qid.path) === Qctl) return readstr(offset, buf, ctltext(g));
    const s = g.s!;
    if (offset >= s.size) return 0;
    const n = Math.min(buf.length, s.size - offset);
    this.#segio(g);
    s.shadow.read(offset, n === buf.length ? buf : buf.subarray(0, n));
    return n;
  }

  /**
   * data: the segment's bytes from `offset` as views of its memory (no copy); ctl: undefined, use read.
   * @param c - an open channel
   * @param offset - the file offset
   * @param count - bytes asked for
   * @returns the views (fewer bytes at the end, none past it), or undefined for ctl
   */
  readViews(c: Chan, offset: number, count: number): Uint8Array[] | undefined {
    const g = this.#opened(c);
    if (offset < 0) error(Enegoff);
    if (qtype(c.qid.path) === Qctl) return undefined;
    const s = g.s!;
    if (offset >= s.size) return [];
    this.#segio(g);
    return s.shadow.views(offset, Math.min(count, s.size - offset));
  }

  /**
   * ctl: a control message, whose whole count is returned. data: the bytes at `offset`;
   * a write at or past the end, or one that would cross it, fails whole with
   * `bad arg in system call` (writes never extend the segment).
   * @param c - the open channel
   * @param data - for ctl: `va 0xADDR 0xLEN` (once); for data: the bytes
   * @param offset - the file offset (data only)
   * @returns the count written
   * @throws Plan9Error `bad arg in system call` ('EINVAL'), `already has a virtual address`
   *   ('EBUSY'), `virtual memory allocation failed` ('ENOMEM'), `bad process or channel
   *   control request` ('EINVAL': an unknown ctl message)
   */
  write(c: Chan, data: Uint8Array, offset: number): number {
    const g = this.#opened(c);
    if (offset < 0) error(Enegoff);
    if (qtype(c.qid.path) === Qctl) {
      ctlwrite(this.#store, g, data, c.user, this.eve);
      return data.length;
    }
    const s = g.s!;
    if (offset >= s.size || data.length > s.size - offset) error(Ebadarg);
    this.#segio(g);
    s.shadow.write(offset, alignedSource(data, offset));
    return data.length;
  }

  /**
   * Only a segment dir can be removed, and by anyone: it leaves the table at once (processes
   * that attached it keep their mapping).
   * @param c - the channel
   * @throws Plan9Error `permission denied` ('EACCES') for any other file
   */
  remove(c: Chan): void {
    if (qtype(c.qid.path) !== Qsegdir) error(Eperm);
    this.#removeSegdir(c);
  }

  /**
   * ctl/data only, by the owner or eve: a uid changes the owner, a mode the one perm of
   * both files. name, gid, length and times are accepted and ignored, as 9front does (so a
   * truncate-to-0 of ctl succeeds).
   * @param c - the channel
   * @param changes - the fields to change
   * @throws Plan9Error `permission denied` ('EACCES')
   */
  wstat(c: Chan, changes: DirChanges): void {
    if ((c.qid.type & QTDIR) !== 0) error(Eperm);
    const g = getgseg(this.#store.globals, c);
    if (g.uid !== c.user && c.user !== this.eve) error(Eperm);
    if (changes.uid !== undefined && changes.uid !== '') g.uid = changes.uid;
    if (changes.mode !== undefined) g.perm = changes.mode & 0o777;
  }

  close(c: Chan): void {
    if (!c.open) return;
    c.open = false;
    const type = qtype(c.qid.path);
    if (type === Qsegdir) {
      if (c.rclose) this.#removeSegdir(c);
    } else if (type === Qctl || type === Qdata) {
      this.#store.globals.put(c.aux as Globalseg);
      c.aux = undefined;
    }
  }

  #opened(c: Chan): Globalseg {
    const type = qtype(c.qid.path);
    if (type === Qtopdir || type === Qsegdir) error(Eisdir);
    if (!c.open || c.aux === undefined) error(Ebadfd);
    return c.aux as Globalseg;
  }

  /** 9front's segio kproc: started by the first data transfer, it holds the segment until the Globalseg goes. */
  #segio(g: Globalseg): void {
    if (g.kproc || g.s === null) return;
    g.kproc = true;
    this.#store.incref(g.s);
  }

  #removeSegdir(c: Chan): void {
    const globals = this.#store.globals;
    let g: Globalseg;
    try {
      g = getgseg(globals, c);
    } catch {
      return; // segmentremove of an empty slot does nothing
    }
    globals.remove(g);
  }
}

/** A gen with no entries: devStat then gives a directory its generic entry. */
const noEntries: Gen = () => 'end';

/** Names a directory entry cannot have: empty, `.`, `..`, or with `/`, NUL or other control bytes. */
function checkName(name: string): void {
  if (name === '' || name === '.' || name === '..') error(Eexist);
  if (/[\x00-\x1f\x7f/]/.test(name)) error(Ebadchar);
}
