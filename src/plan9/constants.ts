// Plan 9 segment types, flags and process slots (9front port/portdat.h, libc.h).

/** Mask of a segment's type in its attr word. */
export const SG_TYPE = 0o7;
/** Segment type: program text (read-only, shared through the image cache). */
export const SG_TEXT = 0o0;
/** Segment type: initialised data. */
export const SG_DATA = 0o1;
/** Segment type: bss (zero-filled data that segbrk grows). */
export const SG_BSS = 0o2;
/** Segment type: the stack. */
export const SG_STACK = 0o3;
/** Segment type: shared memory (the #g segments and the "shared" class). */
export const SG_SHARED = 0o4;
/** Segment type: physical memory. */
export const SG_PHYSICAL = 0o5;
/** Segment type: fixed memory (only eve may make one). */
export const SG_FIXED = 0o6;
/** Segment type: sticky memory (only eve may make one). */
export const SG_STICKY = 0o7;

/** Segment attribute: read-only. */
export const SG_RONLY = 0o40;
/** Segment attribute: detached at exec. */
export const SG_CEXEC = 0o100;
/** Segment attribute: every access faults. */
export const SG_FAULT = 0o200;
/** Segment attribute: cached memory (set by the physical class). */
export const SG_CACHED = 0o400;
/** Segment attribute: device memory (set by the physical class). */
export const SG_DEVICE = 0o1000;
/** Segment attribute: no execute right. */
export const SG_NOEXEC = 0o2000;

/** /proc/N/segment's names for the types, indexed by type & SG_TYPE. */
export const sname = ['Text', 'Data', 'Bss', 'Stack', 'Shared', 'Phys', 'Fixed', 'Sticky'] as const;

// process segment slots
/** Process slot of the stack. */
export const SSEG = 0;
/** Process slot of the text. */
export const TSEG = 1;
/** Process slot of the data. */
export const DSEG = 2;
/** Process slot of the bss. */
export const BSEG = 3;
/** exec's temporary slot: never handed out by segattach */
export const ESEG = 4;
/** First slot segattach hands out. */
export const LSEG = 5;
/** Number of segment slots of a process. */
export const NSEG = 10;

/** 9front's rfork flag that shares data and bss with the child. */
export const RFMEM = 1 << 5;
