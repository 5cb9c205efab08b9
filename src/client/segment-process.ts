// A Plan 9 process of a kernel living in the client, whose segattach also finds the #g
// segments of a mount. A segment of the mount is mapped at its fixed address with the
// kernel's rules: the process's slot table and address space hold it (overlap and slot checks,
// /proc/N/segment, segdetach), and its bytes are the server's — handed-over memory when the
// transport can carry SharedArrayBuffers, the segment's data file otherwise. Every other name
// goes to the kernel's own segattach (physical classes, the local #g).
//
// Invariant: a mounted segment's local Seg holds two references, the slot's and one standing
// for the server's table, so segbrk cannot shrink it (9front: an attached #g segment has
// ref >= 2); the local shadow under it is a placeholder that is never touched.

import { NinepError } from '../9p/client/errors.js';
import type { ClientFid } from '../9p/client/fid.js';
import type { Fsys } from '../9p/client/fsys.js';
import { ORDWR } from '../lib9/modes.js';
import { PERM_R, PERM_W } from '../kernel/constants.js';
import { USTKTOP } from '../lib9/mem.js';
import {
  Ebadarg, Egone, Einuse, Enonexist, Enotalloc, Enova, Enovmem, Eperm, Esoverlap, Plan9Error, error,
} from '../lib9/errors.js';
import type { Kernel } from '../kernel/kernel.js';
import { ESEG, SG_FAULT, SG_RONLY, SG_SHARED } from '../plan9/constants.js';
import { plan9For } from '../plan9/plan9-for.js';
import { Plan9Process } from '../plan9/plan9-process.js';
import type { Seg } from '../plan9/segment.js';
import { PGMASK, pground, u64, type Uarg } from '../lib9/uarg.js';
import { RemoteAccess, SharedAccess, type SegmentAccess } from './segment-access.js';
import type { SegmentSource } from './segment-handover.js';

/** #g names are shorter than this (9front's genbuf). */
const NAMEMAX = 128;

/** A 9P answer during segattach as the Plan 9 error the kernel would raise. */
function attachError(e: unknown): Error {
  if (!(e instanceof NinepError)) return e instanceof Error ? e : new Error(String(e));
  if (e.ename !== undefined) return new Plan9Error(e.ename === Enotalloc ? Enova : e.ename);
  switch (e.errno) {
    case 1: case 13: return new Plan9Error(Eperm);
    case 2: return new Plan9Error(Enonexist);
    case 61: return new Plan9Error(Enova);
    case 116: return new Plan9Error(Egone);
    default: return new Plan9Error(e.message);
  }
}

/** A segment of the mount mapped in this process. */
interface Mapped {
  readonly name: string;
  readonly access: SegmentAccess;
}

/** A Plan 9 process in the client's kernel, with the segattach family over a mount. */
export class SegmentProcess {
  readonly #mapped = new Map<Seg, Mapped>();

  constructor(
    readonly kernel: Kernel,
    readonly pid: number,
    readonly fsys: Fsys,
    /** The segment handover, when the transport offers one (in-process, worker). */
    readonly source: SegmentSource | undefined,
  ) {}

  /** The kernel's own face of the process (local segments, notes, /proc/N/segment). */
  get proc(): Plan9Process {
    const plan9 = plan9For(this.kernel);
    plan9.proc(this.pid);
    return new Plan9Process(plan9, this.pid);
  }

  /**
   * segattach(2). A #g segment of the mount called `name`: the checks of 9front in its order
   * (va >= USTKTOP `bad arg in system call`; no free slot `virtual memory allocation failed`;
   * no rw permission `permission denied`; no address yet `global segment not assigned a
   * virtual address`; in the way of a segment of this process `segments overlap`), then
   * mapped at the segment's own address, which is returned (attr, va and len are otherwise
   * ignored, as for any #g segment). Any other name is the kernel's segattach.
   */
  async segattach(attr: number, name: string, va: Uarg, len: Uarg): Promise<number> {
    const nm = name.includes('\0') ? name.slice(0, name.indexOf('\0')) : name;
    const dir = isSegmentName(nm) ? await this.#lookup(nm) : undefined;
    if (dir === undefined) return this.proc.segattach(attr, name, va, len);
    try {
      return await this.#attachMounted(dir, nm, va);
    } finally {
      await dir.clunk();
    }
  }

