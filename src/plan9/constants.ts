// Plan 9 segment types, flags and process slots (9front port/portdat.h, libc.h).

export const SG_TYPE = 0o7;
export const SG_TEXT = 0o0;
export const SG_DATA = 0o1;
export const SG_BSS = 0o2;
export const SG_STACK = 0o3;
export const SG_SHARED = 0o4;
export const SG_PHYSICAL = 0o5;
export const SG_FIXED = 0o6;
export const SG_STICKY = 0o7;

export const SG_RONLY = 0o40;
export const SG_CEXEC = 0o100;
export const SG_FAULT = 0o200;
export const SG_CACHED = 0o400;
export const SG_DEVICE = 0o1000;
export const SG_NOEXEC = 0o2000;

/** /proc/N/segment's names for the types, indexed by type & SG_TYPE. */
export const sname = ['Text', 'Data', 'Bss', 'Stack', 'Shared', 'Phys', 'Fixed', 'Sticky'] as const;

// process segment slots
export const SSEG = 0;
export const TSEG = 1;
export const DSEG = 2;
export const BSEG = 3;
/** exec's temporary slot: never handed out by segattach */
export const ESEG = 4;
export const LSEG = 5;
export const NSEG = 10;

/** 9front's rfork flag that shares data and bss with the child. */
export const RFMEM = 1 << 5;
