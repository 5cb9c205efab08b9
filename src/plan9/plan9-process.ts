// One Plan 9 process as an object: the segattach family and friends as methods that return
// their value and throw Plan9Error (an Error whose message is the Plan 9 error string).

import { Plan9Error } from '../lib9/errors.js';
import type { ImageSpec } from './image.js';
import type { Plan9, Uarg } from './plan9.js';

export class Plan9Process {
  constructor(
    readonly plan9: Plan9,
    readonly pid: number,
  ) {}

  /** The user the process runs as. */
  get user(): string {
    return this.plan9.proc(this.pid).user;
  }

  /** Notes posted to the process, oldest first. */
  get notes(): readonly string[] {
    return this.plan9.proc(this.pid).notes;
  }

  /** segattach(2): the address the segment was attached at. */
  segattach(attr: number, cls: string, va: Uarg, len: Uarg): number {
    return this.plan9.segattach(this.pid, attr, cls, va, len);
  }

  segdetach(addr: Uarg): 0 {
    return this.plan9.segdetach(this.pid, addr);
  }

  segfree(va: Uarg, len: Uarg): 0 {
    return this.plan9.segfree(this.pid, va, len);
  }

  /** segbrk(2): 0, or the segment's base when addr is 0. */
  segbrk(saddr: Uarg, addr: Uarg): number {
    return this.plan9.segbrk(this.pid, saddr, addr);
  }

  segflush(va: Uarg, len: Uarg): 0 {
    return this.plan9.segflush(this.pid, va, len);
  }

  /** rfork(RFPROC|flags): the child. */
  fork(flags = 0): Plan9Process {
    return new Plan9Process(this.plan9, this.plan9.fork(this.pid, flags));
  }

  exec(image?: ImageSpec): void {
    this.plan9.exec(this.pid, image);
  }

  exit(): void {
    this.plan9.exit(this.pid);
  }

  /** Loads `len` bytes at `addr`; a fault throws Plan9Error with the note text. */
  read(addr: number, len: number): Uint8Array {
    const r = this.plan9.load(this.pid, addr, len);
    if (typeof r === 'string') throw new Plan9Error(r);
    return r;
  }

  /** Stores `data` at `addr`; a fault (`sys: trap: fault write addr=0x…`) throws Plan9Error. */
  write(addr: number, data: Uint8Array): number {
    const r = this.plan9.store(this.pid, addr, data);
    if (typeof r === 'string') throw new Plan9Error(r);
    return r;
  }

  /** The text of /proc/N/segment. */
  segmentText(): string {
    return this.plan9.segmentText(this.pid);
  }
}