  /** segdetach(2): as the kernel does it; a segment of the mount also lets go of its data file. */
  async segdetach(addr: Uarg): Promise<0> {
    const p = plan9For(this.kernel).proc(this.pid);
    const a = u64(addr);
    const s = p.seg.find((x) => x !== undefined && ((a >= x.base && a < x.top) || (x.top === x.base && a === BigInt(x.base))));
    this.proc.segdetach(addr);
    const m = s === undefined ? undefined : this.#mapped.get(s);
    if (m !== undefined) {
      this.#mapped.delete(s!);
      plan9For(this.kernel).segments.putseg(s!);
      await m.access.release();
    }
    return 0;
  }

  /**
   * segbrk(2). For a segment of the mount: addr 0 gives the base, below the base is `virtual
   * memory allocation failed`, and any other change of size is `device or object already in
   * use` — the server's table holds the segment, and 9P has no request to resize it.
   */
  async segbrk(saddr: Uarg, addr: Uarg): Promise<number> {
    const s = this.#slotSeg(u64(saddr));
    if (s === undefined || !this.#mapped.has(s)) return this.proc.segbrk(saddr, addr);
    const a = u64(addr);
    if (a === 0n) return s.base;
    if (a < BigInt(s.base)) error(Enovmem);
    if (pground(a) !== BigInt(s.top)) error(Einuse);
    return 0;
  }

  /** segfree(2): the kernel's checks; on a segment of the mount the pages are zeroed for everyone. */
  async segfree(va: Uarg, len: Uarg): Promise<0> {
    this.proc.segfree(va, len);
    let from = u64(va);
    let to = (from + u64(len)) & ~PGMASK;
    const s = this.#slotSeg(from);
    const m = s === undefined ? undefined : this.#mapped.get(s);
    from = pground(from);
    if (m !== undefined && from < to) {
      if (to > BigInt(s!.top)) to = BigInt(s!.top);
      await m.access.zero(Number(from) - s!.base, Number(to - from));
    }
    return 0;
  }

  /**
   * Loads `len` bytes at `addr`. A byte outside every segment faults: the note
   * `sys: trap: fault read addr=0x…` is posted and thrown as a Plan9Error.
   */
  async read(addr: number, len: number): Promise<Uint8Array> {
    const parts = this.#parts(addr, len, false);
    if (parts === undefined) return this.proc.read(addr, len);
    if (parts.length === 1) {
      const { s } = parts[0]!;
      const m = this.#mapped.get(s);
      return m !== undefined ? m.access.read(addr - s.base, len) : this.proc.read(addr, len);
    }
    const out = new Uint8Array(len);
    for (const { s, lo, hi } of parts) {
      const m = this.#mapped.get(s);
      out.set(m !== undefined ? await m.access.read(lo - s.base, hi - lo) : this.proc.read(lo, hi - lo), lo - addr);
    }
    return out;
  }

  /** Stores `data` at `addr`; faults as read does (`sys: trap: fault write addr=0x…`). Returns the count. */
  async write(addr: number, data: Uint8Array): Promise<number> {
    const parts = this.#parts(addr, data.length, true);
    if (parts === undefined) return this.proc.write(addr, data);
    for (const { s, lo, hi } of parts) {
      const m = this.#mapped.get(s);
      const d = data.subarray(lo - addr, hi - addr);
      if (m !== undefined) await m.access.write(lo - s.base, d);
      else this.proc.write(lo, d);
    }
    return data.length;
  }

  /** True when [addr] lies in a segment of the mount whose memory is shared (views work). */
  isShared(addr: number): boolean {
    const s = this.#slotSeg(BigInt(addr));
    return s !== undefined && this.#mapped.get(s)?.access.shared === true;
  }

  /**
   * A zero-copy view of [addr, addr+len) of a segment of the mount whose memory was handed
   * over: stores through it are seen by every holder at once. Throws RangeError when the
   * range is not inside one such segment.
   */
  bytes(addr: number, len: number): Uint8Array {
    const s = this.#slotSeg(BigInt(addr));
    const m = s === undefined ? undefined : this.#mapped.get(s);
    if (s === undefined || m === undefined || addr + len > s.top) {
      throw new RangeError(`[0x${addr.toString(16)}, +${len}) is not inside a segment attached from the mount`);
    }
    return m.access.view(addr - s.base, len);
  }

  /** An Int32Array over `count` words at `addr` (4-aligned) of shared memory, for Atomics. */
  int32(addr: number, count: number): Int32Array {
    if (addr % 4 !== 0) throw new RangeError(`0x${addr.toString(16)} is not 4-byte aligned`);
    const u = this.bytes(addr, count * 4);
    return new Int32Array(u.buffer, u.byteOffset, count);
  }

  /** The segment holding `addr`: its base, size, and whether its memory is shared with the server. */
  segmentAt(addr: number): { base: number; size: number; mounted: boolean; shared: boolean } | undefined {
    const s = this.#slotSeg(BigInt(addr));
    if (s === undefined) return undefined;
    const m = this.#mapped.get(s);
    return { base: s.base, size: s.size, mounted: m !== undefined, shared: m?.access.shared === true };
  }

  /** /proc/N/segment. */
  segmentText(): string {
    return this.proc.segmentText();
  }

  /** Detaches every segment of the mount and ends the process. */
  async exit(): Promise<void> {
    const p = plan9For(this.kernel).proc(this.pid);
    for (const s of [...this.#mapped.keys()]) {
      if (p.seg.includes(s)) await this.segdetach(s.base);
    }
    this.proc.exit();
  }

  /** The fid of #g/NAME on the mount, or undefined when there is no such segment. */
  async #lookup(name: string): Promise<ClientFid | undefined> {
    try {
      const f = await this.fsys.root.walk([name]);
      if (f.isDir) return f;
      await f.clunk();
      return undefined;
    } catch (e) {
      if (e instanceof NinepError) return undefined;
      throw e;
    }
  }

  async #attachMounted(dir: ClientFid, name: string, va: Uarg): Promise<number> {
    const v = u64(va);
    if (v !== 0n && v >= BigInt(USTKTOP)) error(Ebadarg);
    this.#freeSlot();
    let ctl: ClientFid | undefined;
    let data: ClientFid | undefined;
    try {
      // ctl open ORDWR is segattach's devpermcheck(ORDWR) and never needs the address
      ctl = await dir.walk(['ctl']);
      await ctl.open(ORDWR);
      const text = Buffer.from(await ctl.read(0, 128)).toString('latin1');
      const m = /^va (0x[0-9a-f]+) (0x[0-9a-f]+)/.exec(text);
      if (m === null) throw new Plan9Error(`bad ctl text from server: ${JSON.stringify(text)}`);
      const base = Number(m[1]);
      const size = Number(m[2]);
      data = await dir.walk(['data']);
      await data.open(ORDWR);
      const mem = await this.source?.segmentMemory(name, this.fsys.user);
      if (mem !== undefined && (mem.path !== data.qid.path || mem.base !== base || mem.size !== size)) error(Egone);
      const access: SegmentAccess = mem !== undefined ? new SharedAccess(mem.pieces, data) : new RemoteAccess(data);
      // after the awaits: the slot and overlap checks against the process as it is now
      this.#install(base, size, name, access);
      data = undefined;
      return base;
    } catch (e) {
      throw attachError(e);
    } finally {
      await ctl?.clunk();
      await data?.clunk();
    }
  }

