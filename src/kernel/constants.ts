// Constants of the kernel model: the user address range (9front amd64 = Zircon x86-64), the
// rights and segment flags of the SRR calls, vm_offer flags and Zircon options.

import { BY2PG, USTKTOP, UTZERO } from '../lib9/mem.js';

/** One page, 9front amd64's BY2PG. */
export const PAGE = BY2PG;
/** 9front amd64 UTZERO = Zircon USER_ASPACE_BASE */
export const USER_BASE = UTZERO;
/** 9front amd64 USTKTOP = Zircon x86-64 user top */
export const USER_TOP = USTKTOP;
export const RESTRICTED_BASE = 0x200000;
/** 1 << 46 */
export const RESTRICTED_TOP = 0x400000000000;
/** after one guard page */
export const SHARED_BASE = 0x400000001000;
export const SHARED_TOP = USER_TOP;

// rights: same bit positions as ZX_VM_PERM_* and VMO_GRANT_*
export const PERM_R = 0x1;
export const PERM_W = 0x2;
export const PERM_X = 0x4;
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
export const VMO_GRANT_R = 0x01;
export const VMO_GRANT_W = 0x02;
export const VMO_GRANT_X = 0x04;
export const VMO_GRANTALL = 0x07;
export const VMO_DROP_R = 0x10;
export const VMO_DROP_W = 0x20;
export const VMO_DROP_X = 0x40;
export const VMO_DISOWN = 0x70;
// capabilities
export const CAP_PROC_SEGMENT = 1 << 1;
// Zircon
export const ZX_PROCESS_SHARED = 1;
export const ZX_MAX_NAME_LEN = 32;
