// The Plan 9 layer above a kernel: Plan 9 processes (seg[NSEG] slot tables over the kernel's
// address spaces), the segattach family with 9front's checks in 9front's order (port/
// sysproc.c, port/segment.c), fork/rfork, exec, exit, loads and stores that fault with Plan 9
// notes, and /proc/N/segment. Every method either succeeds or throws a Plan9Error having
// changed nothing. Invariant: a process's kernel mappings are exactly its non-empty slots,
// each at [base, top) on the slot segment's shadow; a segment's ref counts its holders.

import { Ebadarg, Einuse, Enova, Enovmem, Eprocdied, Esoverlap, Plan9Error, error } from '../lib9/errors.js';
import { validname } from '../lib9/validname.js';
import { PERM_R, PERM_W, PERM_X } from '../kernel/constants.js';
import { SEGMAXSIZE, USTKTOP } from '../lib9/mem.js';
import { devPermCheck } from '../lib9/perm.js';
import { ORDWR } from '../lib9/modes.js';
import {
  BSEG, DSEG, ESEG, NSEG, RFMEM, SG_BSS, SG_CACHED, SG_CEXEC, SG_DATA, SG_DEVICE, SG_FIXED,
  SG_PHYSICAL, SG_RONLY, SG_SHARED, SG_STACK, SG_STICKY, SG_TEXT, SG_TYPE, SSEG, TSEG,
} from './constants.js';
import { accessWalk, type SegmentSpan } from './access-walk.js';
import type { Kernel } from '../kernel/kernel.js';
import type { CorePort } from './core-port.js';
import type { ForeignSegment, GlobalSegattach } from './foreign-segment.js';
import type { Globalseg } from './global-segments.js';
import { imageLayout, type ImageSpec } from './image.js';
import { KernelPort } from './kernel-port.js';
import { findphysseg } from './phys-classes.js';
import { procSegmentText } from './proc-segment.js';
import { Proc9 } from './proc9.js';
import type { Seg } from './segment.js';
import { SegmentStore } from './segments.js';
import { PGMASK, U64, pground, u64, type Uarg } from '../lib9/uarg.js';

const TOP = BigInt(USTKTOP);

export type { Uarg } from '../lib9/uarg.js';

/** The PERM_* rights a process has on the memory of `s`. */
function rightsOf(s: Seg): number {
  return PERM_R | (s.type & SG_RONLY ? 0 : PERM_W) | (s.kind === SG_TEXT ? PERM_X : 0);
}

/** Options of Plan9.spawn. */
export interface Plan9SpawnOptions {
  /** The user the process runs as (default: eve). */
  user?: string;
  /** The parent pid in the core (default 0: none). */
  parent?: number;
  /** The program: its name and text, data and bss sizes. */
  image?: ImageSpec;
}

/**
 * The Plan 9 layer of a kernel (plan9For): its Plan 9 processes and global segment table. The
 * methods take the pid first and throw Plan9Error; Plan9Process is the same calls on one process.
 */
export class Plan9 {
  /** @internal */
  readonly segments: SegmentStore;
  /** The host owner: the group of every #g file and the only user who may make fixed or sticky segments. */
  eve = 'eve';
  readonly #procs = new Map<number, Proc9>();
  /** Text segments by program name, each held once by the cache (9front's image cache). */
  readonly #texts = new Map<string, Seg>();
  /** 9front's _globalsegattach: asked first by segattach for #g segments of another table (a mount's). @internal */
  globalSegattach: GlobalSegattach | undefined = undefined;

  /** What the layer uses of the kernel below it. @internal */
  readonly core: CorePort;

  /** The Plan 9 layer on `kernel`; plan9For(kernel) keeps one per kernel. */
  constructor(kernel: Kernel) {
    const core = (this.core = new KernelPort(kernel));
    this.segments = new SegmentStore(core);
    core.onExit((pid) => {
      const p = this.#procs.get(pid);
      if (p === undefined) return;
      this.#procs.delete(pid);
      for (const s of p.seg) if (s !== undefined) this.segments.putseg(s);
      p.seg.fill(undefined);
    });
  }

  /** A new Plan 9 process with stack, text, data and bss in their slots; its pid. @param o - user, parent, image @returns the pid */
  spawn(o: Plan9SpawnOptions = {}): number {
    const pid = this.core.newProcess(o.parent ?? 0, o.image?.name ?? imageLayout().name);
    const p = new Proc9(pid, o.user ?? this.eve, '');
    this.#procs.set(pid, p);
    try {
      this.#load(p, o.image);
    } catch (e) {
      this.core.endProcess(pid);
      throw e;
    }
    return pid;
  }

