// A Plan 9 process of a kernel living in the client, whose segattach also finds the #g
// segments of a mount. The client only resolves a name over 9P (walk, ctl and data opened
// ORDWR, the address read from ctl) and hands the segment to the kernel's segattach hook; the
// kernel's Plan 9 layer applies Plan 9's rules (slots, overlap, detach, segbrk, faults). The
// bytes are the server's: handed-over memory when the transport can carry SharedArrayBuffers,
// the segment's data file otherwise. Every other name goes to the kernel's own segattach.

import { NinepError } from '../9p/client/errors.js';
import type { ClientFid } from '../9p/client/fid.js';
import type { Fsys } from '../9p/client/fsys.js';
import { Egone, Enotalloc, Enova, Plan9Error, error } from '../lib9/errors.js';
import { BY2PG } from '../lib9/mem.js';
import { ORDWR } from '../lib9/modes.js';
import type { Uarg } from '../lib9/uarg.js';
import type { Kernel } from '../kernel/kernel.js';
import type { Plan9 } from '../plan9/plan9.js';
import { Plan9Process } from '../plan9/plan9-process.js';
import { plan9For } from '../plan9/plan9-for.js';
import type { Seg } from '../plan9/segment.js';
import { MountedSegment, Pending } from './mounted-segment.js';
import { RemoteAccess, SharedAccess, type SegmentAccess } from './segment-access.js';
import { segattachWith } from './segattach-hook.js';
import type { SegmentSource } from './segment-handover.js';

/** #g names are shorter than this (9front's genbuf). */
const NAMEMAX = 128;

/** A 9P answer while resolving a name, as the Plan 9 error segattach raises. */
function attachError(e: unknown): Error {
  if (!(e instanceof NinepError) || e.isFailure) return e instanceof Error ? e : new Error(String(e));
  return new Plan9Error(e.ename === Enotalloc ? Enova : e.ename);
}

/** The mount's segment in `s`, if `s` is one. */
function mountedOf(s: Seg | undefined): MountedSegment | undefined {
  return s?.foreign instanceof MountedSegment ? s.foreign : undefined;
}

/**
 * A Plan 9 process in the client's kernel (Namespace.process()), with the segattach family
 * over a mount: segattach of a #g segment's name maps it at its own address, with the
 * server's bytes — the very memory when the mount is in-process or a worker's (int32 and
 * bytes give views for Atomics), its data file across a socket. Other names are the kernel's
 * own segattach. The calls are async and throw Plan9Error as Plan 9's do.
 *
 * @example
 * ```ts
 * import { mount, segmentDevice } from 'segfs';
 * const ns = await mount(segmentDevice('glenda'), { user: 'glenda' });
 * await ns.mkdir('counter');
 * await ns.writeFile('counter/ctl', 'va 0x10000000 0x1000');
 * const p = ns.process();
 * const va = await p.segattach(0, 'counter', 0, 0); // 0x10000000
 * const n = p.int32(va, 1);                          // on the segment's SharedArrayBuffer
 * Atomics.add(n, 0, 1);                              // seen at once by every holder
 * console.log(p.segmentAt(va));                      // { base: 268435456, size: 4096, mounted: true, shared: true }
 * await p.segdetach(va);
 * await p.exit();
 * await ns.close();
 * ```
 */
export class SegmentProcess {
  /** 9P work the kernel started for this process's segments (segfree's zeroing, the last detach's clunk). */
  readonly #pending = new Pending();

  /**
   * Made by Namespace.process(); not for direct use.
   * @internal
   */
  constructor(
    /** The client's kernel. */
    readonly kernel: Kernel,
    /** The process's pid in it. */
    readonly pid: number,
    /** The mount whose #g segments segattach finds. */
    readonly fsys: Fsys,
    /** The segment handover, when the transport offers one (in-process, worker). @internal */
    readonly source: SegmentSource | undefined,
  ) {}

  /**
   * The kernel's own face of the process (local segments, notes, /proc/N/segment).
   * @throws Plan9Error `process exited` (code 'ESRCH') once it has exited
   */
  get proc(): Plan9Process {
    const plan9 = plan9For(this.kernel);
    plan9.proc(this.pid);
    return new Plan9Process(plan9, this.pid);
  }

