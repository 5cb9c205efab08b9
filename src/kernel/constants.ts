// Constants of the kernel model: the user address range (9front amd64 = Zircon x86-64), the
// rights and segment flags of the SRR calls, vm_offer flags and Zircon options.

import { BY2PG, USTKTOP, UTZERO } from '../lib9/mem.js';

/** One page, 9front amd64's BY2PG. */
export const PAGE = BY2PG;
/** 9front amd64 UTZERO = Zircon USER_ASPACE_BASE */
export const USER_BASE = UTZERO;
/** 9front amd64 USTKTOP = Zircon x86-64 user top */
export const USER_TOP = USTKTOP;
/** Start of a Zircon member's restricted region (its own memory). */
export const RESTRICTED_BASE = 0x200000;
/** End of a member's restricted region: 1 << 46. */
export const RESTRICTED_TOP = 0x400000000000;
/** Start of a share group's shared region, after one guard page above RESTRICTED_TOP. */
export const SHARED_BASE = 0x400000001000;
/** End of a share group's shared region: USER_TOP. */
export const SHARED_TOP = USER_TOP;

// rights: same bit positions as ZX_VM_PERM_* and VMO_GRANT_*
/** Right: read (the same bit as ZX_VM_PERM_READ and VMO_GRANT_R). */
export const PERM_R = 0x1;
/** Right: write. */
export const PERM_W = 0x2;
/** Right: execute. */
export const PERM_X = 0x4;
/** All three rights. */
export const PERM_RWX = 0x7;
// segment flags (same word as the rights)
/** in/out: writes go to a private copy (COW) */
export const SEG_PRIVATE = 0x100;
/** in: with SEG_PRIVATE, copy now (real-time) */
export const SEG_EAGER = 0x200;
/** in: auto-place in the shared region; out: lies there */
export const SEG_SHARED_REGION = 0x400;
/** out: private copy already made */
export const SEG_COPIED = 0x1000;
/** out: Plan 9 segment (never merged, tail-only shrink) */
export const SEG_SEGMENTED = 0x2000;
// vm_offer flags
/** vm_offer flag: the claimer may read. */
export const VMO_GRANT_R = 0x01;
/** vm_offer flag: the claimer may write. */
export const VMO_GRANT_W = 0x02;
/** vm_offer flag: the claimer may execute. */
export const VMO_GRANT_X = 0x04;
/** vm_offer flags: every right the sender has (clipped to them). */
export const VMO_GRANTALL = 0x07;
/** vm_offer flag: at claim time the sender loses read on the range. */
export const VMO_DROP_R = 0x10;
/** vm_offer flag: at claim time the sender loses write on the range. */
export const VMO_DROP_W = 0x20;
/** vm_offer flag: at claim time the sender loses execute on the range. */
export const VMO_DROP_X = 0x40;
/** vm_offer flags: at claim time the sender loses every right: the range moves to the claimer. */
export const VMO_DISOWN = 0x70;
// capabilities
/** Capability: the process may name another process (target ≠ 0) in the calls on a target (segAlloc, memRead, …); without it they return -EPERM. */
export const CAP_PROC_SEGMENT = 1 << 1;
// Zircon
/** procCreate option: the new process is a prototype, with only a shared region that members (procCreateShared) join. */
export const ZX_PROCESS_SHARED = 1;
/** Zircon ZX_MAX_NAME_LEN: a process name is at most this many bytes, the NUL included. */
export const ZX_MAX_NAME_LEN = 32;