  /** Whether `pid` is a live Plan 9 process (spawned as one, or a core process a Plan 9 call has adopted). @param pid - the process @returns true for a live one */
  has(pid: number): boolean {
    return this.#procs.has(pid);
  }

  /**
   * The Plan 9 state of `pid`. A normal process of the kernel made by spawn() becomes a Plan 9
   * process on first use with every slot empty and eve as its user: it has no stack, so
   * segattach with va 0 is `bad arg in system call`; exec gives it an image. Its kernel
   * mappings made outside Plan 9 are not slots (they still count for overlap). No such
   * process: `process exited`; a Zircon prototype or member: `bad arg in system call`. @internal
   */
  proc(pid: number): Proc9 {
    let p = this.#procs.get(pid);
    if (p === undefined) {
      const kind = this.core.processKind(pid);
      if (kind === undefined) error(Eprocdied);
      if (kind !== 'normal') error(Ebadarg);
      p = new Proc9(pid, this.eve, '');
      this.#procs.set(pid, p);
    }
    return p;
  }

  /** Plan 9 processes in pid order. @internal */
  procs(): Proc9[] {
    return [...this.#procs.values()].sort((a, b) => a.pid - b.pid);
  }

  /** Text segments the image cache holds. @internal */
  cachedTexts(): Seg[] {
    return [...this.#texts.values()];
  }

  /**
   * segattach(attr, name, va, len), 9front's steps in order: the name check; va >= USTKTOP;
   * a free slot (only the slots after ESEG: never the stack, text, data or bss slot, even in a
   * process that has none of those); a #g segment by that name (rw permission, allocated, no
   * overlap; attr, va and len ignored); else a physical class: round, place downwards from the
   * stack if va is 0 (no stack: `bad arg in system call`), range, overlap, known class, size.
   * Returns the address. @param pid - the process @param attr - SG_RONLY, SG_CEXEC @param name - class or #g segment @param va - address or 0 @param len - bytes @returns the address @throws Plan9Error as Plan9Process.segattach
   */
  segattach(pid: number, attr: number, name: string, va: Uarg, len: Uarg): number {
    const p = this.proc(pid);
    name = validname(name);
    let v = u64(va);
    let n = u64(len);
    if (v !== 0n && v >= TOP) error(Ebadarg);
    const sno = p.freeSlot();
    if (sno < 0) error(Enovmem);
    const f = this.globalSegattach?.(pid, name);
    if (f !== undefined) return this.#foreignattach(p, sno, f);
    const g = this.segments.globals.find(name);
    if (g !== undefined) return this.#globalattach(p, sno, g);

    n = pground(n + (v & PGMASK));
    if (n === 0n) error(Ebadarg);
    if (v === 0n) {
      for (let os = p.seg[SSEG]; os !== undefined; os = p.isoverlap(Number(v), Number(n))) {
        v = BigInt(os.base);
        if (n >= v) error(Enovmem);
        v -= n;
      }
    }
    v &= ~PGMASK;
    if (v === 0n || v + n > TOP) error(Ebadarg);
    const base = Number(v);
    const size = Number(n);
    if (p.isoverlap(base, size) !== undefined) error(Esoverlap);
    const ps = findphysseg(name);
    if (ps === undefined) error(Ebadarg);
    if (size > ps.size) error(Enovmem);
    const type = ((attr & ~(SG_TYPE | SG_CACHED | SG_DEVICE)) | ps.attr) >>> 0;
    const s = this.segments.newseg(type, base, base + size);
    this.#install(p, sno, s);
    return base;
  }

  #globalattach(p: Proc9, sno: number, g: Globalseg): number {
    devPermCheck(p.user, this.eve, g.uid, g.perm, ORDWR);
    const s = g.s;
    if (s === null) error(Enova);
    if (p.isoverlap(s.base, s.size) !== undefined) error(Esoverlap);
    this.#install(p, sno, this.segments.incref(s));
    return s.base;
  }

  /** The hook's segment, shared at its own address; overlap or a failed mapping releases it. */
  #foreignattach(p: Proc9, sno: number, f: ForeignSegment): number {
    const s = this.segments.newseg(SG_SHARED, f.base, f.base + f.size, 'global');
    s.foreign = f;
    this.segments.incref(s); // the foreign table's hold
    if (p.isoverlap(s.base, s.size) !== undefined) {
      this.segments.putseg(s);
      error(Esoverlap);
    }
    this.#install(p, sno, s);
    return s.base;
  }