  get #plan9(): Plan9 {
    return plan9For(this.kernel);
  }

  /**
   * segattach(2). A #g segment of the mount called `name` is mapped at its own address, which
   * is returned (attr, va and len are otherwise ignored, as for any #g segment), with 9front's
   * checks in 9front's order: `bad arg in system call`, `virtual memory allocation failed`,
   * `permission denied`, `global segment not assigned a virtual address`, `segments overlap`.
   * Any other name is the kernel's segattach (a class such as 'shared' or 'memory').
   * @param attr - SG_RONLY and SG_CEXEC or'ed in, else 0
   * @param name - a #g segment of the mount, or a segment class
   * @param va - the address (ignored for a #g segment), or 0 to place it below the stack
   * @param len - bytes (ignored for a #g segment)
   * @returns the address the segment was attached at
   * @throws Plan9Error `bad arg in system call` (code 'EINVAL'), `virtual memory allocation
   *   failed` ('ENOMEM'), `permission denied` ('EACCES': no rw permission on the segment's
   *   files), `global segment not assigned a virtual address` ('ENXIO': no `va` written to its
   *   ctl yet), `segments overlap` ('EBUSY'); NinepError code 'ECLOSED' when the connection is gone
   */
  async segattach(attr: number, name: string, va: Uarg, len: Uarg): Promise<number> {
    const nm = name.includes('\0') ? name.slice(0, name.indexOf('\0')) : name;
    const found = isSegmentName(nm) ? await this.#resolve(nm) : undefined;
    if (found === undefined) return this.proc.segattach(attr, name, va, len);
    return segattachWith(this.#plan9, this.pid, { name: nm, found }, () => this.proc.segattach(attr, name, va, len));
  }

  /**
   * segdetach(2); the last detach of a segment of the mount also lets go of its data file.
   * @param addr - any address inside the segment
   * @returns 0
   * @throws Plan9Error `bad arg in system call` (code 'EINVAL') when no detachable segment holds it
   */
  async segdetach(addr: Uarg): Promise<0> {
    this.proc.segdetach(addr);
    await this.#pending.settle();
    return 0;
  }

  /**
   * segbrk(2). A segment of the mount keeps its size: the server's table holds it, and 9P
   * cannot resize it (`device or object already in use`).
   * @param saddr - an address inside the segment
   * @param addr - the new end, or 0 to ask for the base
   * @returns 0, or the segment's base when addr is 0
   * @throws Plan9Error as Plan9Process.segbrk
   */
  async segbrk(saddr: Uarg, addr: Uarg): Promise<number> {
    return this.proc.segbrk(saddr, addr);
  }

  /**
   * segfree(2); on a segment of the mount the pages are zeroed for everyone.
   * @param va - an address inside a segment
   * @param len - bytes
   * @returns 0
   * @throws Plan9Error `bad arg in system call` (code 'EINVAL') for a range outside one segment
   */
  async segfree(va: Uarg, len: Uarg): Promise<0> {
    this.proc.segfree(va, len);
    await this.#pending.settle();
    return 0;
  }

  /**
   * Loads `len` bytes at `addr`.
   * @param addr - the first byte
   * @param len - the count
   * @returns a copy of the bytes
   * @throws Plan9Error `sys: trap: fault read addr=0x…` (code 'EIO') for a byte outside every
   *   segment (the note is posted too); NinepError for a failed read of a data file
   */
  async read(addr: number, len: number): Promise<Uint8Array> {
    const spans = this.#plan9.spans(this.pid, addr, len, false);
    const only = spans.length === 1 ? mountedOf(spans[0]!.seg) : undefined;
    if (only !== undefined) return only.access.read(addr - only.base, len);
    if (!spans.some((x) => mountedOf(x.seg) !== undefined)) return this.proc.read(addr, len);
    const out = new Uint8Array(len);
    for (const { seg, lo, hi } of spans) {
      const m = mountedOf(seg);
      out.set(m !== undefined ? await m.access.read(lo - seg.base, hi - lo) : this.proc.read(lo, hi - lo), lo - addr);
    }
    return out;
  }

  /**
   * Stores `data` at `addr`.
   * @param addr - the first byte
   * @param data - the bytes
   * @returns the count
   * @throws Plan9Error `sys: trap: fault write addr=0x…` (code 'EIO') for a byte outside every
   *   segment or in a read-only one; NinepError for a failed write of a data file
   */
  async write(addr: number, data: Uint8Array): Promise<number> {
    const spans = this.#plan9.spans(this.pid, addr, data.length, true);
    if (!spans.some((x) => mountedOf(x.seg) !== undefined)) return this.proc.write(addr, data);
    for (const { seg, lo, hi } of spans) {
      const m = mountedOf(seg);
      const d = data.subarray(lo - addr, hi - addr);
      if (m !== undefined) await m.access.write(lo - seg.base, d);
      else this.proc.write(lo, d);
    }
    return data.length;
  }

  /**
   * Whether `addr` lies in a segment of the mount whose memory is shared (bytes and int32 work).
   * @param addr - the address
   * @returns true for handed-over memory; false across a socket or outside such a segment
   */
  isShared(addr: number): boolean {
    return mountedOf(this.#plan9.segmentAt(this.pid, addr))?.access.shared === true;
  }

  /**
   * A zero-copy view of [addr, addr+len) of a segment of the mount whose memory was handed
   * over: stores through it are seen by every holder at once.
   * @param addr - the first byte
   * @param len - the count
   * @returns a Uint8Array on the segment's SharedArrayBuffer
   * @throws RangeError when the range is not inside one such segment
   */
  bytes(addr: number, len: number): Uint8Array {
    const m = mountedOf(this.#plan9.segmentAt(this.pid, addr));
    if (m === undefined || addr + len > m.base + m.size) {
      throw new RangeError(`[0x${addr.toString(16)}, +${len}) is not inside a segment attached from the mount`);
    }
    return m.access.view(addr - m.base, len);
  }

  /**
   * An Int32Array over `count` words at `addr` of shared memory, for Atomics.
   * @param addr - 4-byte aligned
   * @param count - words
   * @returns a view on the segment's SharedArrayBuffer
   * @throws RangeError for an unaligned address or a range not inside one handed-over segment
   */
  int32(addr: number, count: number): Int32Array {
    if (addr % 4 !== 0) throw new RangeError(`0x${addr.toString(16)} is not 4-byte aligned`);
    const u = this.bytes(addr, count * 4);
    return new Int32Array(u.buffer, u.byteOffset, count);
  }

  /**
   * The segment holding `addr`.
   * @param addr - the address
   * @returns its base and size, whether it is a segment of the mount, and whether its memory
   *   is shared with the server; undefined when no segment holds it
   */
  segmentAt(addr: number): {
    /** Its first address. */
    base: number;
    /** Its size in bytes. */
    size: number;
    /** A #g segment of the mount. */
    mounted: boolean;
    /** Its memory is the server's (bytes and int32 work). */
    shared: boolean;
  } | undefined {
    const s = this.#plan9.segmentAt(this.pid, addr);
    if (s === undefined) return undefined;
    const m = mountedOf(s);
    return { base: s.base, size: s.size, mounted: m !== undefined, shared: m?.access.shared === true };
  }

  /**
   * The text of /proc/N/segment: one line per segment in use.
   * @returns the text
   */
  segmentText(): string {
    return this.proc.segmentText();
  }

  /** Ends the process: every segment is detached, a segment of the mount lets go of its data file. */
  async exit(): Promise<void> {
    this.proc.exit();
    await this.#pending.settle();
  }

  /**
   * What the mount says about `name`: its segment, opened for this process; the error
   * segattach raises for it (no rw permission, no address yet); or undefined when the mount
   * has no segment by that name.
   */
  async #resolve(name: string): Promise<MountedSegment | Error | undefined> {
    const dir = await this.#lookup(name);
    if (dir === undefined) return undefined;
    let ctl: ClientFid | undefined;
    let data: ClientFid | undefined;
    try {
      // ctl open ORDWR is segattach's devpermcheck(ORDWR) and never needs the address
      ctl = await dir.walk(['ctl']);
      await ctl.open(ORDWR);
      const text = Buffer.from(await ctl.read(0, 128)).toString('latin1');
      const m = /^va (0x[0-9a-f]+) (0x[0-9a-f]+)/.exec(text);
      const base = Number(m?.[1]);
      const size = Number(m?.[2]);
      // #g's ctl only ever holds whole pages: anything else is not a #g server's answer
      if (m === null || base % BY2PG !== 0 || size % BY2PG !== 0 || size <= 0 || !Number.isSafeInteger(base + size)) {
        throw new Plan9Error(`bad ctl text from server: ${JSON.stringify(text)}`);
      }
      data = await dir.walk(['data']);
      await data.open(ORDWR);
      const mem = await this.source?.segmentMemory(name, this.fsys.user);
      if (mem !== undefined && (mem.path !== data.qid.path || mem.base !== base || mem.size !== size)) error(Egone);
      const access: SegmentAccess = mem !== undefined ? new SharedAccess(mem.pieces, data) : new RemoteAccess(data);
      data = undefined;
      return new MountedSegment(name, base, size, access, this.#pending);
    } catch (e) {
      return attachError(e);
    } finally {
      await ctl?.clunk();
      await data?.clunk();
      await dir.clunk();
    }
  }

  /** The fid of #g/NAME on the mount, or undefined when there is no such segment. */
  async #lookup(name: string): Promise<ClientFid | undefined> {
    try {
      const f = await this.fsys.root.walk([name]);
      if (f.isDir) return f;
      await f.clunk();
      return undefined;
    } catch (e) {
      if (e instanceof NinepError && !e.isFailure) return undefined;
      throw e;
    }
  }
}

/** Whether `name` could be a #g segment: not empty, `.`, `..`, no `/`, short enough. */
function isSegmentName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !name.includes('/') && Buffer.byteLength(name) < NAMEMAX;
}
