// Proc and ShareGroup: a process of the kernel model and the Zircon share group whose shared
// address space its members have in common.

import { AddressSpace } from './engine/address-space.js';
import { RESTRICTED_BASE, RESTRICTED_TOP, SHARED_BASE, SHARED_TOP, USER_BASE, USER_TOP } from './constants.js';

export type Pid = number;

/** 'normal': [USER_BASE, USER_TOP); 'prototype': the shared region only; 'member': restricted + shared. */
export type ProcKind = 'normal' | 'prototype' | 'member';

export class ShareGroup {
  readonly shared = new AddressSpace('shared', SHARED_BASE, SHARED_TOP);
  /** live processes of the group, the prototype included */
  readonly members = new Set<Proc>();
}

export class Proc {
  /** The normal space or the restricted space; absent for a prototype. */
  readonly own: AddressSpace | undefined;

  constructor(
    readonly pid: Pid,
    readonly parent: Pid,
    readonly job: number,
    readonly name: string,
    readonly caps: number,
    readonly realtime: boolean,
    readonly kind: ProcKind,
    readonly group?: ShareGroup,
  ) {
    if (kind === 'normal') this.own = new AddressSpace('normal', USER_BASE, USER_TOP);
    else if (kind === 'member') this.own = new AddressSpace('restricted', RESTRICTED_BASE, RESTRICTED_TOP);
    else this.own = undefined;
  }

  /** The address spaces this process sees in normal mode, in address order. */
  spaces(): AddressSpace[] {
    const out: AddressSpace[] = [];
    if (this.own !== undefined) out.push(this.own);
    if (this.group !== undefined) out.push(this.group.shared);
    return out;
  }

  /** The space holding all of [addr, addr+len), if one does. */
  spaceFor(addr: number, len: number): AddressSpace | undefined {
    for (const s of this.spaces()) if (s.holds(addr, len)) return s;
    return undefined;
  }

  /** Where auto placement puts memory: the shared space if asked (or the only one), else the own. */
  defaultSpace(sharedRegion: boolean): AddressSpace | undefined {
    if (sharedRegion) return this.group?.shared;
    return this.own ?? this.group?.shared;
  }
}