  /**
   * segdetach: the segment of the first slot holding addr (any address inside it, or the base
   * of a zero-length segment); never the stack. @param pid - the process @param addr - inside the segment @returns 0 @throws Plan9Error `bad arg in system call`
   */
  segdetach(pid: number, addr: Uarg): 0 {
    const p = this.proc(pid);
    const a = u64(addr);
    const i = p.seg.findIndex((s) => s !== undefined && ((a >= s.base && a < s.top) || (s.top === s.base && a === BigInt(s.base))));
    if (i < 0 || i === SSEG) error(Ebadarg);
    this.#release(p, i);
    return 0;
  }

  /**
   * segbrk(saddr, addr): on the shared or bss segment holding saddr, addr 0 returns the base;
   * otherwise the segment ends at PGROUND(addr). Shrinking needs sole use (`device or object
   * already in use`); growing must not overlap (`segments overlap`) nor pass SEGMAXSIZE.
   * Returns 0. A grown shared segment grows for every holder. @param pid - the process @param saddr - inside the segment @param addr - the new end, or 0 @returns 0 or the base @throws Plan9Error as Plan9Process.segbrk
   */
  segbrk(pid: number, saddr: Uarg, addr: Uarg): number {
    const p = this.proc(pid);
    const a = u64(saddr);
    const i = p.seg.findIndex((s) => s !== undefined && a >= s.base && a < s.top);
    if (i < 0) error(Ebadarg);
    switch (p.seg[i]!.kind) {
      case SG_TEXT: case SG_DATA: case SG_STACK: case SG_PHYSICAL: case SG_FIXED: case SG_STICKY:
        error(Ebadarg);
    }
    return this.#ibrk(p, u64(addr), i);
  }