  #install(base: number, size: number, name: string, access: SegmentAccess): void {
    const plan9 = plan9For(this.kernel);
    const p = plan9.proc(this.pid);
    const sno = this.#freeSlot();
    if (p.isoverlap(base, size) !== undefined) error(Esoverlap);
    const s = plan9.segments.newseg(SG_SHARED, base, base + size, 'global');
    plan9.segments.incref(s); // the server's table's hold
    try {
      plan9.core.map(this.pid, s, PERM_R | PERM_W);
    } catch (e) {
      plan9.segments.putseg(s);
      plan9.segments.putseg(s);
      throw e;
    }
    p.seg[sno] = s;
    this.#mapped.set(s, { name, access });
  }

  #freeSlot(): number {
    const sno = plan9For(this.kernel).proc(this.pid).seg.findIndex((s, i) => s === undefined && i !== ESEG);
    if (sno < 0) error(Enovmem);
    return sno;
  }

  #slotSeg(a: bigint): Seg | undefined {
    return plan9For(this.kernel).proc(this.pid).seg.find((s) => s !== undefined && a >= s.base && a < s.top);
  }

  /** The pieces of [addr, addr+len) by segment, or undefined if some byte faults. */
  #parts(addr: number, len: number, write: boolean): { s: Seg; lo: number; hi: number }[] | undefined {
    if (!Number.isSafeInteger(addr) || !Number.isSafeInteger(len) || addr < 0 || len < 0) return undefined;
    const out: { s: Seg; lo: number; hi: number }[] = [];
    for (let a = addr; a < addr + len;) {
      const s = this.#slotSeg(BigInt(a));
      if (s === undefined || (s.type & SG_FAULT) !== 0 || (write && (s.type & SG_RONLY) !== 0)) return undefined;
      const hi = Math.min(s.top, addr + len);
      out.push({ s, lo: a, hi });
      a = hi;
    }
    return out;
  }
}

/** Whether `name` could be a #g segment: not empty, `.`, `..`, no `/`, short enough. */
function isSegmentName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !name.includes('/') && Buffer.byteLength(name) < NAMEMAX;
}

