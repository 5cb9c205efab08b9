// Proc and ShareGroup: a process of the kernel model and the Zircon share group whose shared
// address space its members have in common.

import { AddressSpace } from './engine/address-space.js';
import { RESTRICTED_BASE, RESTRICTED_TOP, SHARED_BASE, SHARED_TOP, USER_BASE, USER_TOP } from './constants.js';

/** A process id of a Kernel: a positive integer; pids increase and are never reused. */
export type Pid = number;

/** 'normal': [USER_BASE, USER_TOP); 'prototype': the shared region only; 'member': restricted + shared. */
export type ProcKind = 'normal' | 'prototype' | 'member';

/** What identifies a process and sets its rules, as plain data (procInfo, snapshot). */
export interface ProcIdentity {
  /** Its pid. */
  pid: Pid;
  /** Its creator's pid (0: none). */
  parent: Pid;
  /** Its job. */
  job: number;
  /** Its name. */
  name: string;
  /** CAP_* capability bits. */
  caps: number;
  /** Private memory is copied at once. */
  realtime: boolean;
}

/** @internal */
export class ShareGroup {
  readonly shared = new AddressSpace('shared', SHARED_BASE, SHARED_TOP);
  /** live processes of the group, the prototype included */
  readonly members = new Set<Proc>();
}

/** A process of the kernel model, as Kernel.proc and Kernel.procs return it (read-only). */
export class Proc {
  /** The normal space or the restricted space; absent for a prototype. @internal */
  readonly own: AddressSpace | undefined;

  /** @internal */
  constructor(
    /** Its pid. */
    readonly pid: Pid,
    /** The pid of its creator (0: none). */
    readonly parent: Pid,
    /** Its job: inherited from the parent, else a new one. */
    readonly job: number,
    /** Its name (Zircon's, cut to ZX_MAX_NAME_LEN - 1 bytes). */
    readonly name: string,
    /** CAP_* capability bits. */
    readonly caps: number,
    /** Private memory is copied at once instead of on first write. */
    readonly realtime: boolean,
    /** Normal, share-group prototype or member. */
    readonly kind: ProcKind,
    /** Its share group, for a prototype or member. @internal */
    readonly group?: ShareGroup,
  ) {
    if (kind === 'normal') this.own = new AddressSpace('normal', USER_BASE, USER_TOP);
    else if (kind === 'member') this.own = new AddressSpace('restricted', RESTRICTED_BASE, RESTRICTED_TOP);
    else this.own = undefined;
  }

  /** Its pid, parent, job, name, caps and realtime as plain data. @internal */
  identity(): ProcIdentity {
    return { pid: this.pid, parent: this.parent, job: this.job, name: this.name, caps: this.caps, realtime: this.realtime };
  }

  /** The address spaces this process sees in normal mode, in address order. @internal */
  spaces(): AddressSpace[] {
    const out: AddressSpace[] = [];
    if (this.own !== undefined) out.push(this.own);
    if (this.group !== undefined) out.push(this.group.shared);
    return out;
  }

  /** The space holding all of [addr, addr+len), if one does. @internal */
  spaceFor(addr: number, len: number): AddressSpace | undefined {
    for (const s of this.spaces()) if (s.holds(addr, len)) return s;
    return undefined;
  }

  /** Where auto placement puts memory: the shared space if asked (or the only one), else the own. @internal */
  defaultSpace(sharedRegion: boolean): AddressSpace | undefined {
    if (sharedRegion) return this.group?.shared;
    return this.own ?? this.group?.shared;
  }
}