  #ibrk(p: Proc9, addr: bigint, i: number): number {
    const s = p.seg[i]!;
    if (addr === 0n) return s.base;
    if (addr < s.base) {
      const d = p.seg[DSEG];
      if (i !== BSEG || d === undefined || addr < d.base) error(Enovmem);
      addr = BigInt(s.base);
    }
    const nt = pground(addr);
    if (nt < addr) error(Enovmem); // PGROUND wrapped past 2^64
    const newtop = Number(nt);
    // a foreign segment's size is its table's: no request here can change it
    if (newtop !== s.top && s.foreign !== undefined) error(Einuse);
    if (newtop < s.top) {
      if (s.ref > 1) error(Einuse);
      this.#setTop(s, newtop, [p]);
      return 0;
    }
    const overlaps = (q: Proc9) => q.seg.some((ns) => ns !== undefined && ns !== s && newtop > ns.base && s.base < ns.top);
    if (overlaps(p)) error(Esoverlap);
    if (newtop - s.base > SEGMAXSIZE || newtop > USTKTOP) error(Enovmem);
    // the other holders too: the core keeps every address space disjoint (docs/plan9.md)
    const holders = this.procs().filter((q) => q.seg.includes(s));
    if (holders.some(overlaps)) error(Esoverlap);
    this.#setTop(s, newtop, holders);
    return 0;
  }

  /**
   * Moves the end of `s` to `top` in its shadow and in every holder's mapping; if the core
   * refuses one (a mapping of its own in the way, its segment limit), undoes the others.
   */
  #setTop(s: Seg, top: number, holders: Proc9[]): void {
    const oldTop = s.top;
    const oldSize = s.size;
    const size = top - s.base;
    if (size === oldSize) return;
    const setLen = (q: Proc9, from: number, to: number) => {
      if (to === 0) this.core.unmap(q.pid, s.base, from);
      else if (from === 0) this.core.map(q.pid, s, rightsOf(s));
      else this.core.resize(q.pid, s.base, to);
    };
    if (size > oldSize) s.shadow.resize(size);
    s.top = top;
    const done: Proc9[] = [];
    try {
      for (const q of holders) {
        setLen(q, oldSize, size);
        done.push(q);
      }
    } catch (e) {
      s.top = oldTop;
      for (const q of done) setLen(q, size, oldSize);
      if (size > oldSize) s.shadow.resize(oldSize);
      throw e;
    }
    if (size < oldSize) s.shadow.resize(size);
  }

  /**
   * segfree(va, len): the whole pages inside [va, va+len) of the segment holding va read as
   * zeros again, for every holder. A range that wraps, starts outside a segment or runs past
   * its end is `bad arg in system call`. Physical, fixed and sticky memory is kept. @param pid - the process @param va - start @param len - bytes @returns 0 @throws Plan9Error `bad arg in system call`
   */
  segfree(pid: number, va: Uarg, len: Uarg): 0 {
    const p = this.proc(pid);
    let from = u64(va);
    let to = from + u64(len);
    if (to > U64) error(Ebadarg);
    const i = from < TOP ? p.slotOf(Number(from)) : -1;
    if (i < 0) error(Ebadarg);
    const s = p.seg[i]!;
    to &= ~PGMASK;
    from = pground(from);
    if (from >= to) return 0;
    if (to > BigInt(s.top)) error(Ebadarg);
    const k = s.kind;
    if (s.foreign !== undefined) s.foreign.zero(Number(from) - s.base, Number(to - from));
    else if (k !== SG_PHYSICAL && k !== SG_FIXED && k !== SG_STICKY) s.shadow.zero(Number(from) - s.base, Number(to - from));
    return 0;
  }

  /**
   * segflush(va, len): every page of [va rounded down, PGROUND(va+len)) must lie in a
   * segment; each segment touched becomes executable (flushme). Returns 0. @param pid - the process @param va - start @param len - bytes @returns 0 @throws Plan9Error `bad arg in system call`
   */
  segflush(pid: number, va: Uarg, len: Uarg): 0 {
    const p = this.proc(pid);
    const from = u64(va) & ~PGMASK;
    const to = pground(u64(va) + u64(len));
    if (to < from) error(Ebadarg);
    const touched: Seg[] = [];
    for (let a = from; a < to;) {
      const i = a < TOP ? p.slotOf(Number(a)) : -1;
      if (i < 0) error(Ebadarg);
      const s = p.seg[i]!;
      touched.push(s);
      a = BigInt(s.top);
    }
    for (const s of touched) s.flushme = true;
    return 0;
  }

  /**
   * rfork(RFPROC|flags): a child whose slots follow dupseg: text, shared, physical, fixed
   * and sticky segments are shared; the stack is copied; data and bss are shared with RFMEM
   * and copied otherwise. Copies are made at once (a snapshot, as copy-on-write would show). @param pid - the parent @param flags - 0 or RFMEM @returns the child's pid
   */
  fork(pid: number, flags = 0): number {
    const p = this.proc(pid);
    const cpid = this.core.newProcess(pid, p.image);
    const c = new Proc9(cpid, p.user, p.image);
    this.#procs.set(cpid, c);
    try {
      p.seg.forEach((s, i) => {
        if (s === undefined) return;
        const k = s.kind;
        const share = k === SG_TEXT || k === SG_SHARED || k === SG_PHYSICAL || k === SG_FIXED || k === SG_STICKY ||
          ((k === SG_BSS || k === SG_DATA) && (flags & RFMEM) !== 0);
        this.#install(c, i, share ? this.segments.incref(s) : this.#copy(s));
      });
    } catch (e) {
      this.core.endProcess(cpid);
      throw e;
    }
    return cpid;
  }

  #copy(s: Seg): Seg {
    const ns = this.segments.newseg(s.type, s.base, s.top);
    ns.shadow.copyFrom(s.shadow, 0, 0, s.size);
    ns.flushme = s.flushme;
    return ns;
  }

  /**
   * exec: stack, text, data and bss are replaced by the new program's; of the other slots,
   * SG_CEXEC segments are released and the rest (every #g segment) kept at their address.
   * A kept segment in the way of the new image is `segments overlap` (9front does not check). @param pid - the process @param image - the program @throws Plan9Error `segments overlap`
   */
  exec(pid: number, image?: ImageSpec): void {
    const p = this.proc(pid);
    const lay = imageLayout(image);
    const ranges = [lay.stack, lay.text, lay.data, lay.bss];
    const inTheWay = (base: number, top: number) => ranges.some(([b, t]) => t > base && b < top);
    for (let i = ESEG + 1; i < NSEG; i++) {
      const s = p.seg[i];
      if (s !== undefined && (s.type & SG_CEXEC) === 0 && inTheWay(s.base, s.top)) error(Esoverlap);
    }
    // and the core mappings that are no slot's (made by segAlloc, take or claim): they stay too
    const slotMaps = new Set(p.seg.map((s) => s && `${s.base}-${s.top}`));
    if (this.core.mappings(pid).some(([b, t]) => !slotMaps.has(`${b}-${t}`) && inTheWay(b, t))) error(Esoverlap);
    for (let i = 0; i < NSEG; i++) {
      const s = p.seg[i];
      if (s !== undefined && (i <= ESEG || (s.type & SG_CEXEC) !== 0)) this.#release(p, i);
    }
    this.#load(p, image);
  }

  /** exits (pexit): the core process ends, and its exit hook puts every slot's segment. @param pid - the process */
  exit(pid: number): void {
    this.proc(pid);
    this.core.endProcess(pid);
  }

  /**
   * A load of `len` bytes at `addr`: the bytes, or the note the process gets when some byte
   * is outside every segment or in an SG_FAULT one (`sys: trap: fault read addr=0x…`). @param pid - the process @param addr - first byte @param len - count @returns the bytes, or the fault note
   */
  load(pid: number, addr: number, len: number): Uint8Array | string {
    const p = this.proc(pid);
    const fault = this.#fault(p, addr, len, false);
    if (fault !== undefined) return this.#note(p, 'read', fault);
    const out = new Uint8Array(len);
    if (len > 0 && this.core.load(pid, addr, out) !== 0) return this.#note(p, 'read', addr);
    return out;
  }

  /** A store of `data` at `addr`: its length, or the note (`sys: trap: fault write addr=0x…`, also for SG_RONLY memory). @param pid - the process @param addr - first byte @param data - the bytes @returns the count, or the fault note */
  store(pid: number, addr: number, data: Uint8Array): number | string {
    const p = this.proc(pid);
    const fault = this.#fault(p, addr, data.length, true);
    if (fault !== undefined) return this.#note(p, 'write', fault);
    if (data.length > 0 && this.core.store(pid, addr, data) !== 0) return this.#note(p, 'write', addr);
    return data.length;
  }

  /** The first address of [addr, addr+len) that faults, if any. */
  #fault(p: Proc9, addr: number, len: number, write: boolean): number | undefined {
    return accessWalk(p, addr, len, write).fault;
  }

  /**
   * The segments a load (or, when `write`, a store) of [addr, addr+len) goes through, each
   * with its part, in address order: for memory kept outside the kernel (foreign segments).
   * A fault posts the note and throws it as Plan9Error, as a load or store does. @internal
   */
  spans(pid: number, addr: number, len: number, write: boolean): SegmentSpan[] {
    const p = this.proc(pid);
    const w = accessWalk(p, addr, len, write);
    if (w.fault !== undefined) throw new Plan9Error(this.#note(p, write ? 'write' : 'read', w.fault));
    return w.spans;
  }

  /** The segment of a slot of `pid` that holds `addr`, if any. @internal */
  segmentAt(pid: number, addr: number): Seg | undefined {
    const p = this.proc(pid);
    const i = p.slotOf(addr);
    return i < 0 ? undefined : p.seg[i];
  }

  #note(p: Proc9, what: 'read' | 'write', addr: number): string {
    const note = `sys: trap: fault ${what} addr=0x${addr.toString(16)}`;
    p.notes.push(note);
    return note;
  }

  /** /proc/N/segment: 9front amd64's text, one line per slot in use. @param pid - the process @returns the text */
  segmentText(pid: number): string {
    return procSegmentText(this.proc(pid).seg);
  }

  /** Puts `s` (whose reference the caller hands over) in slot `sno` and maps it; on failure drops it. */
  #install(p: Proc9, sno: number, s: Seg): void {
    try {
      if (s.size > 0) this.core.map(p.pid, s, rightsOf(s));
    } catch (e) {
      this.segments.putseg(s);
      throw e;
    }
    p.seg[sno] = s;
  }

  #release(p: Proc9, i: number): void {
    const s = p.seg[i]!;
    p.seg[i] = undefined;
    if (s.size > 0) this.core.unmap(p.pid, s.base, s.size);
    this.segments.putseg(s);
  }

  /** Gives `p` a fresh stack, text (shared through the cache), data and bss. */
  #load(p: Proc9, spec?: ImageSpec): void {
    const lay = imageLayout(spec);
    const made: number[] = [];
    try {
      this.#install(p, SSEG, this.segments.newseg(SG_STACK, ...lay.stack));
      made.push(SSEG);
      this.#install(p, TSEG, this.segments.incref(this.#text(lay.name, lay.text)));
      made.push(TSEG);
      this.#install(p, DSEG, this.segments.newseg(SG_DATA, ...lay.data));
      made.push(DSEG);
      this.#install(p, BSEG, this.segments.newseg(SG_BSS, ...lay.bss));
    } catch (e) {
      for (const i of made) this.#release(p, i);
      throw e;
    }
    p.image = lay.name;
  }

  #text(name: string, [base, top]: [number, number]): Seg {
    const cached = this.#texts.get(name);
    if (cached !== undefined && cached.base === base && cached.top === top) return cached;
    if (cached !== undefined) this.segments.putseg(cached);
    const s = this.segments.newseg(SG_TEXT | SG_RONLY, base, top);
    this.#texts.set(name, s);
    return s;
  }
}
