// One Plan 9 process as an object: the segattach family and friends as methods that return
// their value and throw Plan9Error (an Error whose message is the Plan 9 error string).

import { Plan9Error } from '../lib9/errors.js';
import type { ImageSpec } from './image.js';
import type { Plan9, Uarg } from './plan9.js';

/**
 * One Plan 9 process of a kernel, with the segattach family of segattach(2) and friends as
 * methods. Each returns its value or throws Plan9Error (whose message is the Plan 9 error
 * string, its `code` the errno name) having changed nothing.
 *
 * @example
 * ```ts
 * import { Kernel, plan9For, Plan9Process } from 'segfs';
 * const plan9 = plan9For(new Kernel());
 * const p = new Plan9Process(plan9, plan9.spawn({ user: 'glenda' }));
 * const va = p.segattach(0, 'shared', 0, 8192); // placed below the stack
 * p.write(va, new TextEncoder().encode('hello'));
 * const child = p.fork(); // shared segments stay shared
 * console.log(new TextDecoder().decode(child.read(va, 5))); // hello
 * console.log(p.segmentText()); // /proc/N/segment
 * ```
 */
export class Plan9Process {
  /**
   * @param plan9 - the layer (plan9For(kernel))
   * @param pid - a Plan 9 process of it (plan9.spawn()), or a normal kernel process to adopt
   */
  constructor(
    /** The Plan 9 layer the process lives in. */
    readonly plan9: Plan9,
    /** Its pid in the kernel. */
    readonly pid: number,
  ) {}

  /**
   * The user the process runs as: what the #g permission check sees.
   * @throws Plan9Error `process exited` (code 'ESRCH') once it has exited
   */
  get user(): string {
    return this.plan9.proc(this.pid).user;
  }

  /**
   * Notes posted to the process, oldest first (`sys: trap: fault read addr=0x…`).
   * @throws Plan9Error `process exited` (code 'ESRCH') once it has exited
   */
  get notes(): readonly string[] {
    return this.plan9.proc(this.pid).notes;
  }

  /**
   * segattach(2): attaches a segment of class `cls` ('shared', 'memory', …) or the #g segment
   * called `cls` (at its own address; attr, va and len are then ignored), with 9front's checks
   * in 9front's order.
   * @param attr - SG_RONLY and SG_CEXEC or'ed in, else 0
   * @param cls - the class or #g segment name
   * @param va - the address, or 0 to place it below the stack
   * @param len - bytes (rounded up to pages)
   * @returns the address the segment was attached at
   * @throws Plan9Error `bad arg in system call` (code 'EINVAL': bad name or range, unknown
   *   class), `virtual memory allocation failed` ('ENOMEM': no free slot, too big),
   *   `segments overlap` ('EBUSY'), `permission denied` ('EACCES': no rw permission on a #g
   *   segment), `global segment not assigned a virtual address` ('ENXIO'), `process exited` ('ESRCH')
   */
  segattach(attr: number, cls: string, va: Uarg, len: Uarg): number {
    return this.plan9.segattach(this.pid, attr, cls, va, len);
  }

  /**
   * segdetach(2): detaches the segment holding `addr` (never the stack).
   * @param addr - any address inside the segment
   * @returns 0
   * @throws Plan9Error `bad arg in system call` (code 'EINVAL') when no detachable segment holds it
   */
  segdetach(addr: Uarg): 0 {
    return this.plan9.segdetach(this.pid, addr);
  }

  /**
   * segfree(2): the whole pages of [va, va+len) read as zeros again, for every holder.
   * @param va - an address inside a segment
   * @param len - bytes
   * @returns 0
   * @throws Plan9Error `bad arg in system call` (code 'EINVAL') for a range outside one segment
   */
  segfree(va: Uarg, len: Uarg): 0 {
    return this.plan9.segfree(this.pid, va, len);
  }

  /**
   * segbrk(2): moves the end of the shared or bss segment holding `saddr` to PGROUND(addr).
   * A grown shared segment grows for every holder.
   * @param saddr - an address inside the segment
   * @param addr - the new end, or 0 to ask for the base
   * @returns 0, or the segment's base when addr is 0
   * @throws Plan9Error `bad arg in system call` ('EINVAL': no such segment, wrong type),
   *   `device or object already in use` ('EBUSY': shrinking one others hold), `segments
   *   overlap` ('EBUSY'), `virtual memory allocation failed` ('ENOMEM': too big)
   */
  segbrk(saddr: Uarg, addr: Uarg): number {
    return this.plan9.segbrk(this.pid, saddr, addr);
  }

  /**
   * segflush(2): makes the segments touching [va, va+len) executable again (flushes caches).
   * @param va - start
   * @param len - bytes
   * @returns 0
   * @throws Plan9Error `bad arg in system call` (code 'EINVAL') when a page of the range is in no segment
   */
  segflush(va: Uarg, len: Uarg): 0 {
    return this.plan9.segflush(this.pid, va, len);
  }

  /**
   * rfork(RFPROC|flags): a child whose text and shared segments are shared, whose stack is
   * copied, and whose data and bss are shared with RFMEM and copied otherwise.
   * @param flags - 0 or RFMEM
   * @returns the child
   * @throws Plan9Error `process exited` (code 'ESRCH') once this process has exited
   */
  fork(flags = 0): Plan9Process {
    return new Plan9Process(this.plan9, this.plan9.fork(this.pid, flags));
  }

  /**
   * exec: stack, text, data and bss are replaced by the new program's; SG_CEXEC segments are
   * detached and the rest (every #g segment) kept at their address.
   * @param image - the program's name and sizes (default: /bin/rc's)
   * @throws Plan9Error `segments overlap` (code 'EBUSY') when a kept segment is in the way of the image
   */
  exec(image?: ImageSpec): void {
    this.plan9.exec(this.pid, image);
  }

  /** Ends the process: every segment is detached. */
  exit(): void {
    this.plan9.exit(this.pid);
  }

  /**
   * A load of `len` bytes at `addr`.
   * @param addr - the first byte
   * @param len - the count
   * @returns a copy of the bytes
   * @throws Plan9Error with the note text (`sys: trap: fault read addr=0x…`, code 'EIO') when a
   *   byte is outside every segment; the note is posted to the process too
   */
  read(addr: number, len: number): Uint8Array {
    const r = this.plan9.load(this.pid, addr, len);
    if (typeof r === 'string') throw new Plan9Error(r);
    return r;
  }

  /**
   * A store of `data` at `addr`.
   * @param addr - the first byte
   * @param data - the bytes
   * @returns the count
   * @throws Plan9Error `sys: trap: fault write addr=0x…` (code 'EIO') for a byte outside every
   *   segment or in a read-only one; the note is posted to the process too
   */
  write(addr: number, data: Uint8Array): number {
    const r = this.plan9.store(this.pid, addr, data);
    if (typeof r === 'string') throw new Plan9Error(r);
    return r;
  }

  /**
   * The text of /proc/N/segment: one line per segment in use (type, flags, base, top, ref).
   * @returns the text
   */
  segmentText(): string {
    return this.plan9.segmentText(this.pid);
  }
}
